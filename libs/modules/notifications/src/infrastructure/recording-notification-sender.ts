import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CustomerMessage } from '../domain/customer-message.js';
import { CustomerMessageStore } from '../domain/customer-message-store.js';
import { NotificationSender } from '../domain/notification-sender.js';

/** The local sender: keeps each message in the CustomerMessageStore and logs it. */
@Injectable()
export class RecordingNotificationSender extends NotificationSender {
  private readonly logger = new Logger('CustomerMessages');

  constructor(private readonly messages: CustomerMessageStore) {
    super();
  }

  async send(message: CustomerMessage): Promise<'sent' | 'duplicate'> {
    const id = randomUUID();
    if ((await this.messages.add(id, message)) === 'duplicate') return 'duplicate';
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
