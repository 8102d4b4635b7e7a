import { InvalidQuantityError, OutOfStockError } from './inventory.errors.js';

export interface WarehouseAvailability {
  readonly warehouse: string;
  readonly available: number;
}

export interface Allocation {
  readonly sku: string;
  readonly warehouse: string;
  readonly quantity: number;
}

/**
 * Takes `quantity` of `sku` from the warehouses with the most available first (fewest parcels),
 * ties broken by warehouse name so the result is deterministic.
 * @throws OutOfStockError when all warehouses together have too little, InvalidQuantityError
 *   unless `quantity` is a positive whole number (a fraction would be rounded by the store, and
 *   zero or less would hold nothing yet pass for a reservation).
 */
export function allocate(
  sku: string,
  quantity: number,
  warehouses: readonly WarehouseAvailability[],
): Allocation[] {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw new InvalidQuantityError(sku, quantity);
  const total = warehouses.reduce((sum, w) => sum + Math.max(0, w.available), 0);
  if (total < quantity) throw new OutOfStockError(sku, quantity, total);
  const ordered = [...warehouses].sort(
    (a, b) => b.available - a.available || a.warehouse.localeCompare(b.warehouse),
  );
  const allocations: Allocation[] = [];
  let remaining = quantity;
  for (const { warehouse, available } of ordered) {
    if (remaining === 0) break;
    const take = Math.min(available, remaining);
    if (take > 0) allocations.push({ sku, warehouse, quantity: take });
    remaining -= take;
  }
  return allocations;
}

/** Merges repeated SKUs of an order into one line each, in SKU order (the lock order). */
export function mergeLines(
  lines: readonly { sku: string; quantity: number }[],
): { sku: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of lines) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, quantity]) => ({ sku, quantity }));
}
