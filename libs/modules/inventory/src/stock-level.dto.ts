import { ApiProperty } from '@nestjs/swagger';
import type { StockLevel } from './domain/stock-store.js';

export class StockLevelDto {
  @ApiProperty({ example: 'MUG-BLUE-350' }) sku!: string;
  @ApiProperty({ example: 'BER-1' }) warehouse!: string;
  @ApiProperty({ example: 40 }) onHand!: number;
  @ApiProperty({ example: 3 }) reserved!: number;
  @ApiProperty({ example: 37 }) available!: number;
}

export function toStockLevelDto(level: StockLevel): StockLevelDto {
  return { ...level, available: level.onHand - level.reserved };
}
