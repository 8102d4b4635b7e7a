import type { DataSource, EntityManager } from 'typeorm';
import type { MessageHeaders } from '../message-packet.js';

/**
 * A module's record of the messages each of its subscribers has handled. Delivery is
 * at-least-once; running the handler through the inbox makes its effect exactly-once.
 *
 * @example
 * @EventPattern('ordering.order-confirmed', { subscriber: 'notifications' })
 * onOrderConfirmed(@Payload() event: OrderConfirmed, @Ctx() context: InProcessContext) {
 *   return this.inbox.runOnce('notifications.order-confirmed-mail', context.getHeaders(), (tx) =>
 *     this.mails.record(tx, event),
 *   );
 * }
 */
export class Inbox {
  constructor(
    private readonly schema: string,
    private readonly db: DataSource,
  ) {}

  /**
   * Runs `handle` in one transaction with the inbox mark, unless this subscriber has handled
   * this message before. If `handle` throws, nothing is marked and a redelivery runs it again.
   */
  async runOnce(
    subscriberId: string,
    headers: Pick<MessageHeaders, 'messageId'>,
    handle: (transaction: EntityManager) => Promise<unknown>,
  ): Promise<'handled' | 'duplicate'> {
    return this.db.transaction(async (transaction) => {
      const inserted = (await transaction.query(
        `INSERT INTO "${this.schema}".inbox (subscriber_id, message_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [subscriberId, headers.messageId],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate';
      await handle(transaction);
      return 'handled';
    });
  }
}
