import type { ProductDto } from './contract/index.js';
import type { Product } from './domain/product.js';

/** Domain product → the contract's JSON shape (ISO time strings, Money as {amount, currency}). */
export function toProductDto(product: Product): ProductDto {
  const { price, updatedAt } = product.props;
  return { ...product.props, price: price.toJSON(), updatedAt: updatedAt.toISOString() };
}
