import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import {
  expectMixOutcomes,
  placeMixedOrders,
  REJECT_REASON,
  stockedProduct,
} from '../support/order-mix.js';
import {
  auditOrders,
  auditWhenSagasEnd,
  sagaViolations,
  TERMINAL_ORDER_STATES,
} from '../support/saga-audit.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

describe('order fulfilment saga', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`saga-${randomUUID()}`);

  const stocked = (onHand: number) => stockedProduct(admin, onHand);

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
    const [audit] = await auditWhenSagasEnd(testDatabase().adminUrl.href, [placed.body.id]);
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
      rejectReason: REJECT_REASON.declined,
    });
    const [audit] = await auditWhenSagasEnd(testDatabase().adminUrl.href, [placed.body.id]);
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
      'RejectOrder:SUCCEEDED',
      'CancelShipment:SUCCEEDED',
      'VoidPayment:SUCCEEDED',
      'ReleaseStock:SUCCEEDED',
    ]);
    expect(run.steps[1]).toMatchObject({ error: 'PaymentDeclinedError', attempts: 1 });
    expect(run.output).toMatchObject({ reason: REJECT_REASON.declined });
  });

  it('counts orders, saga durations and step errors in /metrics, labelled by names only', async () => {
    // The two orders above: one confirmed, one rejected by a declined card.
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    const value = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('seam_orders_total{event="placed"}')).toBeGreaterThanOrEqual(2);
    expect(value('seam_orders_total{event="confirmed"}')).toBeGreaterThanOrEqual(1);
    expect(value('seam_orders_total{event="rejected"}')).toBeGreaterThanOrEqual(1);
    // The declined card rejects the order, yet the saga (compensated) succeeds.
    expect(
      value('seam_saga_duration_seconds_count{workflow="order-fulfilment",status="SUCCEEDED"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(
      value('seam_saga_step_errors_total{workflow="order-fulfilment",state="AuthorizePayment"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('seam_outbox_lag_seconds{module="ordering"}')).toBeGreaterThanOrEqual(0);
    expect(value('seam_outbox_parked_events{module="ordering"}')).toBe(0);
    expect(text).not.toMatch(/seam_(orders|saga)_\w+\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}-/);
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
      rejectReason: REJECT_REASON.unavailable,
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
    const mix = await placeMixedOrders(admin, customer);
    const audits = await auditWhenSagasEnd(testDatabase().adminUrl.href, [...mix.orders.keys()]);
    expect(sagaViolations(audits)).toEqual([]);
    expectMixOutcomes(mix, audits);

    const confirmed = audits.filter((row) => row.status === 'CONFIRMED').length;
    expect((await admin('GET', `/inventory/stock/${mix.skus.scarce}`)).body).toEqual([
      expect.objectContaining({ onHand: 0, reserved: 0 }),
    ]);
    expect((await admin('GET', `/inventory/stock/${mix.skus.plenty}`)).body).toEqual([
      expect.objectContaining({ onHand: 1000 - (confirmed - 5), reserved: 0 }),
    ]);
  }, 180_000);
});
