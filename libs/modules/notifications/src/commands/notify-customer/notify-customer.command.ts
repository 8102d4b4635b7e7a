import { Command } from '@nestjs/cqrs';
import type { CustomerMessage } from '../../domain/customer-message.js';

/** Sends `message` once per order and kind: a redelivered event sends nothing. */
export class NotifyCustomerCommand extends Command<'sent' | 'duplicate'> {
  constructor(readonly message: CustomerMessage) {
    super();
  }
}
