import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CodePointLength } from '#platform/messaging';
import { MoneyDto, SKU_PATTERN } from '#contracts/shared';

export class CreateProductRequest {
  @ApiProperty({ example: 'MUG-BLUE-350', pattern: SKU_PATTERN.source })
  @Matches(SKU_PATTERN, { message: 'sku must be 2-64 upper-case letters, digits or dashes' })
  sku!: string;

  @ApiProperty({ example: 'Blue mug, 350 ml' })
  @IsString()
  @CodePointLength(1, 200)
  name!: string;

  @ApiProperty({
    type: String,
    example: 'Stoneware, dishwasher safe.',
    required: false,
    default: '',
  })
  @IsString()
  @CodePointLength(0, 5000)
  description = '';

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  price!: MoneyDto;

  @ApiProperty({ example: 420, description: 'Whole grams, at least 1' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  weightGrams!: number;
}
