import { describe, expect, it } from '@jest/globals';
import { Money } from '#platform/domain';
import { InvalidProductError } from './catalog.errors.js';
import { Product } from './product.js';

const mug = {
  sku: 'MUG-1',
  name: 'Mug',
  description: 'A mug',
  price: Money.of(1500, 'EUR'),
  weightGrams: 400,
};

describe('Product', () => {
  it('creates an active product, stamped with when it was made', () => {
    const before = Date.now();
    const product = Product.create(mug);
    expect(product.props).toMatchObject({ ...mug, active: true });
    expect(product.props.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(product.props.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('accepts a free product and the lightest and heaviest whole weights', () => {
    expect(Product.create({ ...mug, price: Money.of(0, 'EUR') }).props.price.amount).toBe(0);
    expect(Product.create({ ...mug, weightGrams: 1 }).props.weightGrams).toBe(1);
    expect(Product.create({ ...mug, weightGrams: Number.MAX_SAFE_INTEGER }).props.weightGrams).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('refuses a weight that is not a positive whole number of grams', () => {
    for (const weightGrams of [0, -1, 0.5, 400.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => Product.create({ ...mug, weightGrams })).toThrow(InvalidProductError);
    }
  });

  it('names the bad weight in the error', () => {
    expect(() => Product.create({ ...mug, weightGrams: -5 })).toThrow(
      'weightGrams must be a positive integer, got -5',
    );
  });

  it('restores a stored product as it was, inactive ones included', () => {
    const updatedAt = new Date('2026-11-30T08:00:00.000Z');
    const stored = { ...mug, active: false, updatedAt };
    expect(Product.restore(stored).props).toEqual(stored);
  });
});
