import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { auditOrders, sagaViolations, TERMINAL_ORDER_STATES } from '../support/saga-audit.js';
import { placeOrder } from '../support/shop.js';
import {
  clientsFor,
  freshSku,
  startMonolith,
  type TestApplication,
} from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

const REASON = {
  declined: 'Your payment was declined. You have not been charged.',
  outOfStock: 'Some items in your order are out of stock. You have not been charged.',
  unavailable:
    'We could not complete your order right now. You have not been charged; please try again later.',
};

describe('order fulfilment saga', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`saga-${randomUUID()}`);

  /** A product with `onHand` units in warehouse BER-1. */
  async function stocked(onHand: number, prefix = 'SAGA'): Promise<string> {
    const sku = freshSku(prefix);
    const created = await admin('POST', '/catalog/products', {
      sku,
      name: 'Teapot',
      price: { amount: 1500, currency: 'EUR' },
      weightGrams: 400,
    });
    expect(created.status).toBe(201);
    expect((await admin('PUT', `/inventory/stock/${sku}/BER-1`, { onHand })).status).toBe(200);
    return sku;
  }

  const order = (orderId: string) =>
    eventually(
      async () => (await customer('GET', `/orders/${orderId}`)).body,
      (body) => TERMINAL_ORDER_STATES.includes(body.status),
      `order ${orderId} to end`,
      30_000,
    );

  const execution = async (orderId: string) => {
    const list = await admin('GET', '/workflows/executions?workflow=order-fulfilment&pageSize=100');
    const summary = list.body.items.find((item: { name: string }) => item.name === orderId);
    return (await admin('GET', `/workflows/executions/${summary.id}`)).body;
  };

  beforeAll(async () => {
    process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS = '200';
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith?.close();
    delete process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS;
  });

  it('confirms a good order: stock committed, card captured, parcel booked, every step recorded', async () => {
    const sku = await stocked(5);
    const placed = await placeOrder(customer, [{ sku, quantity: 2 }]);
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('PENDING');

    expect(await order(placed.body.id)).toMatchObject({ status: 'CONFIRMED', rejectReason: null });
    const [audit] = await auditOrders(testDatabase().adminUrl.href, [placed.body.id]);
    expect(audit).toMatchObject({
      payment: 'CAPTURED',
      captured: placed.body.total.amount,
      reservation: 'COMMITTED',
      shipment: 'CREATED',
    });

    const run = await eventually(
      () => execution(placed.body.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution to be recorded as ended',
    );
    expect(run).toMatchObject({ module: 'ordering', engine: 'local', runs: 1, error: null });
    expect(run.definitionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.input).toMatchObject({ orderId: placed.body.id, cardToken: 'tok_approve' });
    expect(run.steps.map((step: { state: string }) => step.state)).toEqual([
      'ReserveStock',
      'AuthorizePayment',
      'CreateShipment',
      'CapturePayment',
      'ConfirmOrder',
      'CommitStock',
    ]);
    expect(run.steps[1]).toMatchObject({
      pattern: 'payments.authorize',
      status: 'SUCCEEDED',
      attempts: 1,
    });
    for (const step of run.steps) expect(step.endedAt >= step.startedAt).toBe(true);
  });

  it('rejects a declined card with a reason the customer can read, releasing the stock', async () => {
    const sku = await stocked(5);
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }], {
      paymentToken: 'tok_decline',
    });

    expect(await order(placed.body.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: REASON.declined,
    });
    const [audit] = await auditOrders(testDatabase().adminUrl.href, [placed.body.id]);
    expect(audit).toMatchObject({ payment: 'DECLINED', reservation: 'RELEASED', shipment: null });
    const stock = await admin('GET', `/inventory/stock/${sku}`);
    expect(stock.body).toEqual([expect.objectContaining({ onHand: 5, reserved: 0 })]);

    const run = await eventually(
      () => execution(placed.body.id),
      (body) => body.status === 'SUCCEEDED',
      'the compensated execution',
    );
    expect(
      run.steps.map((step: { state: string; status: string }) => `${step.state}:${step.status}`),
    ).toEqual([
      'ReserveStock:SUCCEEDED',
      'AuthorizePayment:CAUGHT',
      'VoidPayment:SUCCEEDED',
      'ReleaseStock:SUCCEEDED',
      'RejectOrder:SUCCEEDED',
    ]);
    expect(run.steps[1]).toMatchObject({ error: 'PaymentDeclinedError', attempts: 1 });
    expect(run.output).toMatchObject({ reason: REASON.declined });
  });

  it('retries a transient gateway failure and confirms', async () => {
    const sku = await stocked(5);
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }], {
      paymentToken: 'tok_flaky',
    });
    expect((await order(placed.body.id)).status).toBe('CONFIRMED');
    const run = await eventually(
      () => execution(placed.body.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution',
    );
    expect(run.steps[1]).toMatchObject({
      state: 'AuthorizePayment',
      status: 'SUCCEEDED',
      attempts: 2,
    });
  });

  it('gives up on a gateway that never answers after the retries, and compensates', async () => {
    const sku = await stocked(5);
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }], {
      paymentToken: 'tok_timeout',
    });
    expect(await order(placed.body.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: REASON.unavailable,
    });
    const run = await eventually(
      () => execution(placed.body.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution',
    );
    expect(run.steps[1]).toMatchObject({
      state: 'AuthorizePayment',
      status: 'CAUGHT',
      attempts: 4,
      error: 'PaymentGatewayTimeoutError',
    });
    expect(
      sagaViolations(await auditOrders(testDatabase().adminUrl.href, [placed.body.id])),
    ).toEqual([]);
  }, 30_000);

  it('leaves an order the customer cancelled mid-way cancelled, with everything undone', async () => {
    const sku = await stocked(5);
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    await customer('POST', `/orders/${placed.body.id}/cancel`);

    const ended = await order(placed.body.id);
    // Either the cancel came first (the saga then undoes its steps), or the saga confirmed first.
    const [audit] = await auditOrders(testDatabase().adminUrl.href, [placed.body.id]);
    expect(['CANCELLED', 'CONFIRMED']).toContain(ended.status);
    await eventually(
      () => execution(placed.body.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution',
    );
    expect(
      sagaViolations([(await auditOrders(testDatabase().adminUrl.href, [placed.body.id]))[0]!]),
    ).toEqual([]);
    expect(audit!.status).toBe(ended.status);
  });

  it('lists executions for administrators only, filtered by status and workflow', async () => {
    const succeeded = await admin('GET', '/workflows/executions?status=SUCCEEDED&pageSize=5');
    expect(succeeded.status).toBe(200);
    expect(succeeded.body.items.length).toBeGreaterThan(0);
    for (const item of succeeded.body.items) expect(item.status).toBe('SUCCEEDED');
    expect(
      (await admin('GET', '/workflows/executions?workflow=no-such-workflow')).body.items,
    ).toEqual([]);

    const bad = await admin('GET', '/workflows/executions?status=DONE');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('status');
    expect((await admin('GET', `/workflows/executions/${randomUUID()}`)).status).toBe(404);
    expect((await customer('GET', '/workflows/executions')).status).toBe(403);
  });

  it('takes 200 mixed orders each to the right end, with the right compensations', async () => {
    const plenty = await stocked(1000, 'MIX');
    const scarce = await stocked(5, 'SCARCE');
    const empty = await stocked(0, 'EMPTY');
    type Kind = 'approve' | 'flaky' | 'decline' | 'insufficient' | 'timeout' | 'noStock' | 'scarce';
    const mix: [Kind, number][] = [
      ['approve', 70],
      ['flaky', 30],
      ['decline', 30],
      ['insufficient', 20],
      ['timeout', 10],
      ['noStock', 30],
      ['scarce', 10],
    ];
    const token: Record<Kind, string> = {
      approve: 'tok_approve',
      flaky: 'tok_flaky',
      decline: 'tok_decline',
      insufficient: 'tok_insufficient_funds',
      timeout: 'tok_timeout',
      noStock: 'tok_approve',
      scarce: 'tok_approve',
    };
    const kinds = mix.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
    expect(kinds).toHaveLength(200);

    const orders = new Map<string, Kind>();
    for (let i = 0; i < kinds.length; i += 25) {
      const batch = kinds.slice(i, i + 25);
      const placed = await Promise.all(
        batch.map((kind) =>
          placeOrder(
            customer,
            kind === 'noStock'
              ? [
                  { sku: plenty, quantity: 1 },
                  { sku: empty, quantity: 1 },
                ]
              : [{ sku: kind === 'scarce' ? scarce : plenty, quantity: 1 }],
            { paymentToken: token[kind] },
          ),
        ),
      );
      placed.forEach((response, index) => {
        expect(response.status).toBe(201);
        orders.set(response.body.id, batch[index]!);
      });
    }

    const ids = [...orders.keys()];
    const audits = await eventually(
      () => auditOrders(testDatabase().adminUrl.href, ids),
      (rows) => rows.every((row) => TERMINAL_ORDER_STATES.includes(row.status)),
      'every order to end',
      120_000,
    );
    expect(sagaViolations(audits)).toEqual([]);

    const outcome = (kind: Kind) =>
      audits.filter((row) => orders.get(row.orderId) === kind).map((row) => row.status);
    for (const kind of ['approve', 'flaky'] as const)
      expect(new Set(outcome(kind))).toEqual(new Set(['CONFIRMED']));
    for (const kind of ['decline', 'insufficient', 'timeout', 'noStock'] as const)
      expect(new Set(outcome(kind))).toEqual(new Set(['REJECTED']));
    // Five units for ten orders: exactly five win.
    expect(outcome('scarce').filter((status) => status === 'CONFIRMED')).toHaveLength(5);

    const reasons = (kind: Kind) =>
      new Set(
        audits.filter((row) => orders.get(row.orderId) === kind).map((row) => row.rejectReason),
      );
    expect(reasons('decline')).toEqual(new Set([REASON.declined]));
    expect(reasons('insufficient')).toEqual(new Set([REASON.declined]));
    expect(reasons('timeout')).toEqual(new Set([REASON.unavailable]));
    expect(reasons('noStock')).toEqual(new Set([REASON.outOfStock]));
    // All or nothing: an order with one missing line reserved nothing and charged nothing.
    for (const row of audits.filter((audit) => orders.get(audit.orderId) === 'noStock'))
      expect(row).toMatchObject({ reservation: null, payment: null });

    const stock = await admin('GET', `/inventory/stock/${scarce}`);
    expect(stock.body).toEqual([expect.objectContaining({ onHand: 0, reserved: 0 })]);
    const confirmed = audits.filter((row) => row.status === 'CONFIRMED').length;
    const plentyStock = await admin('GET', `/inventory/stock/${plenty}`);
    expect(plentyStock.body).toEqual([
      expect.objectContaining({ onHand: 1000 - (confirmed - 5), reserved: 0 }),
    ]);
  }, 180_000);
});
