import { Injectable } from '@nestjs/common';
import type { ProductDto } from '../../contract/index.js';
import { ProductNotFoundError } from '../../domain/catalog.errors.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';

@Injectable()
export class GetProductHandler {
  constructor(private readonly products: ProductStore) {}

  async execute(sku: string): Promise<ProductDto> {
    const [product] = await this.products.findBySkus([sku]);
    if (!product) throw new ProductNotFoundError(sku);
    return toProductDto(product);
  }
}
