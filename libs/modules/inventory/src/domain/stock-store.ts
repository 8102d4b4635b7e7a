import type { Reservation } from './reservation.js';

/** One SKU in one warehouse: what is there, and how much of it orders hold. */
export interface StockLevel {
  readonly sku: string;
  readonly warehouse: string;
  readonly onHand: number;
  readonly reserved: number;
}

/**
 * Port: stock and reservations. Each operation is one transaction; stock never goes negative
 * (the store enforces it), and reserve/release/commit are idempotent per order.
 */
export abstract class StockStore {
  /** All lines or nothing. A second call for the same order returns the first reservation. */
  abstract reserve(
    orderId: string,
    lines: readonly { sku: string; quantity: number }[],
    holdSeconds: number,
  ): Promise<Reservation>;
  /** @returns the reservation after release, or undefined if the order reserved nothing. */
  abstract release(orderId: string): Promise<Reservation | undefined>;
  abstract commit(orderId: string): Promise<Reservation>;
  /** Releases up to `limit` held reservations past their expiry. @returns the order ids released. */
  abstract releaseExpired(limit: number): Promise<string[]>;
  abstract setLevel(sku: string, warehouse: string, onHand: number): Promise<StockLevel>;
  abstract levels(sku: string): Promise<StockLevel[]>;
  abstract find(orderId: string): Promise<Reservation | undefined>;
}
