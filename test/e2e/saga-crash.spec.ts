import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { httpClient } from '../support/http-client.js';
import { MAIN, startMonolithProcess, type MonolithProcess } from '../support/monolith-process.js';
import { expectMixOutcomes, placeMixedOrders } from '../support/order-mix.js';
import { auditWhenSagasEnd, sagaViolations } from '../support/saga-audit.js';
import { tokenFor } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

/**
 * The monolith process killed with SIGKILL while 200 order sagas are in flight, then started
 * again: the unfinished executions are re-driven from the start, and every order ends right.
 */
describe('order sagas across a crash', () => {
  const adminUrl = testDatabase().adminUrl.href;
  const env = {
    DATABASE_URL: adminUrl,
    SEAM_PAYMENT_GATEWAY_TIMEOUT_MS: '200',
    // A killed process's executions are re-driven once their lease has expired.
    SEAM_WORKFLOW_LEASE_MS: '2000',
  };
  let running: MonolithProcess | undefined;
  const clients = (subject: string, roles: string[] = []) =>
    httpClient(
      () => running!.baseUrl,
      () => tokenFor(subject, roles),
    );

  /** The executions of these orders' sagas (other test files of this worker have theirs). */
  const executionCounts = async (orderIds: string[]): Promise<Record<string, number>> => {
    const db = new pg.Client({ connectionString: adminUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ status: string; redriven: boolean; count: number }>(
        `SELECT status, runs > 1 AS redriven, count(*)::int AS count
           FROM ordering.workflow_executions
          WHERE workflow = 'order-fulfilment' AND name = ANY($1) GROUP BY 1, 2`,
        [orderIds],
      );
      return Object.fromEntries(
        rows.map((row) => [`${row.status}${row.redriven ? ' (re-driven)' : ''}`, row.count]),
      );
    } finally {
      await db.end();
    }
  };

  beforeAll(() => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` does it)`);
  });

  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await running?.exited;
  });

  it('ends every order right after a SIGKILL mid-flight: nothing held, nothing charged twice', async () => {
    running = await startMonolithProcess(env);
    const mix = await placeMixedOrders(clients('ops', ['admin']), clients('crash-customer'), 50);
    const ids = [...mix.orders.keys()];

    running.child.kill('SIGKILL');
    expect(await running.exited).toBe(null); // killed, not exited
    running = undefined;
    const atCrash = await executionCounts(ids);
    const unfinished = (atCrash.PENDING ?? 0) + (atCrash.RUNNING ?? 0);
    expect(unfinished).toBeGreaterThan(0); // the kill did catch sagas in flight

    running = await startMonolithProcess(env);
    const audits = await auditWhenSagasEnd(adminUrl, ids);
    expect(sagaViolations(audits)).toEqual([]);
    expectMixOutcomes(mix, audits);

    const afterRestart = await eventually(
      () => executionCounts(ids),
      (counts) => !counts.PENDING && !counts.RUNNING && !counts['RUNNING (re-driven)'],
      'every execution to end',
    );
    expect(afterRestart.FAILED ?? 0).toBe(0);
    expect(afterRestart['FAILED (re-driven)'] ?? 0).toBe(0);
    expect(afterRestart['SUCCEEDED (re-driven)']).toBeGreaterThan(0);
    expect(running.output()).toContain('Re-driving workflow execution');

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = undefined;
  }, 240_000);
});
