import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The migration that gives a module its `admin_audit` table, in its own schema: one row per
 * operator action on the module (redrive, cancel, flag flip). It lives beside the data the
 * action changes, so the action and its audit row commit in one transaction, and it moves with
 * the module when the module is extracted. List it in `migrations/<module>/index.ts`.
 *
 * @example
 * export const PaymentsMigrations = [CreatePayments1763712200000, createAdminAuditMigration('payments', 1764892800000)];
 */
export function createAdminAuditMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class implements MigrationInterface {
    name = `CreateAdminAudit${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${s}.admin_audit (
          id       uuid        PRIMARY KEY,
          at       timestamptz NOT NULL DEFAULT clock_timestamp(),
          actor    text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 256),
          action   text        NOT NULL CHECK (action ~ '^[a-z][a-z.-]{0,63}$'),
          target   text        NOT NULL CHECK (char_length(target) BETWEEN 1 AND 512),
          before   jsonb,
          after    jsonb,
          trace_id text        CHECK (trace_id ~ '^[0-9a-f]{32}$')
        )`);
      // Newest first, alone or by action or actor (what GET /admin/audit filters on).
      await db.query(`CREATE INDEX admin_audit_at_idx ON ${s}.admin_audit (at DESC, id)`);
      await db.query(
        `CREATE INDEX admin_audit_action_idx ON ${s}.admin_audit (action, at DESC, id)`,
      );
      await db.query(`CREATE INDEX admin_audit_actor_idx ON ${s}.admin_audit (actor, at DESC, id)`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${s}.admin_audit`);
    }
  };
}
