import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import type { CustomerMessageDto, CustomerMessageKind } from '../contract/index.js';
import type { CustomerMessage } from '../domain/customer-message.js';
import { CustomerMessageStore } from '../domain/customer-message-store.js';

/** Customer messages in `notifications.messages`, unique per (order_id, kind). */
@Injectable()
export class PostgresCustomerMessageStore extends CustomerMessageStore {
  constructor(@InjectDataSource('notifications') private readonly db: DataSource) {
    super();
  }

  async add(id: string, message: CustomerMessage): Promise<'added' | 'duplicate'> {
    const inserted = await rowsOf(
      this.db,
      sql`INSERT INTO notifications.messages (id, customer_id, order_id, kind, subject, body)
          VALUES (${id}::uuid, ${message.customerId}, ${message.orderId}, ${message.kind},
                  ${message.subject}, ${message.body})
          ON CONFLICT (order_id, kind) DO NOTHING RETURNING id`,
    );
    return inserted.length === 0 ? 'duplicate' : 'added';
  }

  /** One page and the count of all the customer's messages; an empty page still carries the count. */
  async listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: CustomerMessageDto[]; total: number }> {
    const matching = sql`customer_id = ${customerId}`;
    const rows = await rowsOf<Partial<MessageRow> & { total: number }>(
      this.db,
      sql`SELECT page.*, matching.total
            FROM (SELECT count(*)::int AS total FROM notifications.messages WHERE ${matching}) matching
            LEFT JOIN LATERAL (SELECT id, customer_id, order_id, kind, subject, body, created_at
                                 FROM notifications.messages WHERE ${matching}
                                ORDER BY created_at DESC, id LIMIT ${limit}::int OFFSET ${offset}::int) page ON true`,
    );
    const items = rows.filter((row): row is MessageRow & { total: number } => row.id != null);
    return {
      items: items.map((row) => ({
        id: row.id,
        customerId: row.customer_id,
        orderId: row.order_id,
        kind: row.kind,
        subject: row.subject,
        body: row.body,
        createdAt: row.created_at.toISOString(),
      })),
      total: rows[0]?.total ?? 0,
    };
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
}
