import type { ProductDto } from './contract/index.js';
import type { Product } from './domain/product.js';

/**
 * Domain product → the contract's JSON shape (ISO time strings, Money as {amount, currency}).
 * Field by field, so nothing added to the domain object reaches a response unnoticed.
 */
export function toProductDto(product: Product): ProductDto {
  const { sku, name, description, price, weightGrams, active, updatedAt } = product.props;
  const updated = updatedAt.toISOString();
  return { sku, name, description, price: price.toJSON(), weightGrams, active, updatedAt: updated };
}
