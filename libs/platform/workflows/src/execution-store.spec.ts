import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createRootLogger } from '#platform/observability';
import {
  defineModuleSchema,
  rowsOf,
  SchemaMigrator,
  sql,
  type ModuleSchema,
} from '#platform/persistence';
import { eventually } from '../../../../test/support/eventually.js';
import { testDatabase } from '../../../../test/support/test-database.js';
import { ExecutionStore } from './execution-store.js';
import { LocalWorkflowEngine } from './local/local-workflow-engine.js';
import { StepJournal } from './step-journal.js';
import { TASK_RESOURCE, WorkflowDefinition } from './workflow-definition.js';
import {
  createWorkflowNotifyMigration,
  createWorkflowStepDataMigration,
  createWorkflowTablesMigration,
} from './workflow-tables.migration.js';

const HASHES = new Map([['demo', 'hash-1']]);
const LEASE_MS = 1_000;

/** A throw-away module with the workflow tables, and its role's DataSource. */
async function workflowModule(prefix: string): Promise<{ schema: ModuleSchema; db: DataSource }> {
  const module = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const schema = defineModuleSchema({
    module,
    migrations: [
      createWorkflowTablesMigration(module, 1763712000000),
      createWorkflowNotifyMigration(module, 1763712000001),
      createWorkflowStepDataMigration(module, 1763712000002),
    ],
  });
  await new SchemaMigrator(
    testDatabase(),
    createRootLogger({ level: 'silent', service: 'test' }),
  ).migrate([schema]);
  const db = await new DataSource({
    type: 'postgres',
    url: testDatabase().urlFor(schema).href,
    schema: schema.schema,
  }).initialize();
  return { schema, db };
}

/** The claims and outcomes that keep one execution from running twice or being lost. */
describe('ExecutionStore', () => {
  let schema: ModuleSchema;
  let db: DataSource;
  let store: ExecutionStore;

  const start = async (name: string) => {
    const enqueue = store.enqueue(
      { workflow: 'demo', name, engine: 'local', input: { name } },
      sql`true`,
    );
    await rowsOf(db, sql`WITH started AS (${enqueue} RETURNING id) SELECT id FROM started`);
    const [row] = (await db.query(
      `SELECT id FROM "${schema.schema}".workflow_executions WHERE name = $1`,
      [name],
    )) as { id: string }[];
    return row!.id;
  };
  const status = async (id: string) =>
    (
      (await db.query(`SELECT status FROM "${schema.schema}".workflow_executions WHERE id = $1`, [
        id,
      ])) as { status: string }[]
    )[0]!.status;
  const expireLease = (id: string) =>
    db.query(
      `UPDATE "${schema.schema}".workflow_executions SET locked_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
  const claimOnly = async (runner: string, id: string, running: string[] = [], engine = 'local') =>
    (await store.claim(runner, engine as 'local', 100, LEASE_MS, HASHES, running)).filter(
      (execution) => execution.id === id,
    );

  beforeAll(async () => {
    ({ schema, db } = await workflowModule('wf'));
    store = new ExecutionStore(schema.module, schema.schema, db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('starts one execution per business key, however often asked', async () => {
    const id = await start('order-1');
    await start('order-1');
    expect(await store.list({ workflow: 'demo', limit: 100, offset: 0 })).toEqual([
      expect.objectContaining({ id, name: 'order-1', status: 'PENDING' }),
    ]);
  });

  it('never hands a runner an execution it still runs, even when its lease has run out', async () => {
    const id = await start('order-2');
    expect(await claimOnly('runner-a', id)).toHaveLength(1);
    await expireLease(id);

    expect(await claimOnly('runner-a', id, [id])).toEqual([]);
    // Another runner may take over a run whose lease expired: that is how crashes are re-driven.
    expect(await claimOnly('runner-b', id, [])).toEqual([expect.objectContaining({ run: 2 })]);
  });

  it('re-drives a run another engine left behind', async () => {
    const id = await start('order-3');
    expect(await claimOnly('runner-a', id)).toHaveLength(1);
    await expireLease(id);
    expect(await claimOnly('runner-b', id, [], 'stepfunctions')).toHaveLength(1);
  });

  it('never puts a finished execution back in line', async () => {
    const id = await start('order-4');
    await claimOnly('runner-a', id);
    const finished = await store.finish('runner-a', id, { status: 'SUCCEEDED', output: {} });
    expect(finished.recorded).toBe(true);
    expect(finished.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(finished.ageSeconds).toBeLessThan(60);

    await store.postpone('runner-a', id, 1_000, 'late failure report');
    expect(await status(id)).toBe('SUCCEEDED');
    await expireLease(id);
    expect(await claimOnly('runner-b', id)).toEqual([]);
  });

  it('records an outcome only for the runner holding the execution', async () => {
    const id = await start('order-5');
    await claimOnly('runner-a', id);
    await expireLease(id);
    await claimOnly('runner-b', id);

    expect(await store.finish('runner-a', id, { status: 'SUCCEEDED', output: {} })).toEqual({
      recorded: false,
      ageSeconds: undefined,
    });
    expect(await store.renew('runner-a', [id], LEASE_MS)).toEqual(new Set());
    expect(await store.renew('runner-b', [id], LEASE_MS)).toEqual(new Set([id]));
  });
});

describe('LocalWorkflowEngine, aborted', () => {
  const module = `wfa_${Math.random().toString(36).slice(2, 10)}`;
  let db: DataSource;
  let journal: StepJournal;
  const definition = WorkflowDefinition.parse(
    module,
    'demo',
    'demo.asl.json',
    JSON.stringify({
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: TASK_RESOURCE,
          Parameters: {
            'QueueUrl.$': `$$.Execution.Input.queues.${module}`,
            MessageBody: {
              'taskToken.$': '$$.Task.Token',
              pattern: `${module}.slow`,
              'correlationId.$': '$$.Execution.Input.correlationId',
              input: {},
            },
          },
          TimeoutSeconds: 30,
          Retry: [{ ErrorEquals: ['SlowError'], IntervalSeconds: 5, MaxAttempts: 3 }],
          End: true,
        },
      },
    }),
  );
  /** A domain error of the called module, which the definition retries. */
  class SlowError extends Error {
    override name = 'SlowError';
  }
  let dispatchTask: () => Promise<unknown> = () => Promise.resolve();
  let engine: LocalWorkflowEngine;
  const run = (dispatch: () => Promise<unknown>) => {
    dispatchTask = dispatch;
    return engine.execute(
      definition,
      { id: randomUUID(), workflow: 'demo', name: 'x', input: {}, run: 1 },
      { correlationId: 'c', queues: { [module]: `local:${module}` } },
      journal,
    );
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    engine = await LocalWorkflowEngine.create(() => dispatchTask());
    const opened = await workflowModule('wfa');
    db = opened.db;
    journal = new StepJournal(new ExecutionStore(opened.schema.module, opened.schema.schema, db));
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('ends only once the task in progress has returned', async () => {
    let finish: (() => void) | undefined;
    const running = run(() => new Promise<void>((resolve) => (finish = resolve)));
    await eventually(
      () => finish,
      (f) => f !== undefined,
      'the first dispatch',
    );
    let ended = false;
    void running.outcome.then(() => (ended = true));
    running.abort();
    await pause(50);
    expect(ended).toBe(false); // its task is still running

    finish!();
    expect(await running.outcome).toBeUndefined();
  });

  it('sends no retry to the module once aborted during a backoff', async () => {
    let calls = 0;
    const running = run(() => {
      calls += 1;
      return Promise.reject(new SlowError('slow')); // retried after 5 s
    });
    await eventually(
      () => calls,
      (n) => n === 1,
      'the first dispatch',
    );
    await pause(20); // into the backoff
    running.abort();
    expect(await running.outcome).toBeUndefined();
    await pause(100); // room for the engine's cut-short backoff
    expect(calls).toBe(1);
  });
});
