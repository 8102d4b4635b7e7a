import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import type { OrderDto } from '../contract/index.js';
import { OrderViewStore } from '../domain/order-view-store.js';

/**
 * `ordering.order_views`: one JSON document per order, shaped as the API returns it. Written
 * inline, in the statement that changes the order (`orderViewAdded`, `orderViewStatusChanged` in
 * postgres-order-views.ts),
 * so a view is never behind its order and costs no statement or event delivery of its own.
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

  async listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: OrderDto[]; total: number }> {
    const rows = await rowsOf<{ document: OrderDto; total: string }>(
      this.db,
      sql`SELECT document, count(*) OVER () AS total FROM ordering.order_views
           WHERE customer_id = ${customerId} ORDER BY placed_at DESC, id
           LIMIT ${limit}::int OFFSET ${offset}::int`,
    );
    // An empty first page means none; counting again could see an order committed since.
    const total = rows[0]
      ? Number(rows[0].total)
      : offset === 0
        ? 0
        : Number(
            (
              await rowsOf<{ total: string }>(
                this.db,
                sql`SELECT count(*) AS total FROM ordering.order_views WHERE customer_id = ${customerId}`,
              )
            )[0]!.total,
          );
    return { items: rows.map((row) => row.document), total };
  }
}
