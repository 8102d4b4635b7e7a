import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf, sql } from '#platform/persistence';
import type { CustomerMessage } from '../domain/customer-message.js';
import { NotificationSender } from '../notification-sender.js';

/** The local sender: keeps each message in `notifications.messages` and logs it. */
@Injectable()
export class RecordingNotificationSender extends NotificationSender {
  private readonly logger = new Logger('CustomerMessages');

  constructor(@InjectDataSource('notifications') private readonly db: DataSource) {
    super();
  }

  async send(message: CustomerMessage): Promise<'sent' | 'duplicate'> {
    const id = randomUUID();
    const inserted = await rowsOf(
      this.db,
      sql`WITH inserted AS (
            INSERT INTO notifications.messages (id, customer_id, order_id, kind, subject, body)
            VALUES (${id}::uuid, ${message.customerId}, ${message.orderId}, ${message.kind},
                    ${message.subject}, ${message.body})
            ON CONFLICT (order_id, kind) DO NOTHING RETURNING id)
          SELECT id FROM inserted`,
    );
    if (inserted.length === 0) return 'duplicate';
    this.logger.log(
      {
        messageId: id,
        customerId: message.customerId,
        orderId: message.orderId,
        kind: message.kind,
      },
      message.subject,
    );
    return 'sent';
  }
}
