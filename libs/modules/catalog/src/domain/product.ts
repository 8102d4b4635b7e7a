import type { Money } from '#platform/domain';
import { InvalidProductError } from './catalog.errors.js';

export interface ProductProps {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly price: Money;
  readonly weightGrams: number;
  readonly active: boolean;
  readonly updatedAt: Date;
}

/** Something the shop sells. Prices are Money (integer minor units); weights whole grams. */
export class Product {
  private constructor(readonly props: ProductProps) {}

  /** A new, active product. */
  static create(props: Omit<ProductProps, 'active' | 'updatedAt'>): Product {
    if (!Number.isSafeInteger(props.weightGrams) || props.weightGrams <= 0) {
      throw new InvalidProductError(
        `weightGrams must be a positive integer, got ${props.weightGrams}`,
        { weightGrams: props.weightGrams },
      );
    }
    return new Product({ ...props, active: true, updatedAt: new Date() });
  }

  /** Rebuilds a stored product; stored data already satisfied the rules when written. */
  static restore(props: ProductProps): Product {
    return new Product(props);
  }
}
