import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { workflowChannel } from './workflow-tables.migration.js';

export type EngineKind = 'local' | 'stepfunctions';
export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SUBMITTED';
export type StepStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CAUGHT';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'PENDING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'SUBMITTED',
];

/** An execution a runner has claimed: it runs it until done or until its lease is lost. */
export interface ClaimedExecution {
  readonly id: string;
  readonly workflow: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** 1 for the first run; more after a crash or a shutdown re-drove it. */
  readonly run: number;
}

export interface ExecutionSummary {
  readonly id: string;
  readonly module: string;
  readonly workflow: string;
  readonly name: string;
  readonly engine: EngineKind;
  readonly status: ExecutionStatus;
  readonly runs: number;
  readonly error: string | null;
  readonly cause: string | null;
  readonly definitionHash: string | null;
  readonly externalId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

export interface ExecutionStep {
  readonly run: number;
  readonly seq: number;
  readonly state: string;
  readonly pattern: string | null;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly error: string | null;
  readonly cause: string | null;
}

/** A step as the journal holds it: its whole state, times in epoch milliseconds. */
export interface StepRecord {
  readonly executionId: string;
  readonly run: number;
  readonly seq: number;
  readonly state: string;
  readonly pattern: string | null;
  status: StepStatus;
  attempts: number;
  readonly startedAt: number;
  endedAt: number | null;
  error: string | null;
  cause: string | null;
}

export interface ExecutionDetails extends ExecutionSummary {
  readonly input: unknown;
  readonly output: unknown;
  readonly steps: ExecutionStep[];
}

export interface ExecutionFilter {
  readonly status?: ExecutionStatus;
  readonly workflow?: string;
  readonly limit: number;
  readonly offset: number;
}

/**
 * A module's workflow executions and their steps, in its own schema. Starting is transactional
 * (written with the state change that asks for it); runners claim executions under a lease, so
 * several instances can run side by side and a crashed one's executions are re-driven.
 */
export class ExecutionStore {
  private readonly s: string;

  constructor(
    readonly module: string,
    readonly schema: string,
    private readonly db: DataSource,
  ) {
    this.s = `"${schema}"`;
  }

  /**
   * Records that `workflow` must run for the business key `name`, in the caller's transaction.
   * Starting the same (workflow, name) again is a no-op.
   */
  async enqueue(
    manager: EntityManager,
    start: { workflow: string; name: string; engine: EngineKind; input: Record<string, unknown> },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.s}.workflow_executions (id, workflow, name, engine, status, input)
       VALUES ($1, $2, $3, $4, 'PENDING', $5) ON CONFLICT (workflow, name) DO NOTHING`,
      [randomUUID(), start.workflow, start.name, start.engine, JSON.stringify(start.input)],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [workflowChannel(this.schema)]);
  }

  /**
   * Claims up to `limit` executions of the given workflows: pending ones, and running ones whose
   * runner stopped renewing its lease (crashed, cut off from the database, or another engine
   * before a redeploy). `running` are the ids this runner still runs: never claimed twice.
   */
  async claim(
    runnerId: string,
    engine: EngineKind,
    limit: number,
    leaseMs: number,
    hashes: ReadonlyMap<string, string>,
    running: readonly string[] = [],
  ): Promise<ClaimedExecution[]> {
    const [rows] = (await this.db.query(
      `UPDATE ${this.s}.workflow_executions AS e
          SET status = 'RUNNING', engine = $5, runs = e.runs + 1, locked_by = $3,
              locked_until = now() + make_interval(secs => $2::double precision / 1000),
              started_at = coalesce(e.started_at, now()),
              definition_hash = ($4::jsonb ->> e.workflow)
         FROM (SELECT c.id FROM ${this.s}.workflow_executions c
                WHERE c.workflow IN (SELECT jsonb_object_keys($4::jsonb))
                  AND c.status IN ('PENDING', 'RUNNING')
                  AND (c.locked_until IS NULL OR c.locked_until < now())
                  AND NOT (c.id = ANY($6::uuid[]))
                ORDER BY c.created_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED) AS claimed
        WHERE e.id = claimed.id
        RETURNING e.id, e.workflow, e.name, e.input, e.runs`,
      [limit, leaseMs, runnerId, JSON.stringify(Object.fromEntries(hashes)), engine, running],
    )) as [
      {
        id: string;
        workflow: string;
        name: string;
        input: Record<string, unknown>;
        runs: number;
      }[],
      number,
    ];
    return rows.map((row) => ({
      id: row.id,
      workflow: row.workflow,
      name: row.name,
      input: row.input,
      run: row.runs,
    }));
  }

  /** Extends the leases of `ids`; @returns the ids this runner still holds. */
  async renew(runnerId: string, ids: readonly string[], leaseMs: number): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const [rows] = (await this.db.query(
      `UPDATE ${this.s}.workflow_executions
          SET locked_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'RUNNING'
        RETURNING id`,
      [ids, runnerId, leaseMs],
    )) as [{ id: string }[], number];
    return new Set(rows.map((row) => row.id));
  }

  /** Gives executions back (still RUNNING) so the next runner re-drives them at once. */
  async release(runnerId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE ${this.s}.workflow_executions SET locked_by = NULL, locked_until = NULL
        WHERE id = ANY($1::uuid[]) AND locked_by = $2 AND status = 'RUNNING'`,
      [ids, runnerId],
    );
  }

  /** Records how a run ended; ignored when this runner no longer holds the execution. */
  async finish(runnerId: string, id: string, outcome: FinishedOutcome): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE ${this.s}.workflow_executions
          SET status = $3, output = $4, error = $5, cause = $6, external_id = coalesce($7, external_id),
              ended_at = CASE WHEN $3 = 'SUBMITTED' THEN NULL ELSE now() END,
              locked_by = NULL, locked_until = NULL
        WHERE id = $1 AND locked_by = $2 AND status = 'RUNNING'`,
      [
        id,
        runnerId,
        outcome.status,
        outcome.status === 'SUCCEEDED' ? JSON.stringify(outcome.output) : null,
        outcome.status === 'FAILED' ? outcome.error.slice(0, 256) : null,
        outcome.status === 'FAILED' ? outcome.cause.slice(0, 32_768) : null,
        outcome.status === 'SUBMITTED' ? outcome.externalId : null,
      ],
    )) as [unknown, number];
    return count === 1;
  }

  /** Leaves a pending execution for a later attempt (a start that AWS refused for now). */
  async postpone(runnerId: string, id: string, delayMs: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.s}.workflow_executions
          SET status = 'PENDING', cause = $4,
              locked_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = $1 AND locked_by = $2 AND status = 'RUNNING'`,
      [id, runnerId, delayMs, reason.slice(0, 2000)],
    );
  }

  /** Inserts or updates steps (their whole state), in one statement. */
  async saveSteps(steps: readonly StepRecord[]): Promise<void> {
    if (steps.length === 0) return;
    const column = <K extends keyof StepRecord>(key: K) => steps.map((step) => step[key]);
    await this.db.query(
      `INSERT INTO ${this.s}.workflow_steps
              (execution_id, run, seq, state, pattern, status, attempts, started_at, ended_at, error, cause)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[],
                            $7::int[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])
       ON CONFLICT (execution_id, run, seq) DO UPDATE
          SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, ended_at = EXCLUDED.ended_at,
              error = EXCLUDED.error, cause = EXCLUDED.cause`,
      [
        column('executionId'),
        column('run'),
        column('seq'),
        column('state'),
        column('pattern'),
        column('status'),
        column('attempts'),
        steps.map((step) => new Date(step.startedAt).toISOString()),
        steps.map((step) => (step.endedAt === null ? null : new Date(step.endedAt).toISOString())),
        steps.map((step) => step.error?.slice(0, 256) ?? null),
        steps.map((step) => step.cause?.slice(0, 2000) ?? null),
      ],
    );
  }

  async list(filter: ExecutionFilter): Promise<ExecutionSummary[]> {
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${this.s}.workflow_executions
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR workflow = $2)
        ORDER BY created_at DESC, id
        LIMIT $3 OFFSET $4`,
      [filter.status ?? null, filter.workflow ?? null, filter.limit, filter.offset],
    )) as ExecutionRow[];
    return rows.map((row) => this.toSummary(row));
  }

  async get(id: string): Promise<ExecutionDetails | undefined> {
    const [row] = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, input, output FROM ${this.s}.workflow_executions WHERE id = $1`,
      [id],
    )) as (ExecutionRow & { input: unknown; output: unknown })[];
    if (!row) return undefined;
    const steps = (await this.db.query(
      `SELECT run, seq, state, pattern, status, attempts, started_at, ended_at, error, cause
         FROM ${this.s}.workflow_steps WHERE execution_id = $1 ORDER BY run, seq`,
      [id],
    )) as StepRow[];
    return {
      ...this.toSummary(row),
      input: row.input,
      output: row.output,
      steps: steps.map((step) => ({
        run: step.run,
        seq: step.seq,
        state: step.state,
        pattern: step.pattern,
        status: step.status,
        attempts: step.attempts,
        startedAt: step.started_at.toISOString(),
        endedAt: step.ended_at?.toISOString() ?? null,
        error: step.error,
        cause: step.cause,
      })),
    };
  }

  private toSummary(row: ExecutionRow): ExecutionSummary {
    return {
      id: row.id,
      module: this.module,
      workflow: row.workflow,
      name: row.name,
      engine: row.engine,
      status: row.status,
      runs: row.runs,
      error: row.error,
      cause: row.cause,
      definitionHash: row.definition_hash,
      externalId: row.external_id,
      createdAt: row.created_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      endedAt: row.ended_at?.toISOString() ?? null,
    };
  }
}

export type FinishedOutcome =
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; error: string; cause: string }
  | { status: 'SUBMITTED'; externalId: string };

const SUMMARY_COLUMNS = `id, workflow, name, engine, status, runs, error, cause, definition_hash,
  external_id, created_at, started_at, ended_at`;

interface ExecutionRow {
  id: string;
  workflow: string;
  name: string;
  engine: EngineKind;
  status: ExecutionStatus;
  runs: number;
  error: string | null;
  cause: string | null;
  definition_hash: string | null;
  external_id: string | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
}

interface StepRow {
  run: number;
  seq: number;
  state: string;
  pattern: string | null;
  status: StepStatus;
  attempts: number;
  started_at: Date;
  ended_at: Date | null;
  error: string | null;
  cause: string | null;
}
