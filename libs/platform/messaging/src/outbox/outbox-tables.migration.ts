import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The migration that gives a module its `outbox` and `inbox` tables, in its own schema. List it
 * in `migrations/<module>/index.ts` with a timestamp of its own.
 *
 * @example
 * export const OrderingMigrations = [CreateOrders1763712000000, createOutboxTablesMigration('ordering', 1763712000001)];
 */
export function createOutboxTablesMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class implements MigrationInterface {
    name = `CreateOutboxAndInbox${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${s}.outbox (
          id              uuid        PRIMARY KEY,
          position        bigserial   NOT NULL UNIQUE,
          pattern         text        NOT NULL,
          aggregate_id    text        NOT NULL,
          payload         jsonb       NOT NULL,
          headers         jsonb       NOT NULL,
          created_at      timestamptz NOT NULL DEFAULT now(),
          attempts        integer     NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL DEFAULT now(),
          locked_until    timestamptz,
          locked_by       text,
          dispatched_at   timestamptz,
          parked_at       timestamptz,
          last_error      text
        )`);
      // What the relay claims next, and "is an earlier event of this aggregate still pending?".
      await db.query(
        `CREATE INDEX outbox_pending_idx ON ${s}.outbox (position) WHERE dispatched_at IS NULL AND parked_at IS NULL`,
      );
      await db.query(
        `CREATE INDEX outbox_aggregate_pending_idx ON ${s}.outbox (aggregate_id, position) WHERE dispatched_at IS NULL`,
      );
      await db.query(
        `CREATE INDEX outbox_dispatched_idx ON ${s}.outbox (dispatched_at) WHERE dispatched_at IS NOT NULL`,
      );
      await db.query(`
        CREATE TABLE ${s}.inbox (
          subscriber_id text        NOT NULL,
          message_id    uuid        NOT NULL,
          handled_at    timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (subscriber_id, message_id)
        )`);
      await db.query(`CREATE INDEX inbox_handled_at_idx ON ${s}.inbox (handled_at)`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${s}.inbox`);
      await db.query(`DROP TABLE ${s}.outbox`);
    }
  };
}

/**
 * The migration that makes every commit that wrote to a module's outbox wake its relays: a
 * statement-level trigger sends the NOTIFY, so writers need no `pg_notify` round trip of their
 * own. List it after createOutboxTablesMigration.
 */
export function createOutboxNotifyMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  return notifyOnInsertMigration(
    `NotifyOnOutboxInsert${timestamp}`,
    schema,
    'outbox',
    outboxChannel(schema),
  );
}

/**
 * A migration adding a statement-level `AFTER INSERT` trigger on `<schema>.<table>` that
 * notifies `channel` (delivered when the transaction commits; never if it rolls back).
 */
export function notifyOnInsertMigration(
  name: string,
  schema: string,
  table: string,
  channel: string,
): new () => MigrationInterface {
  const s = `"${schema}"`;
  const fn = `${s}."notify_${table}_insert"`;
  return class implements MigrationInterface {
    name = name;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('${channel}', '');
          RETURN NULL;
        END $$`);
      await db.query(
        `CREATE TRIGGER notify_on_insert AFTER INSERT ON ${s}."${table}" FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TRIGGER notify_on_insert ON ${s}."${table}"`);
      await db.query(`DROP FUNCTION ${fn}()`);
    }
  };
}

/** The LISTEN/NOTIFY channel on which a module's outbox announces new events. */
export function outboxChannel(schema: string): string {
  return `seam_outbox_${schema}`;
}
