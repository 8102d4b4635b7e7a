import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetStockLevelRequest {
  @ApiProperty({ example: 40, description: 'Units on hand, counted' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  onHand!: number;
}
