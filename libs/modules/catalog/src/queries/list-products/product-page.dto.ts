import { ApiProperty } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] })
  items!: ProductDto[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;

  @ApiProperty({ example: 42, description: 'Products matching the filter, on all pages' })
  total!: number;
}
