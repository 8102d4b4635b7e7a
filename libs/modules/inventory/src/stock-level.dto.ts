import { ApiProperty } from '@nestjs/swagger';

export class StockLevelDto {
  @ApiProperty({ example: 'MUG-BLUE-350' }) sku!: string;
  @ApiProperty({ example: 'BER-1' }) warehouse!: string;
  @ApiProperty({ example: 40 }) onHand!: number;
  @ApiProperty({ example: 3 }) reserved!: number;
  @ApiProperty({ example: 37 }) available!: number;
}

export function toStockLevelDto(level: {
  sku: string;
  warehouse: string;
  onHand: number;
  reserved: number;
}): StockLevelDto {
  return { ...level, available: level.onHand - level.reserved };
}
