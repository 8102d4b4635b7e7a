import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { Catalog, GetProductsRequest, type GetProductsResponse } from '../../contract/index.js';
import { GetProductsHandler } from './get-products.handler.js';

@Controller()
export class GetProductsMessageController {
  constructor(private readonly getProductsHandler: GetProductsHandler) {}

  @Handles(Catalog, 'catalog.get-products')
  getProducts(@Payload() request: GetProductsRequest): Promise<GetProductsResponse> {
    return this.getProductsHandler.execute(request);
  }
}
