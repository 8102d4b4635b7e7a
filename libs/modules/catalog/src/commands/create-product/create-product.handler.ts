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
    const product = Product.create({
      sku: request.sku,
      name: request.name,
      description: request.description,
      price: Money.of(request.price.amount, request.price.currency),
      weightGrams: request.weightGrams,
    });
    await this.products.insert(product);
    return toProductDto(product);
  }
}
