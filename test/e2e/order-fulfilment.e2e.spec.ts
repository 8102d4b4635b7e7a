import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataOf, placeOrderVia, seamApi, type SeamApi } from '../support/api-client.js';
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
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

describe('order fulfilment saga', () => {
  let monolith: TestApplication;
  const customerId = `saga-${randomUUID()}`;
  let admin: SeamApi;
  let customer: SeamApi;
  /**
   * For order-mix.ts, which other files share over the untyped client, and for what the contract
   * forbids (a status filter that is no status).
   */
  const untyped = clientsFor(() => monolith);

  const stocked = (onHand: number) => stockedProduct(untyped('ops', ['admin']), onHand);
  const stockOf = async (sku: string) =>
    dataOf(await admin.GET('/inventory/stock/{sku}', { params: { path: { sku } } }));

  /** The order once it has ended (confirmed, rejected or cancelled). */
  const order = async (orderId: string) =>
    (await eventually(
      async () => (await customer.GET('/orders/{id}', { params: { path: { id: orderId } } })).data,
      (body) => body !== undefined && TERMINAL_ORDER_STATES.includes(body.status),
      `order ${orderId} to end`,
      30_000,
    ))!;

  const execution = async (orderId: string) => {
    const list = dataOf(
      await admin.GET('/workflows/executions', {
        params: { query: { workflow: 'order-fulfilment', pageSize: 100 } },
      }),
    );
    const summary = list.items.find((item) => item.name === orderId);
    return dataOf(
      await admin.GET('/workflows/executions/{id}', { params: { path: { id: summary!.id } } }),
    );
  };

  beforeAll(async () => {
    process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS = '200';
    monolith = await startMonolith();
    admin = seamApi(monolith, 'ops', ['admin']);
    customer = seamApi(monolith, customerId);
  });

  afterAll(async () => {
    await monolith?.close();
    delete process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS;
  });

  it('confirms a good order: stock committed, card captured, parcel booked, every step recorded', async () => {
    const sku = await stocked(5);
    const { data: placed, response } = await placeOrderVia(customer, [{ sku, quantity: 2 }]);
    expect(response.status).toBe(201);
    expect(placed!.status).toBe('PENDING');

    expect(await order(placed!.id)).toMatchObject({ status: 'CONFIRMED', rejectReason: null });
    const [audit] = await auditWhenSagasEnd(testDatabase().adminUrl.href, [placed!.id]);
    expect(audit).toMatchObject({
      payment: 'CAPTURED',
      captured: placed!.total.amount,
      reservation: 'COMMITTED',
      shipment: 'CREATED',
    });

    const run = await eventually(
      () => execution(placed!.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution to be recorded as ended',
    );
    expect(run).toMatchObject({ module: 'ordering', engine: 'local', runs: 1, error: null });
    expect(run.definitionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.input).toMatchObject({ orderId: placed!.id, cardToken: 'tok_approve' });
    expect(run.steps.map((step) => step.state)).toEqual([
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
    for (const step of run.steps) expect(step.endedAt! >= step.startedAt).toBe(true);
  });

  it('rejects a declined card with a reason the customer can read, releasing the stock', async () => {
    const sku = await stocked(5);
    const placed = dataOf(
      await placeOrderVia(customer, [{ sku, quantity: 1 }], {
        paymentToken: 'tok_decline',
      }),
    );

    expect(await order(placed.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: REJECT_REASON.declined,
    });
    const [audit] = await auditWhenSagasEnd(testDatabase().adminUrl.href, [placed.id]);
    expect(audit).toMatchObject({ payment: 'DECLINED', reservation: 'RELEASED', shipment: null });
    expect(await stockOf(sku)).toEqual([expect.objectContaining({ onHand: 5, reserved: 0 })]);

    const run = await eventually(
      () => execution(placed.id),
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
    const placed = dataOf(
      await placeOrderVia(customer, [{ sku, quantity: 1 }], {
        paymentToken: 'tok_flaky',
      }),
    );
    expect((await order(placed.id)).status).toBe('CONFIRMED');
    const run = await eventually(
      () => execution(placed.id),
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
    const placed = dataOf(
      await placeOrderVia(customer, [{ sku, quantity: 1 }], {
        paymentToken: 'tok_timeout',
      }),
    );
    expect(await order(placed.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: REJECT_REASON.unavailable,
    });
    const run = await eventually(
      () => execution(placed.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution',
    );
    expect(run.steps[1]).toMatchObject({
      state: 'AuthorizePayment',
      status: 'CAUGHT',
      attempts: 4,
      error: 'PaymentGatewayTimeoutError',
    });
    expect(sagaViolations(await auditOrders(testDatabase().adminUrl.href, [placed.id]))).toEqual(
      [],
    );
  }, 30_000);

  it('leaves an order the customer cancelled mid-way cancelled, with everything undone', async () => {
    const sku = await stocked(5);
    const placed = dataOf(await placeOrderVia(customer, [{ sku, quantity: 1 }]));
    await customer.POST('/orders/{id}/cancel', { params: { path: { id: placed.id } } });

    const ended = await order(placed.id);
    // Either the cancel came first (the saga then undoes its steps), or the saga confirmed first.
    const [audit] = await auditOrders(testDatabase().adminUrl.href, [placed.id]);
    expect(['CANCELLED', 'CONFIRMED']).toContain(ended.status);
    await eventually(
      () => execution(placed.id),
      (body) => body.status === 'SUCCEEDED',
      'the execution',
    );
    expect(
      sagaViolations([(await auditOrders(testDatabase().adminUrl.href, [placed.id]))[0]!]),
    ).toEqual([]);
    expect(audit!.status).toBe(ended.status);
  });

  it('lists executions for administrators only, filtered by status and workflow', async () => {
    const executions = (
      reader: SeamApi,
      query: { status?: 'SUCCEEDED'; workflow?: string; pageSize?: number } = {},
    ) => reader.GET('/workflows/executions', { params: { query } });
    const succeeded = await executions(admin, { status: 'SUCCEEDED', pageSize: 5 });
    expect(succeeded.response.status).toBe(200);
    expect(succeeded.data!.items.length).toBeGreaterThan(0);
    for (const item of succeeded.data!.items) expect(item.status).toBe('SUCCEEDED');
    expect((await executions(admin, { workflow: 'no-such-workflow' })).data?.items).toEqual([]);

    // A status filter that names no status is a validation error.
    const bad = await untyped('ops', ['admin'])('GET', '/workflows/executions?status=DONE');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('status');
    expect(
      (await admin.GET('/workflows/executions/{id}', { params: { path: { id: randomUUID() } } }))
        .response.status,
    ).toBe(404);
    expect((await executions(customer)).response.status).toBe(403);
  });

  it('takes 200 mixed orders each to the right end, with the right compensations', async () => {
    const mix = await placeMixedOrders(untyped('ops', ['admin']), untyped(customerId));
    const audits = await auditWhenSagasEnd(testDatabase().adminUrl.href, [...mix.orders.keys()]);
    expect(sagaViolations(audits)).toEqual([]);
    expectMixOutcomes(mix, audits);

    const confirmed = audits.filter((row) => row.status === 'CONFIRMED').length;
    expect(await stockOf(mix.skus.scarce)).toEqual([
      expect.objectContaining({ onHand: 0, reserved: 0 }),
    ]);
    expect(await stockOf(mix.skus.plenty)).toEqual([
      expect.objectContaining({ onHand: 1000 - (confirmed - 5), reserved: 0 }),
    ]);
  }, 180_000);
});
