import type { CustomerMessageDto } from '../contract/index.js';
import type { CustomerMessage } from './customer-message.js';

/**
 * Port: the messages sent to customers, at most one per order and kind of message (order events
 * arrive at least once; the store is what makes a redelivered event send nothing).
 */
export abstract class CustomerMessageStore {
  /**
   * Keeps `message` under the new `id` unless one of its order and kind is kept already.
   * @returns 'duplicate' when it was (nothing is stored).
   */
  abstract add(id: string, message: CustomerMessage): Promise<'added' | 'duplicate'>;
  /**
   * One page of a customer's messages, newest first, and how many they have in all.
   * `total` is the count the page was read with, so it never contradicts the items.
   */
  abstract listByCustomer(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: CustomerMessageDto[]; total: number }>;
}
