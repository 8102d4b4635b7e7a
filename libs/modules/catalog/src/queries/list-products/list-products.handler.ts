import { Injectable } from '@nestjs/common';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import type { ListProductsRequest } from './list-products.request.js';
import type { ProductPageDto } from './product-page.dto.js';

@Injectable()
export class ListProductsHandler {
  constructor(private readonly products: ProductStore) {}

  async execute(request: ListProductsRequest): Promise<ProductPageDto> {
    const { items, total } = await this.products.list({
      active: request.active,
      offset: (request.page - 1) * request.pageSize,
      limit: request.pageSize,
    });
    return {
      items: items.map(toProductDto),
      page: request.page,
      pageSize: request.pageSize,
      total,
    };
  }
}
