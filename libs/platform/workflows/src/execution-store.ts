import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { raw, rowsOf, sql, type Sql } from '#platform/persistence';
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

/** The input key that holds the traceparent of an execution's latest run (see noteRunTrace). */
export const RUN_TRACEPARENT = 'runTraceparent';

/** An execution a runner has claimed: it runs it until done or until its lease is lost. */
export interface ClaimedExecution {
  readonly id: string;
  readonly workflow: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** 1 for the first run; more after a crash or a shutdown re-drove it. */
  readonly run: number;
}

/** Whether `finish` recorded the outcome (the runner still held the lease), and how old the execution then was. */
export interface FinishRecord {
  readonly recorded: boolean;
  /** Seconds from the execution's creation to now: its duration, re-drives included. */
  readonly ageSeconds: number | undefined;
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
  /** The Task state's input and output (a `{ truncated }` note when larger than STEP_DATA_LIMIT). */
  readonly input: unknown;
  readonly output: unknown;
}

/** Characters of JSON kept of a step's input or output. */
export const STEP_DATA_LIMIT = 16_384;

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
  input?: unknown;
  output?: unknown;
}

export interface ExecutionDetails extends ExecutionSummary {
  readonly input: unknown;
  readonly output: unknown;
  readonly steps: ExecutionStep[];
}

export interface ExecutionFilter {
  readonly status?: ExecutionStatus;
  readonly workflow?: string;
  /** The business key, e.g. an order id. */
  readonly name?: string;
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
  private readonly table: Sql;

  constructor(
    readonly module: string,
    readonly schema: string,
    private readonly db: DataSource,
  ) {
    this.s = `"${schema}"`;
    this.table = raw(`${this.s}.workflow_executions`);
  }

  /**
   * The `INSERT` recording that `workflow` must run for the business key `name`, to be one part
   * of the caller's data-changing statement (written only if `when` holds). Starting the same
   * (workflow, name) again is a no-op. A trigger wakes the runners when it commits.
   */
  enqueue(
    start: { workflow: string; name: string; engine: EngineKind; input: Record<string, unknown> },
    when: Sql,
  ): Sql {
    return sql`INSERT INTO ${this.table} (id, workflow, name, engine, status, input)
      SELECT ${randomUUID()}::uuid, ${start.workflow}, ${start.name}, ${start.engine}, 'PENDING',
             ${JSON.stringify(start.input)}::jsonb
       WHERE ${when}
      ON CONFLICT (workflow, name) DO NOTHING`;
  }

  /**
   * Records on its own, in one statement, that `workflow` must run for `name`.
   * @returns false when an execution of that (workflow, name) exists already: nothing was started.
   */
  async enqueueAlone(
    start: { workflow: string; name: string; engine: EngineKind; input: Record<string, unknown> },
    transaction?: EntityManager,
  ): Promise<boolean> {
    const [row] = await rowsOf<{ started: boolean }>(
      transaction ?? this.db,
      sql`WITH started AS (${this.enqueue(start, sql`true`)} RETURNING id)
          SELECT EXISTS (SELECT 1 FROM started) AS started`,
    );
    return row!.started;
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
    const hashesJson = JSON.stringify(Object.fromEntries(hashes));
    const rows = await rowsOf<{
      id: string;
      workflow: string;
      name: string;
      input: Record<string, unknown>;
      runs: number;
    }>(
      this.db,
      sql`WITH claimed AS (
            UPDATE ${this.table} AS e
               SET status = 'RUNNING', engine = ${engine}, runs = e.runs + 1, locked_by = ${runnerId},
                   locked_until = now() + make_interval(secs => ${leaseMs}::double precision / 1000),
                   started_at = coalesce(e.started_at, now()),
                   definition_hash = (${hashesJson}::jsonb ->> e.workflow)
              FROM (SELECT c.id FROM ${this.table} c
                     WHERE c.workflow IN (SELECT jsonb_object_keys(${hashesJson}::jsonb))
                       AND c.status IN ('PENDING', 'RUNNING')
                       AND (c.locked_until IS NULL OR c.locked_until < now())
                       AND NOT (c.id = ANY(${running}::uuid[]))
                     ORDER BY c.created_at
                     LIMIT ${limit}
                     FOR UPDATE SKIP LOCKED) AS chosen
             WHERE e.id = chosen.id
            RETURNING e.id, e.workflow, e.name, e.input, e.runs)
          SELECT * FROM claimed`,
    );
    return rows.map((row) => ({
      id: row.id,
      workflow: row.workflow,
      name: row.name,
      input: row.input,
      run: row.runs,
    }));
  }

  /**
   * Keeps the traceparent of the span of the run under way with the execution's input, so the
   * run that re-drives it after a crash can link to it (tracing on only).
   */
  async noteRunTrace(runnerId: string, id: string, traceparent: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.s}.workflow_executions
          SET input = input || jsonb_build_object('${RUN_TRACEPARENT}', $3::text)
        WHERE id = $1 AND locked_by = $2`,
      [id, runnerId, traceparent],
    );
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

  /**
   * Records how a run ended, with the last `steps` of its timeline, in one statement; the
   * outcome is ignored when this runner no longer holds the execution. Also answers how old the
   * execution is (for the saga duration metric), at no extra query.
   */
  async finish(
    runnerId: string,
    id: string,
    outcome: FinishedOutcome,
    steps: readonly StepRecord[] = [],
  ): Promise<FinishRecord> {
    const [row] = await rowsOf<{ finished: boolean; seconds: number | null }>(
      this.db,
      sql`WITH saved AS (${this.upsertSteps(steps)}),
          finished AS (
            UPDATE ${this.table}
               SET status = ${outcome.status},
                   output = ${outcome.status === 'SUCCEEDED' ? JSON.stringify(outcome.output) : null}::jsonb,
                   error = ${outcome.status === 'FAILED' ? outcome.error.slice(0, 256) : null},
                   cause = ${outcome.status === 'FAILED' ? outcome.cause.slice(0, 32_768) : null},
                   external_id = coalesce(${outcome.status === 'SUBMITTED' ? outcome.externalId : null}, external_id),
                   ended_at = CASE WHEN ${outcome.status} = 'SUBMITTED' THEN NULL ELSE now() END,
                   locked_by = NULL, locked_until = NULL
             WHERE id = ${id}::uuid AND locked_by = ${runnerId} AND status = 'RUNNING'
            RETURNING extract(epoch FROM now() - created_at)::float8 AS seconds)
          SELECT EXISTS (SELECT 1 FROM finished) AS finished, (SELECT seconds FROM finished) AS seconds`,
    );
    return row!.finished
      ? { recorded: true, ageSeconds: row!.seconds ?? 0 }
      : { recorded: false, ageSeconds: undefined };
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
    await rowsOf(this.db, sql`WITH saved AS (${this.upsertSteps(steps)}) SELECT 1`);
  }

  private upsertSteps(steps: readonly StepRecord[]): Sql {
    const column = <K extends keyof StepRecord>(key: K) => steps.map((step) => step[key]);
    return sql`INSERT INTO ${raw(`${this.s}.workflow_steps`)}
              (execution_id, run, seq, state, pattern, status, attempts, started_at, ended_at, error, cause, input, output)
       SELECT * FROM unnest(${column('executionId')}::uuid[], ${column('run')}::int[], ${column('seq')}::int[],
                            ${column('state')}::text[], ${column('pattern')}::text[], ${column('status')}::text[],
                            ${column('attempts')}::int[],
                            ${steps.map((step) => new Date(step.startedAt).toISOString())}::timestamptz[],
                            ${steps.map((step) => (step.endedAt === null ? null : new Date(step.endedAt).toISOString()))}::timestamptz[],
                            ${steps.map((step) => step.error?.slice(0, 256) ?? null)}::text[],
                            ${steps.map((step) => step.cause?.slice(0, 2000) ?? null)}::text[],
                            ${steps.map((step) => stepData(step.input))}::jsonb[],
                            ${steps.map((step) => stepData(step.output))}::jsonb[])
       ON CONFLICT (execution_id, run, seq) DO UPDATE
          SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, ended_at = EXCLUDED.ended_at,
              error = EXCLUDED.error, cause = EXCLUDED.cause,
              input = coalesce(EXCLUDED.input, workflow_steps.input),
              output = coalesce(EXCLUDED.output, workflow_steps.output)`;
  }

  /**
   * Puts a FAILED local execution back to PENDING, so a runner runs it again from the start
   * (every step is idempotent) as its next run; in `transaction` (an operator's action and its
   * audit row commit together).
   * @returns the execution as it was, or a reason it was left alone.
   */
  async redrive(id: string, transaction: EntityManager): Promise<OperatorChange> {
    return this.changeBy(
      transaction,
      id,
      ['FAILED'],
      sql`status = 'PENDING', error = NULL, cause = NULL, output = NULL, ended_at = NULL,
          locked_by = NULL, locked_until = NULL`,
    );
  }

  /**
   * Ends a PENDING or RUNNING local execution as FAILED (`Cancelled`), in `transaction`. Its
   * runner's lease is void from then on: whatever the run still does is not recorded, and
   * nothing re-drives it.
   */
  async cancel(id: string, reason: string, transaction: EntityManager): Promise<OperatorChange> {
    return this.changeBy(
      transaction,
      id,
      ['PENDING', 'RUNNING'],
      sql`status = 'FAILED', error = 'Cancelled', cause = ${reason.slice(0, 2000)}, ended_at = now(),
          locked_by = NULL, locked_until = NULL`,
    );
  }

  private async changeBy(
    transaction: EntityManager,
    id: string,
    from: readonly ExecutionStatus[],
    set: Sql,
  ): Promise<OperatorChange> {
    const [current] = await rowsOf<{
      status: ExecutionStatus;
      engine: EngineKind;
      error: string | null;
    }>(
      transaction,
      sql`SELECT status, engine, error FROM ${this.table} WHERE id = ${id}::uuid FOR UPDATE`,
    );
    if (!current) return { changed: false, reason: 'not-found' };
    const before = { status: current.status, engine: current.engine, error: current.error };
    if (current.engine !== 'local') return { changed: false, reason: 'not-local', before };
    if (!from.includes(current.status)) return { changed: false, reason: 'wrong-status', before };
    const [after] = await rowsOf<{ status: ExecutionStatus; error: string | null }>(
      transaction,
      sql`WITH changed AS (UPDATE ${this.table} SET ${set} WHERE id = ${id}::uuid RETURNING status, error)
          SELECT * FROM changed`,
    );
    // Wakes the runners for a redriven execution (delivered at commit).
    await rowsOf(transaction, sql`SELECT pg_notify(${workflowChannel(this.schema)}, '')`);
    return { changed: true, before, after: { status: after!.status, error: after!.error } };
  }

  async list(filter: ExecutionFilter): Promise<ExecutionSummary[]> {
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${this.s}.workflow_executions
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR workflow = $2)
          AND ($5::text IS NULL OR name = $5)
        ORDER BY created_at DESC, id
        LIMIT $3 OFFSET $4`,
      [
        filter.status ?? null,
        filter.workflow ?? null,
        filter.limit,
        filter.offset,
        filter.name ?? null,
      ],
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
      `SELECT run, seq, state, pattern, status, attempts, started_at, ended_at, error, cause, input, output
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
        input: step.input ?? null,
        output: step.output ?? null,
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

/** What an operator's redrive or cancel did to an execution. */
export type OperatorChange =
  | {
      changed: true;
      before: { status: ExecutionStatus; engine: EngineKind; error: string | null };
      after: { status: ExecutionStatus; error: string | null };
    }
  | { changed: false; reason: 'not-found' }
  | {
      changed: false;
      /** Not run by the local engine (Step Functions redrives and stops its own), or in a status the action does not apply to. */
      reason: 'not-local' | 'wrong-status';
      before: { status: ExecutionStatus; engine: EngineKind; error: string | null };
    };

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

/** A step's input or output as stored: JSON text, or a note when it is too large to keep. */
function stepData(value: unknown): string | null {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  return json.length <= STEP_DATA_LIMIT ? json : JSON.stringify({ truncated: json.length });
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
  input: unknown;
  output: unknown;
}
