import { Controller } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetProductsRequest, type GetProductsResponse } from '../../contract/index.js';
import { GetProductsQuery } from './get-products.query.js';

@Controller()
export class GetProductsMessageController {
  constructor(private readonly queries: QueryBus) {}

  @MessagePattern('catalog.get-products')
  getProducts(@Payload() request: GetProductsRequest): Promise<GetProductsResponse> {
    return this.queries.execute(new GetProductsQuery(request.skus));
  }
}
