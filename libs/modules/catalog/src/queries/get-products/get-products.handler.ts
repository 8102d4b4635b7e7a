import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { GetProductsResponse } from '../../contract/index.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { GetProductsQuery } from './get-products.query.js';

@QueryHandler(GetProductsQuery)
export class GetProductsHandler implements IQueryHandler<GetProductsQuery> {
  constructor(private readonly products: ProductStore) {}

  async execute(query: GetProductsQuery): Promise<GetProductsResponse> {
    const skus = [...new Set(query.skus)];
    const found = new Map((await this.products.findBySkus(skus)).map((p) => [p.props.sku, p]));
    return {
      products: skus.flatMap((sku) => {
        const product = found.get(sku);
        return product ? [toProductDto(product)] : [];
      }),
      missing: skus.filter((sku) => !found.has(sku)),
    };
  }
}
