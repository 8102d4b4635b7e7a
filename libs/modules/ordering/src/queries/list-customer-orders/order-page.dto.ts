import { ApiProperty } from '@nestjs/swagger';
import { OrderDto } from '../../contract/index.js';

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
