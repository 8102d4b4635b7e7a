import { Public } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { SkuParams } from '../../sku.params.js';
import { GetProductHandler } from './get-product.handler.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/products')
export class GetProductHttpController {
  constructor(private readonly getProduct: GetProductHandler) {}

  @Get(':sku')
  @ApiOperation({ summary: 'Get a product by its SKU' })
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this SKU (PRODUCT_NOT_FOUND)' })
  get(@Param() params: SkuParams): Promise<ProductDto> {
    return this.getProduct.execute(params.sku);
  }
}
