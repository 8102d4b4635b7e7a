import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OrderView is now written in the order's own statement instead of by a subscriber to the
 * order events. `ordering.add_missing_order_views()` adds the view of every order that has none
 * (orders whose events the old subscriber had not projected yet), with the order's current
 * status; this migration runs it once. Run it again after a rolling deploy from a version
 * before this one (docs/runbooks/release-and-roll-back.md): an order placed by an old task
 * while new tasks relayed its event has no view until then.
 */
export class InlineOrderViews1763712400007 implements MigrationInterface {
  name = 'InlineOrderViews1763712400007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ordering.add_missing_order_views() RETURNS integer
      LANGUAGE sql AS $$
        WITH added AS (
          INSERT INTO ordering.order_views (id, customer_id, status, document, placed_at, updated_at)
          SELECT o.id, o.customer_id, o.status,
                 k.response || jsonb_build_object(
                   'status', o.status, 'rejectReason', o.reject_reason,
                   'updatedAt', to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                 o.placed_at, o.updated_at
            FROM ordering.orders o
            JOIN ordering.idempotency_keys k ON k.order_id = o.id
           WHERE NOT EXISTS (SELECT 1 FROM ordering.order_views v WHERE v.id = o.id)
          ON CONFLICT (id) DO NOTHING
          RETURNING 1)
        SELECT count(*)::integer FROM added
      $$`);
    await db.query(`SELECT ordering.add_missing_order_views()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION ordering.add_missing_order_views()`);
  }
}
