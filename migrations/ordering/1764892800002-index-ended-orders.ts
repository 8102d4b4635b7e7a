import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly payments reconciliation asks for the orders that ended (REJECTED or CANCELLED) in
 * a time window (`ordering.list-ended-orders`): a partial index on the time of their last change,
 * so that reading one night does not scan every order ever placed.
 */
export class IndexEndedOrders1764892800002 implements MigrationInterface {
  name = 'IndexEndedOrders1764892800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX orders_ended_idx ON ordering.orders (updated_at, id)
        WHERE status IN ('REJECTED', 'CANCELLED')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ordering.orders_ended_idx`);
  }
}
