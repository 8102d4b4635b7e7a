import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { ListProductsQuery } from './list-products.query.js';
import type { ProductPageDto } from './product-page.dto.js';

@QueryHandler(ListProductsQuery)
export class ListProductsHandler implements IQueryHandler<ListProductsQuery> {
  constructor(private readonly products: ProductStore) {}

  async execute(query: ListProductsQuery): Promise<ProductPageDto> {
    const { items, total } = await this.products.list({
      active: query.active,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { items: items.map(toProductDto), page: query.page, pageSize: query.pageSize, total };
  }
}
