import type { EntityManager } from 'typeorm';
import type { CustomerMessage } from './domain/customer-message.js';

/**
 * Port: delivers a message to a customer. Called inside the inbox transaction, so a sender that
 * writes to this module's schema (the local one) records each message exactly once; a sender to
 * an outside service (e-mail) should put the message in this module's outbox instead.
 */
export abstract class NotificationSender {
  abstract send(transaction: EntityManager, message: CustomerMessage): Promise<void>;
}
