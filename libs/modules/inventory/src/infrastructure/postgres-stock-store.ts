import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { allocate, mergeLines, type Allocation } from '../domain/allocation.js';
import { raw, rowsOf, sql, sqlStateOf } from '#platform/persistence';
import { StockBelowReservedError } from '../domain/inventory.errors.js';
import {
  committedReservation,
  releasedReservation,
  repeatedReservation,
  type HeldStatus,
  type Reservation,
} from '../domain/reservation.js';
import { StockStore, type StockLevel } from '../domain/stock-store.js';

/**
 * Stock in `inventory.stock` (CHECK 0 <= reserved <= on_hand), reservations in
 * `inventory.reservations` + `reservation_lines`. Each operation is one statement on the hot
 * path. Concurrency: a reservation is allocated from what was read and written in one
 * statement that the CHECK rolls back if stock changed meanwhile (then read again); status
 * changes are conditional updates (`WHERE status = 'HELD'`), so a repeated or concurrent
 * release/commit changes stock at most once.
 */
@Injectable()
export class PostgresStockStore extends StockStore {
  constructor(@InjectDataSource('inventory') private readonly db: DataSource) {
    super();
  }

  async reserve(
    orderId: string,
    lines: readonly { sku: string; quantity: number }[],
    holdSeconds: number,
  ): Promise<Reservation> {
    const wanted = mergeLines(lines);
    for (let attempt = 1; ; attempt++) {
      // Read without locks, allocate here, then write everything in one statement. Stock that
      // changed in between makes the write break the CHECK (reserved <= on_hand) and roll back
      // as a whole; the next attempt reads again.
      const [seen] = await rowsOf<{ existing: boolean; stock: StockLevel[] }>(
        this.db,
        sql`SELECT EXISTS (SELECT 1 FROM inventory.reservations WHERE order_id = ${orderId}) AS existing,
                   coalesce((SELECT json_agg(s) FROM (
                               SELECT ${LEVEL_COLUMNS} FROM inventory.stock
                                WHERE sku = ANY(${wanted.map((line) => line.sku)}::text[])
                                  AND on_hand > reserved) s), '[]') AS stock`,
      );
      if (seen!.existing) return this.existing(orderId);
      const allocations = wanted
        .flatMap((line) =>
          allocate(
            line.sku,
            line.quantity,
            seen!.stock
              .filter((row) => row.sku === line.sku)
              .map((row) => ({ warehouse: row.warehouse, available: row.onHand - row.reserved })),
          ),
        )
        // Stored and answered in the order reservations are read back in.
        .sort((a, b) => a.sku.localeCompare(b.sku) || a.warehouse.localeCompare(b.warehouse));
      try {
        return await this.hold(orderId, allocations, holdSeconds);
      } catch (error) {
        if (!isRetryable(error) || attempt >= RESERVE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Claims the order (a concurrent reserve of the same order waits on it, then holds nothing)
   * and holds the allocated stock, in one statement.
   */
  private async hold(
    orderId: string,
    allocations: readonly Allocation[],
    holdSeconds: number,
  ): Promise<Reservation> {
    const claimed = sql`EXISTS (SELECT 1 FROM claimed)`;
    const [held] = await rowsOf<{ expires_at: Date }>(
      this.db,
      sql`WITH claimed AS (
            INSERT INTO inventory.reservations (order_id, status, expires_at)
            VALUES (${orderId}, 'HELD', now() + make_interval(secs => ${holdSeconds}))
            ON CONFLICT (order_id) DO NOTHING RETURNING expires_at),
          allocation AS (
            SELECT * FROM unnest(${allocations.map((a) => a.sku)}::text[],
                                 ${allocations.map((a) => a.warehouse)}::text[],
                                 ${allocations.map((a) => a.quantity)}::int[]) AS a(sku, warehouse, quantity)
             ORDER BY sku, warehouse),
          held AS (
            UPDATE inventory.stock s SET reserved = s.reserved + a.quantity, updated_at = now()
              FROM allocation a
             WHERE s.sku = a.sku AND s.warehouse = a.warehouse AND ${claimed}),
          held_lines AS (
            INSERT INTO inventory.reservation_lines (order_id, sku, warehouse, quantity)
            SELECT ${orderId}, sku, warehouse, quantity FROM allocation WHERE ${claimed})
          SELECT expires_at FROM claimed`,
    );
    if (!held) return this.existing(orderId);
    return { orderId, status: 'HELD', lines: allocations, expiresAt: held.expires_at };
  }

  /** A reservation made before: a repeat must not pass for a hold that is gone. */
  private async existing(orderId: string): Promise<Reservation> {
    return repeatedReservation(orderId, (await this.find(orderId))!);
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    return releasedReservation(orderId, (await this.settle(orderId, 'RELEASED')).reservation);
  }

  async commit(orderId: string): Promise<Reservation> {
    return committedReservation(orderId, (await this.settle(orderId, 'COMMITTED')).reservation);
  }

  /**
   * HELD → `to` with its stock change, in one statement; a reservation no longer HELD is left
   * as it is. @returns the reservation after the call, and whether this call changed it.
   */
  private async settle(
    orderId: string,
    to: Exclude<HeldStatus, 'HELD'>,
  ): Promise<{ reservation?: Reservation; changed: boolean }> {
    const stock =
      to === 'COMMITTED'
        ? sql`reserved = s.reserved - l.quantity, on_hand = s.on_hand - l.quantity`
        : sql`reserved = s.reserved - l.quantity`;
    const [row] = await rowsOf<Reservation & { changed: boolean }>(
      this.db,
      sql`WITH changed AS (
            UPDATE inventory.reservations SET status = ${to}, updated_at = now()
             WHERE order_id = ${orderId} AND status = 'HELD' RETURNING order_id),
          stock AS (
            UPDATE inventory.stock s SET ${stock}, updated_at = now()
              FROM inventory.reservation_lines l
             WHERE l.order_id = ${orderId} AND EXISTS (SELECT 1 FROM changed)
               AND s.sku = l.sku AND s.warehouse = l.warehouse)
          SELECT EXISTS (SELECT 1 FROM changed) AS changed, ${RESERVATION_COLUMNS}
            FROM inventory.reservations r WHERE r.order_id = ${orderId}`,
    );
    if (!row) return { changed: false };
    const { changed, ...reservation } = row;
    if (changed) return { reservation: { ...reservation, status: to }, changed };
    // Not changed here: the row read may predate a concurrent change; read what is stored now.
    return { reservation: row.status === 'HELD' ? await this.find(orderId) : reservation, changed };
  }

  /**
   * Each expired reservation is settled like any release: one conditional statement, so a
   * sweep racing another sweep, or a commit, changes its stock at most once.
   */
  async releaseExpired(limit: number): Promise<string[]> {
    const expired = await rowsOf<{ order_id: string }>(
      this.db,
      sql`SELECT order_id FROM inventory.reservations
           WHERE status = 'HELD' AND expires_at < now() ORDER BY expires_at LIMIT ${limit}`,
    );
    const released: string[] = [];
    for (const { order_id: orderId } of expired)
      if ((await this.settle(orderId, 'RELEASED')).changed) released.push(orderId);
    return released;
  }

  async setLevel(sku: string, warehouse: string, onHand: number): Promise<StockLevel> {
    const [level] = await rowsOf<StockLevel>(
      this.db,
      sql`INSERT INTO inventory.stock (sku, warehouse, on_hand) VALUES (${sku}, ${warehouse}, ${onHand})
          ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()
           WHERE inventory.stock.reserved <= EXCLUDED.on_hand
          RETURNING ${LEVEL_COLUMNS}`,
    );
    if (!level) throw new StockBelowReservedError(sku, warehouse, onHand);
    return level;
  }

  levels(sku: string): Promise<StockLevel[]> {
    return rowsOf<StockLevel>(
      this.db,
      sql`SELECT ${LEVEL_COLUMNS} FROM inventory.stock WHERE sku = ${sku} ORDER BY warehouse`,
    );
  }

  async find(orderId: string): Promise<Reservation | undefined> {
    const [reservation] = await rowsOf<Reservation>(
      this.db,
      sql`SELECT ${RESERVATION_COLUMNS} FROM inventory.reservations r WHERE r.order_id = ${orderId}`,
    );
    return reservation;
  }
}

/** A reservation with its lines as a JSON array, in one row. */
const RESERVATION_COLUMNS = raw(`r.order_id AS "orderId", r.status, r.expires_at AS "expiresAt",
  coalesce((SELECT json_agg(json_build_object('sku', l.sku, 'warehouse', l.warehouse, 'quantity', l.quantity)
                            ORDER BY l.sku, l.warehouse)
              FROM inventory.reservation_lines l WHERE l.order_id = r.order_id), '[]') AS lines`);

/** Attempts at reserving when stock changed between reading and holding it. */
const RESERVE_ATTEMPTS = 5;

/** Stock changed under the write (CHECK violation), or two writers locked rows in turn. */
function isRetryable(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code === '23514' || code === '40P01';
}

/** A stock level, as the domain names its fields. */
const LEVEL_COLUMNS = raw(`sku, warehouse, on_hand AS "onHand", reserved`);
