import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from './money.dto.js';

/** SKUs are upper-case letters, digits and dashes, 2 to 64 characters. */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

export class ProductDto {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  sku!: string;

  @ApiProperty({ example: 'Blue mug, 350 ml' })
  name!: string;

  @ApiProperty({ example: 'Stoneware, dishwasher safe.' })
  description!: string;

  @ApiProperty({ type: MoneyDto })
  price!: MoneyDto;

  @ApiProperty({ example: 420 })
  weightGrams!: number;

  @ApiProperty({ description: 'Inactive products are listed but cannot be ordered' })
  active!: boolean;

  @ApiProperty({ example: '2026-11-21T10:00:00.000Z' })
  updatedAt!: string;
}
