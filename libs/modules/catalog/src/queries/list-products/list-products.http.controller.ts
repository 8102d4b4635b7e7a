import { Public } from '#platform/http';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListProductsHandler } from './list-products.handler.js';
import { ListProductsRequest } from './list-products.request.js';
import { ProductPageDto } from './product-page.dto.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/products')
export class ListProductsHttpController {
  constructor(private readonly listProducts: ListProductsHandler) {}

  @Get()
  @ApiOperation({ summary: 'List products, a page at a time' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (VALIDATION_FAILED)' })
  @ApiOkResponse({ type: ProductPageDto })
  list(@QueryParams() request: ListProductsRequest): Promise<ProductPageDto> {
    return this.listProducts.execute(request);
  }
}
