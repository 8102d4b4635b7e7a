import { ApiProperty } from '@nestjs/swagger';
import { CustomerMessageDto } from '../../contract/index.js';

export class CustomerMessagePageDto {
  @ApiProperty({ type: [CustomerMessageDto] }) items!: CustomerMessageDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
