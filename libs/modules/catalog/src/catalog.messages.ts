import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { Catalog, GetProductsRequest, type GetProductsResponse } from './contract/index.js';
import { GetProductsHandler } from './queries/get-products/get-products.handler.js';

/** The catalog contract's request/reply patterns, each answered by its use case. */
@Controller()
export class CatalogMessages implements PatternHandlers<typeof Catalog> {
  constructor(private readonly getProductsHandler: GetProductsHandler) {}

  @Handles(Catalog, 'catalog.get-products')
  getProducts(@Payload() request: GetProductsRequest): Promise<GetProductsResponse> {
    return this.getProductsHandler.execute(request);
  }
}
