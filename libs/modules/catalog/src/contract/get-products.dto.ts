import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, Matches } from 'class-validator';
import { SKU_PATTERN } from '#contracts/shared';
import { ProductDto } from './product.dto.js';

export class GetProductsRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @Matches(SKU_PATTERN, { each: true, message: 'each value in skus must be a SKU (A-Z, 0-9, -)' })
  skus!: string[];
}

export class GetProductsResponse {
  /** Found products, active or not, in the order asked for. */
  @ApiProperty({ type: [ProductDto] })
  products!: ProductDto[];

  /** SKUs asked for that do not exist. */
  @ApiProperty({ type: [String] })
  missing!: string[];
}
