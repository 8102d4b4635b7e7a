import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AdminAudit } from '#platform/persistence';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

/** Rows straight into a module's tables, as a failure would have left them. */
async function withAdminDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: testDatabase().adminUrl.href });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

async function parkEvent(schema: string): Promise<string> {
  const id = randomUUID();
  await withAdminDb((db) =>
    db.query(
      `INSERT INTO ${schema}.outbox (id, pattern, aggregate_id, payload, headers, attempts, parked_at, last_error)
       VALUES ($1, 'test.never-delivered', $2, '{}', $3, 10, now(), 'InternalError: down')`,
      [id, `agg-${id}`, JSON.stringify({ messageId: id, correlationId: 'audit-test' })],
    ),
  );
  return id;
}

/** An execution of a workflow no runner knows, so only operators move it. */
async function execution(status: 'FAILED' | 'RUNNING' | 'SUCCEEDED'): Promise<string> {
  const id = randomUUID();
  await withAdminDb((db) =>
    db.query(
      `INSERT INTO ordering.workflow_executions (id, workflow, name, engine, status, input, error, runs)
       VALUES ($1, 'audit-test-workflow', $2, 'local', $3, '{}', $4, 1)`,
      [id, `order-${id}`, status, status === 'FAILED' ? 'States.Timeout' : null],
    ),
  );
  return id;
}

describe('operators: the audit log of admin actions', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const operator = `ops-${randomUUID()}`;
  const admin = as(operator, ['admin']);

  beforeAll(async () => {
    monolith = await startMonolith({ runWorkflows: false });
  });

  afterAll(async () => {
    await monolith.close();
  });

  it('records an outbox redrive with who, what, before, after and the trace, in the module log', async () => {
    const eventId = await parkEvent('shipping');
    const traceId = randomUUID().replaceAll('-', '');
    const redriven = await admin(
      'POST',
      '/admin/outbox/shipping/redrive',
      { ids: [eventId] },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(redriven.body).toEqual({ module: 'shipping', redriven: 1 });

    const page = await admin('GET', `/admin/audit?actor=${operator}&action=outbox.redrive`);
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        module: 'shipping',
        actor: operator,
        action: 'outbox.redrive',
        target: `shipping/outbox/${eventId}`,
        traceId,
        before: {
          requested: [eventId],
          parked: [
            expect.objectContaining({
              id: eventId,
              attempts: 10,
              lastError: 'InternalError: down',
            }),
          ],
        },
        after: { redriven: [eventId] },
      }),
    ]);
    expect(Date.parse(page.body.items[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('rolls the action back when its audit row cannot be written', async () => {
    const eventId = await parkEvent('catalog');
    const audit = monolith.app.get(AdminAudit);
    const outbox = { redrive: '' };
    await expect(
      audit.perform(
        'catalog',
        // An action name the table refuses (upper case): the row fails after the redrive ran.
        { actor: operator, action: 'Outbox.Redrive', target: 'catalog/outbox', traceId: null },
        async (transaction) => {
          const [rows] = (await transaction.query(
            `UPDATE catalog.outbox SET parked_at = NULL WHERE id = $1 RETURNING id`,
            [eventId],
          )) as [unknown[], number];
          outbox.redrive = `${rows.length}`;
          return { result: rows.length, before: null, after: null };
        },
      ),
    ).rejects.toThrow();
    expect(outbox.redrive).toBe('1');
    const [row] = await withAdminDb(
      async (db) =>
        (await db.query(`SELECT parked_at FROM catalog.outbox WHERE id = $1`, [eventId])).rows,
    );
    expect(row.parked_at).not.toBeNull();
  });

  it('records a workflow redrive and a cancel, and refuses both in the wrong status', async () => {
    const failed = await execution('FAILED');
    const redrive = await admin('POST', `/workflows/executions/${failed}/redrive`);
    expect(redrive.status).toBe(200);
    expect(redrive.body).toEqual({ id: failed, before: 'FAILED', status: 'PENDING' });

    const running = await execution('RUNNING');
    const cancel = await admin('POST', `/workflows/executions/${running}/cancel`, {
      reason: 'stuck on a gateway',
    });
    expect(cancel.body).toEqual({ id: running, before: 'RUNNING', status: 'FAILED' });
    const cancelled = (await admin('GET', `/workflows/executions/${running}`)).body;
    expect(cancelled).toMatchObject({
      status: 'FAILED',
      error: 'Cancelled',
      cause: `Cancelled by ${operator}: stuck on a gateway`,
    });

    const log = (
      await admin('GET', `/admin/audit?actor=${operator}&target=ordering/workflow-executions/`)
    ).body.items;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'workflow.redrive',
          target: `ordering/workflow-executions/${failed}`,
          before: { status: 'FAILED', engine: 'local', error: 'States.Timeout' },
          after: { status: 'PENDING', error: null },
        }),
        expect.objectContaining({
          action: 'workflow.cancel',
          target: `ordering/workflow-executions/${running}`,
          before: { status: 'RUNNING', engine: 'local', error: null },
          after: { status: 'FAILED', error: 'Cancelled' },
        }),
      ]),
    );

    const succeeded = await execution('SUCCEEDED');
    const refused = await admin('POST', `/workflows/executions/${succeeded}/redrive`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('Only a FAILED execution');
    expect((await admin('POST', `/workflows/executions/${succeeded}/cancel`, {})).status).toBe(409);
    expect((await admin('POST', `/workflows/executions/${randomUUID()}/cancel`, {})).status).toBe(
      404,
    );
    const refusedRows = (
      await admin('GET', `/admin/audit?target=ordering/workflow-executions/${succeeded}`)
    ).body.items;
    expect(refusedRows).toEqual([]);
  });

  it('pages newest first', async () => {
    const pager = `pager-${randomUUID()}`;
    const pagerClient = as(pager, ['admin']);
    for (let i = 0; i < 3; i++) {
      const id = await parkEvent('notifications');
      await pagerClient('POST', '/admin/outbox/notifications/redrive', { ids: [id] });
    }
    const first = (await admin('GET', `/admin/audit?actor=${pager}&pageSize=2`)).body;
    const second = (await admin('GET', `/admin/audit?actor=${pager}&pageSize=2&page=2`)).body;
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    const times = [...first.items, ...second.items].map((item: { at: string }) => item.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers 400 for a bad filter and 403 for non-administrators', async () => {
    for (const query of [
      'action=DROP%20TABLE',
      'pageSize=1000',
      'page=0',
      'module=../x',
      `actor=${'a'.repeat(300)}`,
    ]) {
      const response = await admin('GET', `/admin/audit?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    expect((await as('c1')('GET', '/admin/audit')).status).toBe(403);
  });
});
