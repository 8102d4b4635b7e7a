import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import type {
  OrderCancelled,
  OrderConfirmed,
  OrderDto,
  OrderPlaced,
  OrderRejected,
} from '../contract/index.js';
import { OrderViews } from '../projections/order-views.js';

/** `ordering.order_views`: one JSON document per order, shaped as the API returns it. */
@Injectable()
export class PostgresOrderViews extends OrderViews {
  constructor(@InjectDataSource('ordering') private readonly db: DataSource) {
    super();
  }

  async applyPlaced(event: OrderPlaced): Promise<void> {
    const document: OrderDto = {
      id: event.orderId,
      customerId: event.customerId,
      status: 'PENDING',
      rejectReason: null,
      lines: event.lines,
      itemsTotal: event.itemsTotal,
      shippingTotal: event.shippingTotal,
      total: event.total,
      totalWeightGrams: event.totalWeightGrams,
      shippingAddress: event.shippingAddress,
      shippingSpeed: event.shippingSpeed ?? 'standard',
      placedAt: event.placedAt,
      updatedAt: event.placedAt,
    };
    await rowsOf(
      this.db,
      sql`WITH added AS (
            INSERT INTO ordering.order_views (id, customer_id, status, document, placed_at, updated_at)
            VALUES (${event.orderId}::uuid, ${event.customerId}, 'PENDING', ${JSON.stringify(document)}::jsonb,
                    ${event.placedAt}::timestamptz, ${event.placedAt}::timestamptz)
            ON CONFLICT (id) DO NOTHING)
          SELECT 1`,
    );
  }

  async applyStatus(event: OrderConfirmed | OrderRejected | OrderCancelled): Promise<void> {
    const [status, at, reason] =
      'confirmedAt' in event
        ? ['CONFIRMED', event.confirmedAt, null]
        : 'rejectedAt' in event
          ? ['REJECTED', event.rejectedAt, event.reason]
          : ['CANCELLED', event.cancelledAt, null];
    await rowsOf(
      this.db,
      sql`WITH changed AS (
            UPDATE ordering.order_views
               SET status = ${status}::text, updated_at = ${at}::text::timestamptz,
                   document = document || jsonb_build_object('status', ${status}::text,
                                                             'rejectReason', ${reason}::text,
                                                             'updatedAt', ${at}::text)
             WHERE id = ${event.orderId}::uuid AND status = 'PENDING')
          SELECT 1`,
    );
  }

  async find(orderId: string): Promise<OrderDto | undefined> {
    const [row] = (await this.db.query(`SELECT document FROM ordering.order_views WHERE id = $1`, [
      orderId,
    ])) as { document: OrderDto }[];
    return row?.document;
  }

  async listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT document, count(*) OVER () AS total FROM ordering.order_views
        WHERE customer_id = $1 ORDER BY placed_at DESC, id LIMIT $2 OFFSET $3`,
      [customerId, limit, offset],
    )) as { document: OrderDto; total: string }[];
    // An empty first page means none; counting again could see an order committed since.
    const total = rows[0]
      ? Number(rows[0].total)
      : offset === 0
        ? 0
        : Number(
            (
              (await this.db.query(
                `SELECT count(*) AS total FROM ordering.order_views WHERE customer_id = $1`,
                [customerId],
              )) as { total: string }[]
            )[0]!.total,
          );
    return { items: rows.map((row) => row.document), total };
  }
}
