import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerMessage } from '../domain/customer-message.js';
import { NotificationSender } from '../notification-sender.js';

/** The local sender: keeps each message in `notifications.messages` and logs it. */
@Injectable()
export class RecordingNotificationSender extends NotificationSender {
  private readonly logger = new Logger('CustomerMessages');

  async send(transaction: EntityManager, message: CustomerMessage): Promise<void> {
    const id = randomUUID();
    await transaction.query(
      `INSERT INTO notifications.messages (id, customer_id, order_id, kind, subject, body) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, message.customerId, message.orderId, message.kind, message.subject, message.body],
    );
    this.logger.log(
      {
        messageId: id,
        customerId: message.customerId,
        orderId: message.orderId,
        kind: message.kind,
      },
      message.subject,
    );
  }
}
