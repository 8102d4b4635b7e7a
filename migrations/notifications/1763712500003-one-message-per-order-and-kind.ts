import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer gets one message of each kind per order: the key that makes handling an order
 * event again a no-op (the event's effect is idempotent by business key, no inbox needed).
 */
export class OneMessagePerOrderAndKind1763712500003 implements MigrationInterface {
  name = 'OneMessagePerOrderAndKind1763712500003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE UNIQUE INDEX messages_order_kind_idx ON notifications.messages (order_id, kind)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notifications.messages_order_kind_idx`);
  }
}
