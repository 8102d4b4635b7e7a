import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly payments reconciliation asks for the orders that ended (REJECTED or CANCELLED) in
 * a time window (`ordering.list-ended-orders`): a partial index on the time of their last change,
 * so that reading one night does not scan every order ever placed. Built CONCURRENTLY, so that
 * orders are placed and changed while it builds (the version before keeps serving during a
 * deploy); that cannot run in a transaction.
 */
export class IndexEndedOrders1764892800002 implements MigrationInterface {
  name = 'IndexEndedOrders1764892800002';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    // A build cut off before leaves an INVALID index of this name behind: build it again.
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ordering.orders_ended_idx`);
    await db.query(
      `CREATE INDEX CONCURRENTLY orders_ended_idx ON ordering.orders (updated_at, id)
        WHERE status IN ('REJECTED', 'CANCELLED')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ordering.orders_ended_idx`);
  }
}
