import { Injectable } from '@nestjs/common';
import type { MoneyDto } from '#contracts/shared';
import { Money } from '#platform/domain';
import type { ProductDto } from '../../contract/index.js';
import { ProductNotFoundError } from '../../domain/catalog.errors.js';
import { ProductStore } from '../../domain/product-store.js';
import { toProductDto } from '../../product-dto.mapper.js';

@Injectable()
export class ChangePriceHandler {
  constructor(private readonly products: ProductStore) {}

  async execute(sku: string, price: MoneyDto): Promise<ProductDto> {
    const product = await this.products.changePrice(sku, Money.of(price.amount, price.currency));
    if (!product) throw new ProductNotFoundError(sku);
    return toProductDto(product);
  }
}
