import type { CustomerMessage } from './customer-message.js';

/**
 * Port: delivers a message to a customer, once per order and kind of message: order events
 * arrive at least once, and a message already sent for that order and kind is not sent again.
 * A sender to an outside service (e-mail) should keep the message in the CustomerMessageStore
 * and hand it over through the outbox, in one transaction.
 */
export abstract class NotificationSender {
  /** @returns 'duplicate' when the message was sent before (nothing is sent again). */
  abstract send(message: CustomerMessage): Promise<'sent' | 'duplicate'>;
}
