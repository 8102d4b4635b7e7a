import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from '#contracts/shared';

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
