import type { MigrationInterface, QueryRunner } from 'typeorm';
import { notifyOnInsertMigration } from '#platform/messaging';

/**
 * The migration that gives a module that owns workflows its `workflow_executions` and
 * `workflow_steps` tables, in its own schema. List it in `migrations/<module>/index.ts`.
 *
 * @example
 * export const OrderingMigrations = [CreateOrders1763712400000, createWorkflowTablesMigration('ordering', 1763712400002)];
 */
export function createWorkflowTablesMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class implements MigrationInterface {
    name = `CreateWorkflowTables${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${s}.workflow_executions (
          id              uuid        PRIMARY KEY,
          workflow        text        NOT NULL,
          name            text        NOT NULL,
          engine          text        NOT NULL CHECK (engine IN ('local', 'stepfunctions')),
          status          text        NOT NULL
                          CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SUBMITTED')),
          input           jsonb       NOT NULL,
          output          jsonb,
          error           text,
          cause           text,
          definition_hash text,
          runs            integer     NOT NULL DEFAULT 0,
          external_id     text,
          created_at      timestamptz NOT NULL DEFAULT now(),
          started_at      timestamptz,
          ended_at        timestamptz,
          locked_by       text,
          locked_until    timestamptz,
          UNIQUE (workflow, name)
        )`);
      // What a runner claims next (pending, or running under an expired lease).
      await db.query(
        `CREATE INDEX workflow_executions_open_idx ON ${s}.workflow_executions (created_at)
          WHERE status IN ('PENDING', 'RUNNING')`,
      );
      await db.query(
        `CREATE INDEX workflow_executions_listing_idx ON ${s}.workflow_executions (created_at DESC, id)`,
      );
      await db.query(`
        CREATE TABLE ${s}.workflow_steps (
          execution_id uuid        NOT NULL REFERENCES ${s}.workflow_executions (id) ON DELETE CASCADE,
          run          integer     NOT NULL,
          seq          integer     NOT NULL,
          state        text        NOT NULL,
          pattern      text,
          status       text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CAUGHT')),
          attempts     integer     NOT NULL DEFAULT 1,
          started_at   timestamptz NOT NULL,
          ended_at     timestamptz,
          error        text,
          cause        text,
          PRIMARY KEY (execution_id, run, seq)
        )`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${s}.workflow_steps`);
      await db.query(`DROP TABLE ${s}.workflow_executions`);
    }
  };
}

/**
 * The migration that keeps each Task step's input and output (JSON, capped at STEP_DATA_LIMIT
 * characters) with the step, for operators. List it after createWorkflowTablesMigration.
 */
export function createWorkflowStepDataMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  const s = `"${schema}"`;
  return class implements MigrationInterface {
    name = `AddWorkflowStepData${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(
        `ALTER TABLE ${s}.workflow_steps ADD COLUMN input jsonb, ADD COLUMN output jsonb`,
      );
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`ALTER TABLE ${s}.workflow_steps DROP COLUMN input, DROP COLUMN output`);
    }
  };
}

/**
 * The migration that wakes a module's workflow runners whenever a transaction that started
 * executions commits (a statement-level trigger sends the NOTIFY).
 */
export function createWorkflowNotifyMigration(
  schema: string,
  timestamp: number,
): new () => MigrationInterface {
  return notifyOnInsertMigration(
    `NotifyOnWorkflowStart${timestamp}`,
    schema,
    'workflow_executions',
    workflowChannel(schema),
  );
}

/** The LISTEN/NOTIFY channel on which a module announces executions to run. */
export function workflowChannel(schema: string): string {
  return `seam_workflows_${schema}`;
}
