import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ProductDto } from '../../contract/index.js';
import { ProductNotFoundError } from '../../domain/catalog.errors.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import { GetProductQuery } from './get-product.query.js';

@QueryHandler(GetProductQuery)
export class GetProductHandler implements IQueryHandler<GetProductQuery> {
  constructor(private readonly products: ProductStore) {}

  async execute(query: GetProductQuery): Promise<ProductDto> {
    const product = await this.products.findBySku(query.sku);
    if (!product) throw new ProductNotFoundError(query.sku);
    return toProductDto(product);
  }
}
