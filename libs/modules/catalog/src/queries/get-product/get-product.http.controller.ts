import { Public } from '#platform/http';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductDto } from '../../contract/index.js';
import { SkuParams } from '../../sku.params.js';
import { GetProductQuery } from './get-product.query.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/products')
export class GetProductHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':sku')
  @ApiOperation({ summary: 'Get a product by its SKU' })
  @ApiOkResponse({ type: ProductDto })
  @ApiNotFoundResponse({ description: 'No product with this SKU (PRODUCT_NOT_FOUND)' })
  get(@Param() params: SkuParams): Promise<ProductDto> {
    return this.queries.execute(new GetProductQuery(params.sku));
  }
}
