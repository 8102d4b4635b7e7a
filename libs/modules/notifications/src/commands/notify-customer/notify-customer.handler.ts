import { Injectable } from '@nestjs/common';
import type { CustomerMessage } from '../../domain/customer-message.js';
import { NotificationSender } from '../../domain/notification-sender.js';

@Injectable()
export class NotifyCustomerHandler {
  constructor(private readonly sender: NotificationSender) {}

  /** Sends `message` once per order and kind: a redelivered event sends nothing. */
  execute(message: CustomerMessage): Promise<'sent' | 'duplicate'> {
    return this.sender.send(message);
  }
}
