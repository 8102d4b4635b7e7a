import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql, type Sql } from '#platform/persistence';
import type { OrderDto } from '../contract/index.js';
import type { Order } from '../domain/order.js';
import { OrderViewStore } from '../domain/order-view-store.js';

/**
 * `ordering.order_views`, written by the order store's own statements (`orderViewAdded` and
 * `orderViewStatusChanged` below), so a view costs no statement or event delivery of its own.
 */
@Injectable()
export class PostgresOrderViewStore extends OrderViewStore {
  constructor(@InjectDataSource('ordering') private readonly db: DataSource) {
    super();
  }

  async find(orderId: string): Promise<OrderDto | undefined> {
    const [row] = await rowsOf<{ document: OrderDto }>(
      this.db,
      sql`SELECT document FROM ordering.order_views WHERE id = ${orderId}::uuid`,
    );
    return row?.document;
  }

  /** One page and the count of all the customer's orders; an empty page still carries the count. */
  async listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }> {
    const matching = sql`customer_id = ${customerId}`;
    const rows = await rowsOf<{ document: OrderDto | null; total: number }>(
      this.db,
      sql`SELECT page.document, matching.total
            FROM (SELECT count(*)::int AS total FROM ordering.order_views WHERE ${matching}) matching
            LEFT JOIN LATERAL (SELECT document FROM ordering.order_views WHERE ${matching}
                                ORDER BY placed_at DESC, id LIMIT ${limit}::int OFFSET ${offset}::int) page ON true`,
    );
    const items = rows.flatMap((row) => (row.document ? [row.document] : []));
    return { items, total: rows[0]?.total ?? 0 };
  }
}

/**
 * The part of an order's `WITH` statement that adds its view: `document` is the PENDING order
 * as the API returns it, written only if `when` holds (the order was stored).
 */
export function orderViewAdded(document: OrderDto, when: Sql): Sql {
  return sql`INSERT INTO ordering.order_views (id, customer_id, status, document, placed_at, updated_at)
             SELECT ${document.id}::uuid, ${document.customerId}, 'PENDING', ${JSON.stringify(document)}::jsonb,
                    ${document.placedAt}::timestamptz, ${document.placedAt}::timestamptz
              WHERE ${when}
             ON CONFLICT (id) DO NOTHING`;
}

/**
 * The part of an order's `WITH` statement that gives its view a final status, written only if
 * `when` holds (the order itself left PENDING in the same statement).
 */
export function orderViewStatusChanged(order: Order, when: Sql): Sql {
  const { id, status, rejectReason, updatedAt } = order.props;
  const at = updatedAt.toISOString();
  return sql`UPDATE ordering.order_views
                SET status = ${status}::text, updated_at = ${at}::timestamptz,
                    document = document || jsonb_build_object('status', ${status}::text,
                                                              'rejectReason', ${rejectReason}::text,
                                                              'updatedAt', ${at}::text)
              WHERE id = ${id}::uuid AND status = 'PENDING' AND ${when}`;
}
