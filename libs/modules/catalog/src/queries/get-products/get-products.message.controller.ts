import { Controller } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Catalog, GetProductsRequest, type GetProductsResponse } from '../../contract/index.js';
import { GetProductsQuery } from './get-products.query.js';

@Controller()
export class GetProductsMessageController {
  constructor(private readonly queries: QueryBus) {}

  @Handles(Catalog, 'catalog.get-products')
  getProducts(@Payload() request: GetProductsRequest): Promise<GetProductsResponse> {
    return this.queries.execute(new GetProductsQuery(request.skus));
  }
}
