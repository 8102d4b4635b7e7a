import { Injectable } from '@nestjs/common';
import { Money } from '#platform/domain';
import type { ProductDto } from '../../contract/index.js';
import { Product } from '../../domain/product.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';
import type { CreateProductRequest } from './create-product.request.js';

@Injectable()
export class CreateProductHandler {
  constructor(private readonly products: ProductStore) {}

  async execute(request: CreateProductRequest): Promise<ProductDto> {
    const { amount, currency } = request.price;
    const product = Product.create({ ...request, price: Money.of(amount, currency) });
    await this.products.insert(product);
    return toProductDto(product);
  }
}
