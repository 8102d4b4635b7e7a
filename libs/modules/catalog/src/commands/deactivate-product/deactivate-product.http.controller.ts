import { Roles } from '#platform/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { SkuParams } from '../../sku.params.js';
import { DeactivateProductHandler } from './deactivate-product.handler.js';

@ApiTags('catalog')
@Roles('admin')
@Controller('catalog/products')
export class DeactivateProductHttpController {
  constructor(private readonly deactivateProduct: DeactivateProductHandler) {}

  @Post(':sku/deactivate')
  @ApiOperation({ summary: 'Deactivate a product, so it is no longer sold' })
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this SKU (PRODUCT_NOT_FOUND)' })
  deactivate(@Param() params: SkuParams): Promise<ProductDto> {
    return this.deactivateProduct.execute(params.sku);
  }
}
