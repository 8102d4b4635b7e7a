import { Public } from '#platform/http';
import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListProductsQuery } from './list-products.query.js';
import { ListProductsRequest } from './list-products.request.js';
import { ProductPageDto } from './product-page.dto.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/products')
export class ListProductsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List products, a page at a time' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid (VALIDATION_FAILED)' })
  @ApiOkResponse({ type: ProductPageDto })
  list(@QueryParams() request: ListProductsRequest): Promise<ProductPageDto> {
    return this.queries.execute(
      new ListProductsQuery(request.page, request.pageSize, request.active),
    );
  }
}
