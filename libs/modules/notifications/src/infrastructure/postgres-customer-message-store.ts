import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import type { CustomerMessageKind } from '../contract/index.js';
import type { CustomerMessage } from '../domain/customer-message.js';
import {
  CustomerMessageStore,
  type StoredCustomerMessage,
} from '../domain/customer-message-store.js';

/** Customer messages in `notifications.messages`, unique per (order_id, kind). */
@Injectable()
export class PostgresCustomerMessageStore extends CustomerMessageStore {
  constructor(@InjectDataSource('notifications') private readonly db: DataSource) {
    super();
  }

  async add(id: string, message: CustomerMessage): Promise<'added' | 'duplicate'> {
    const inserted = await rowsOf(
      this.db,
      sql`WITH inserted AS (
            INSERT INTO notifications.messages (id, customer_id, order_id, kind, subject, body)
            VALUES (${id}::uuid, ${message.customerId}, ${message.orderId}, ${message.kind},
                    ${message.subject}, ${message.body})
            ON CONFLICT (order_id, kind) DO NOTHING RETURNING id)
          SELECT id FROM inserted`,
    );
    return inserted.length === 0 ? 'duplicate' : 'added';
  }

  async listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: StoredCustomerMessage[]; total: number }> {
    const rows = (await this.db.query(
      `SELECT id, customer_id, order_id, kind, subject, body, created_at, count(*) OVER () AS total
         FROM notifications.messages WHERE customer_id = $1
        ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [customerId, limit, offset],
    )) as MessageRow[];
    return {
      items: rows.map((row) => ({
        id: row.id,
        customerId: row.customer_id,
        orderId: row.order_id,
        kind: row.kind,
        subject: row.subject,
        body: row.body,
        createdAt: row.created_at,
      })),
      total: await this.totalOf(rows, customerId, offset),
    };
  }

  /**
   * The window count comes with the rows. An empty first page means there are none (counting
   * again could see a message committed since, and report a total the items contradict); past the
   * last page the window count is unavailable, so it is counted separately.
   */
  private async totalOf(rows: MessageRow[], customerId: string, offset: number): Promise<number> {
    if (rows[0]) return Number(rows[0].total);
    if (offset === 0) return 0;
    const [row] = (await this.db.query(
      `SELECT count(*) AS total FROM notifications.messages WHERE customer_id = $1`,
      [customerId],
    )) as { total: string }[];
    return Number(row!.total);
  }
}

interface MessageRow {
  id: string;
  customer_id: string;
  order_id: string;
  kind: CustomerMessageKind;
  subject: string;
  body: string;
  created_at: Date;
  total: string;
}
