import { Command } from '@nestjs/cqrs';
import type { MessageHeaders } from '#platform/messaging';
import type { CustomerMessage } from '../../domain/customer-message.js';

/** Sends `message` once per (subscriber, event): a redelivered event sends nothing. */
export class NotifyCustomerCommand extends Command<'handled' | 'duplicate'> {
  constructor(
    readonly subscriberId: string,
    readonly event: Pick<MessageHeaders, 'messageId'>,
    readonly message: CustomerMessage,
  ) {
    super();
  }
}
