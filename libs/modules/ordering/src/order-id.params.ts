import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class OrderIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
