import { describe, expect, it } from '@jest/globals';
import { allocate, mergeLines } from './allocation.js';
import { InvalidQuantityError, OutOfStockError } from './inventory.errors.js';

describe('allocate', () => {
  it('takes everything from the warehouse with the most available when it has enough', () => {
    const warehouses = [
      { warehouse: 'BER', available: 3 },
      { warehouse: 'HAM', available: 10 },
    ];
    expect(allocate('MUG', 3, warehouses)).toEqual([{ sku: 'MUG', warehouse: 'HAM', quantity: 3 }]);
  });

  it('splits across warehouses, fullest first, when none has enough alone', () => {
    const warehouses = [
      { warehouse: 'BER', available: 2 },
      { warehouse: 'HAM', available: 4 },
      { warehouse: 'MUC', available: 3 },
    ];
    expect(allocate('MUG', 8, warehouses)).toEqual([
      { sku: 'MUG', warehouse: 'HAM', quantity: 4 },
      { sku: 'MUG', warehouse: 'MUC', quantity: 3 },
      { sku: 'MUG', warehouse: 'BER', quantity: 1 },
    ]);
  });

  it('breaks ties by warehouse name, whatever order the warehouses come in', () => {
    const one = allocate('MUG', 5, [
      { warehouse: 'MUC', available: 5 },
      { warehouse: 'BER', available: 5 },
    ]);
    const other = allocate('MUG', 5, [
      { warehouse: 'BER', available: 5 },
      { warehouse: 'MUC', available: 5 },
    ]);
    expect(one).toEqual([{ sku: 'MUG', warehouse: 'BER', quantity: 5 }]);
    expect(other).toEqual(one);
  });

  it('takes the last unit available', () => {
    expect(
      allocate('MUG', 7, [
        { warehouse: 'BER', available: 3 },
        { warehouse: 'HAM', available: 4 },
      ]),
    ).toEqual([
      { sku: 'MUG', warehouse: 'HAM', quantity: 4 },
      { sku: 'MUG', warehouse: 'BER', quantity: 3 },
    ]);
  });

  it('refuses one unit more than all warehouses have, saying how much there is', () => {
    const warehouses = [
      { warehouse: 'BER', available: 3 },
      { warehouse: 'HAM', available: 4 },
    ];
    expect(() => allocate('MUG', 8, warehouses)).toThrow(OutOfStockError);
    expect(() => allocate('MUG', 8, warehouses)).toThrow('Only 7 of MUG available, 8 requested');
    expect(() => allocate('MUG', 1, [])).toThrow(OutOfStockError);
  });

  it('never takes from empty or over-reserved warehouses, nor counts them', () => {
    const warehouses = [
      { warehouse: 'BER', available: 0 },
      { warehouse: 'HAM', available: -2 },
      { warehouse: 'MUC', available: 2 },
    ];
    expect(allocate('MUG', 2, warehouses)).toEqual([{ sku: 'MUG', warehouse: 'MUC', quantity: 2 }]);
    // -2 must not lower the total: 2 are available, 3 are not.
    expect(() => allocate('MUG', 3, warehouses)).toThrow(OutOfStockError);
  });

  it('allocates a large order without losing units', () => {
    const warehouses = Array.from({ length: 50 }, (_, i) => ({
      warehouse: `W${String(i).padStart(2, '0')}`,
      available: 1000 + i,
    }));
    const allocations = allocate('MUG', 40_000, warehouses);
    expect(allocations.reduce((sum, a) => sum + a.quantity, 0)).toBe(40_000);
    for (const allocation of allocations) {
      const warehouse = warehouses.find((w) => w.warehouse === allocation.warehouse)!;
      expect(allocation.quantity).toBeLessThanOrEqual(warehouse.available);
    }
  });

  it('refuses zero, negative and fractional quantities instead of holding nothing', () => {
    const warehouses = [{ warehouse: 'BER', available: 10 }];
    for (const quantity of [0, -3, 1.5, Number.NaN]) {
      expect(() => allocate('MUG', quantity, warehouses)).toThrow(InvalidQuantityError);
    }
  });
});

describe('mergeLines', () => {
  it('adds up repeated SKUs into one line each', () => {
    expect(
      mergeLines([
        { sku: 'MUG', quantity: 1 },
        { sku: 'CUP', quantity: 2 },
        { sku: 'MUG', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'CUP', quantity: 2 },
      { sku: 'MUG', quantity: 4 },
    ]);
  });

  it('orders the lines by SKU, the order stock rows are locked in', () => {
    expect(
      mergeLines([
        { sku: 'TEA-2', quantity: 1 },
        { sku: 'MUG', quantity: 1 },
        { sku: 'TEA-1', quantity: 1 },
      ]).map((line) => line.sku),
    ).toEqual(['MUG', 'TEA-1', 'TEA-2']);
  });

  it('returns no lines for none', () => {
    expect(mergeLines([])).toEqual([]);
  });
});
