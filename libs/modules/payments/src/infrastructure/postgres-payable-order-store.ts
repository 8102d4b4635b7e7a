import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MoneyDto } from '#contracts/shared';
import { rowsOf, sql } from '#platform/persistence';
import {
  PayableOrderStore,
  type PayableOrder,
  type PayableOrderStatus,
} from '../domain/payable-order-store.js';

/** `payments.payable_orders`: one row per order whose events payments has seen. */
@Injectable()
export class PostgresPayableOrderStore extends PayableOrderStore {
  constructor(@InjectDataSource('payments') private readonly db: DataSource) {
    super();
  }

  async find(orderId: string): Promise<PayableOrder | undefined> {
    const [row] = await rowsOf<{
      status: PayableOrderStatus;
      total_amount: string | null;
      currency: string | null;
    }>(
      this.db,
      sql`SELECT status, total_amount, currency FROM payments.payable_orders
           WHERE order_id = ${orderId}`,
    );
    if (!row) return undefined;
    return {
      orderId,
      status: row.status,
      ...(row.total_amount !== null && row.currency !== null
        ? { total: { amount: Number(row.total_amount), currency: row.currency } }
        : {}),
    };
  }

  async placed(orderId: string, total: MoneyDto): Promise<void> {
    await rowsOf(
      this.db,
      sql`INSERT INTO payments.payable_orders AS o (order_id, status, total_amount, currency)
          VALUES (${orderId}, 'PENDING', ${total.amount}, ${total.currency})
          ON CONFLICT (order_id) DO UPDATE
             SET total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,
                 updated_at = now()
           WHERE o.total_amount IS NULL`,
    );
  }

  async settled(
    orderId: string,
    status: Exclude<PayableOrderStatus, 'PENDING'>,
    total?: MoneyDto,
  ): Promise<void> {
    await rowsOf(
      this.db,
      sql`INSERT INTO payments.payable_orders AS o (order_id, status, total_amount, currency)
          VALUES (${orderId}, ${status}, ${total?.amount ?? null}::bigint,
                  ${total?.currency ?? null}::char(3))
          ON CONFLICT (order_id) DO UPDATE
             SET status = CASE o.status WHEN 'PENDING' THEN EXCLUDED.status ELSE o.status END,
                 total_amount = COALESCE(o.total_amount, EXCLUDED.total_amount),
                 currency = COALESCE(o.currency, EXCLUDED.currency), updated_at = now()
           WHERE o.status = 'PENDING' OR o.total_amount IS NULL`,
    );
  }
}
