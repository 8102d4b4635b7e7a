import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SKU_PATTERN } from '#contracts/shared';

/** Route parameters of `/catalog/products/:sku/...`. */
export class SkuParams {
  @ApiProperty({ example: 'MUG-BLUE-350' })
  @Matches(SKU_PATTERN, { message: 'sku must be 2-64 upper-case letters, digits or dashes' })
  sku!: string;
}
