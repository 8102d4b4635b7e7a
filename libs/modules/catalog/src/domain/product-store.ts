import type { Money } from '#platform/domain';
import type { Product } from './product.js';

export interface ProductPage {
  readonly items: readonly Product[];
  readonly total: number;
}

/**
 * Port: where products are kept. Each write is one atomic statement (no read-modify-write)
 * that also records the product's new state as a ProductChanged event.
 */
export abstract class ProductStore {
  /** @throws ProductAlreadyExistsError when the SKU is taken. */
  abstract insert(product: Product): Promise<void>;
  abstract findBySkus(skus: readonly string[]): Promise<Product[]>;
  abstract list(filter: { active?: boolean; offset: number; limit: number }): Promise<ProductPage>;
  /** @returns the updated product, or undefined when the SKU does not exist. */
  abstract changePrice(sku: string, price: Money): Promise<Product | undefined>;
  /** Idempotent. @returns the product, or undefined when the SKU does not exist. */
  abstract deactivate(sku: string): Promise<Product | undefined>;
}
