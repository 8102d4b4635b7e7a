import type { CustomerMessage } from './domain/customer-message.js';

/**
 * Port: delivers a message to a customer, once per order and kind of message: order events
 * arrive at least once, and a message already sent for that order and kind is not sent again.
 * A sender to an outside service (e-mail) should record the message in this module's schema
 * and hand it over through the outbox.
 */
export abstract class NotificationSender {
  /** @returns 'duplicate' when the message was sent before (nothing is sent again). */
  abstract send(message: CustomerMessage): Promise<'sent' | 'duplicate'>;
}
