import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { allocate, mergeLines, type Allocation } from '../domain/allocation.js';
import {
  ReservationCommittedError,
  ReservationNotFoundError,
  ReservationReleasedError,
  StockBelowReservedError,
} from '../domain/inventory.errors.js';
import {
  StockLedger,
  type HeldStatus,
  type Reservation,
  type StockLevel,
} from '../domain/stock-ledger.js';

/**
 * Stock in `inventory.stock` (CHECK 0 <= reserved <= on_hand), reservations in
 * `inventory.reservations` + `reservation_lines`. Concurrency: stock rows are locked per SKU in
 * SKU order (no deadlocks); status changes are conditional updates (`WHERE status = 'HELD'`),
 * so a repeated or concurrent release/commit changes stock at most once.
 */
@Injectable()
export class PostgresStockLedger extends StockLedger {
  constructor(@InjectDataSource('inventory') private readonly db: DataSource) {
    super();
  }

  async reserve(
    orderId: string,
    lines: readonly { sku: string; quantity: number }[],
    holdSeconds: number,
  ): Promise<Reservation> {
    return this.db.transaction(async (tx) => {
      // Claims the order first: a concurrent reserve of the same order waits here, then sees it.
      const claimed = (await tx.query(
        `INSERT INTO inventory.reservations (order_id, status, expires_at)
         VALUES ($1, 'HELD', now() + make_interval(secs => $2)) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId, holdSeconds],
      )) as unknown[];
      if (claimed.length === 0) {
        const existing = (await this.load(tx, orderId))!;
        // A repeat must not pass for a hold that is gone (released or expired).
        if (existing.status === 'RELEASED') throw new ReservationReleasedError(orderId);
        return existing;
      }

      for (const line of mergeLines(lines)) {
        const warehouses = (await tx.query(
          `SELECT warehouse, on_hand - reserved AS available FROM inventory.stock
            WHERE sku = $1 AND on_hand > reserved ORDER BY warehouse FOR UPDATE`,
          [line.sku],
        )) as { warehouse: string; available: number }[];
        for (const allocation of allocate(line.sku, line.quantity, warehouses)) {
          await tx.query(
            `UPDATE inventory.stock SET reserved = reserved + $3, updated_at = now() WHERE sku = $1 AND warehouse = $2`,
            [allocation.sku, allocation.warehouse, allocation.quantity],
          );
          await tx.query(
            `INSERT INTO inventory.reservation_lines (order_id, sku, warehouse, quantity) VALUES ($1, $2, $3, $4)`,
            [orderId, allocation.sku, allocation.warehouse, allocation.quantity],
          );
        }
      }
      return (await this.load(tx, orderId))!;
    });
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    return this.db.transaction(async (tx) => {
      if (await this.transition(tx, orderId, 'RELEASED')) {
        await this.adjustStock(tx, orderId, 'reserved = reserved - $3');
      } else {
        const existing = await this.load(tx, orderId);
        if (existing?.status === 'COMMITTED') throw new ReservationCommittedError(orderId);
      }
      return this.load(tx, orderId);
    });
  }

  async commit(orderId: string): Promise<Reservation> {
    return this.db.transaction(async (tx) => {
      if (await this.transition(tx, orderId, 'COMMITTED')) {
        await this.adjustStock(tx, orderId, 'reserved = reserved - $3, on_hand = on_hand - $3');
      }
      const reservation = await this.load(tx, orderId);
      if (!reservation) throw new ReservationNotFoundError(orderId);
      if (reservation.status === 'RELEASED') throw new ReservationReleasedError(orderId);
      return reservation;
    });
  }

  /**
   * One transaction per reservation, so the sweep locks stock rows in SKU order like every other
   * writer (a batch in expiry order could deadlock with a concurrent reserve).
   */
  async releaseExpired(limit: number): Promise<string[]> {
    const released: string[] = [];
    while (released.length < limit) {
      const orderId = await this.db.transaction(async (tx) => {
        const [expired] = (await tx.query(
          `SELECT order_id FROM inventory.reservations
            WHERE status = 'HELD' AND expires_at < now()
            ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        )) as { order_id: string }[];
        if (!expired) return undefined;
        await this.transition(tx, expired.order_id, 'RELEASED');
        await this.adjustStock(tx, expired.order_id, 'reserved = reserved - $3');
        return expired.order_id;
      });
      if (!orderId) break;
      released.push(orderId);
    }
    return released;
  }

  async setLevel(sku: string, warehouse: string, onHand: number): Promise<StockLevel> {
    const rows = (await this.db.query(
      `INSERT INTO inventory.stock (sku, warehouse, on_hand) VALUES ($1, $2, $3)
       ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()
        WHERE inventory.stock.reserved <= EXCLUDED.on_hand
       RETURNING sku, warehouse, on_hand, reserved`,
      [sku, warehouse, onHand],
    )) as StockRow[];
    if (rows.length === 0) throw new StockBelowReservedError(sku, warehouse, onHand);
    return toLevel(rows[0]!);
  }

  async levels(sku: string): Promise<StockLevel[]> {
    const rows = (await this.db.query(
      `SELECT sku, warehouse, on_hand, reserved FROM inventory.stock WHERE sku = $1 ORDER BY warehouse`,
      [sku],
    )) as StockRow[];
    return rows.map(toLevel);
  }

  find(orderId: string): Promise<Reservation | undefined> {
    return this.load(this.db.manager, orderId);
  }

  /** HELD → `to`, only if still HELD. @returns whether this call made the change. */
  private async transition(
    tx: EntityManager,
    orderId: string,
    to: Exclude<HeldStatus, 'HELD'>,
  ): Promise<boolean> {
    const [rows] = (await tx.query(
      `UPDATE inventory.reservations SET status = $2, updated_at = now()
        WHERE order_id = $1 AND status = 'HELD' RETURNING order_id`,
      [orderId, to],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  private async adjustStock(tx: EntityManager, orderId: string, assignment: string): Promise<void> {
    const lines = (await tx.query(
      `SELECT sku, warehouse, quantity FROM inventory.reservation_lines WHERE order_id = $1 ORDER BY sku, warehouse`,
      [orderId],
    )) as Allocation[];
    for (const line of lines) {
      await tx.query(
        `UPDATE inventory.stock SET ${assignment}, updated_at = now() WHERE sku = $1 AND warehouse = $2`,
        [line.sku, line.warehouse, line.quantity],
      );
    }
  }

  private async load(tx: EntityManager, orderId: string): Promise<Reservation | undefined> {
    const [header] = (await tx.query(
      `SELECT order_id, status, expires_at FROM inventory.reservations WHERE order_id = $1`,
      [orderId],
    )) as { order_id: string; status: HeldStatus; expires_at: Date }[];
    if (!header) return undefined;
    const lines = (await tx.query(
      `SELECT sku, warehouse, quantity FROM inventory.reservation_lines WHERE order_id = $1 ORDER BY sku, warehouse`,
      [orderId],
    )) as Allocation[];
    return { orderId: header.order_id, status: header.status, lines, expiresAt: header.expires_at };
  }
}

interface StockRow {
  sku: string;
  warehouse: string;
  on_hand: number;
  reserved: number;
}

function toLevel(row: StockRow): StockLevel {
  return { sku: row.sku, warehouse: row.warehouse, onHand: row.on_hand, reserved: row.reserved };
}
