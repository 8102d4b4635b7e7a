import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, Tracing, type ReadableSpan } from '#platform/observability';
import { TracingOptions } from '../../libs/platform/observability/src/tracing.js';
import { WorkflowRunner } from '../../libs/platform/workflows/src/workflow-runner.js';
import { eventually } from '../support/eventually.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';

/** Invariant 9: one trace per business transaction, across every hop and across a re-drive. */
describe('one trace per order', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`trace-${randomUUID()}`);
  const spans = () => Tracing.recentSpans()!.all();
  const traceOf = (traceId: string) => Tracing.recentSpans()!.byTraceId(traceId);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  /** The spans of the saga of `orderId`'s workflow executions, by run. */
  const workflowRuns = (orderId: string) =>
    spans()
      .filter(
        (span) =>
          span.name === 'workflow order-fulfilment' &&
          span.attributes['seam.workflow.business_key'] === orderId,
      )
      .sort(
        (a, b) =>
          Number(a.attributes['seam.workflow.run']) - Number(b.attributes['seam.workflow.run']),
      );

  beforeAll(async () => {
    process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS = '1500';
    await Tracing.start(TracingOptions.of({ mode: 'memory', recentSpans: 20_000 }));
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith?.close();
    await Tracing.shutdown();
    delete process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS;
  });

  it('follows an order from POST /orders over the bus, the saga and the outbox in one trace', async () => {
    const sku = await stockedProduct(admin, 5, 'TRACE');
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;

    const [run] = await eventually(
      () => workflowRuns(orderId),
      (runs) => runs.length === 1,
      'the saga span to end',
      30_000,
    );
    const traceId = run!.spanContext().traceId;
    // The delivery span ends after its subscribers' spans: wait for it.
    await eventually(
      () => traceOf(traceId).map((span) => span.name),
      (names) => names.includes('outbox deliver ordering.order-confirmed'),
      'the outbox relay to deliver OrderConfirmed',
    );
    const notified = traceOf(traceId).filter(
      (span) =>
        span.name === 'process ordering.order-confirmed' &&
        span.attributes['seam.module'] === 'notifications',
    );
    expect(notified).toHaveLength(1);

    const trace = traceOf(traceId);
    const names = trace.map((span) => span.name);
    const byId = new Map(trace.map((span) => [span.spanContext().spanId, span]));
    const roots = trace.filter((span) => !byId.has(parentOf(span) ?? ''));
    expect(roots).toHaveLength(1);
    const [root] = roots;
    expect(root).toMatchObject({ name: 'POST /orders', kind: SpanKind.SERVER });
    expect(names).toEqual(
      // Prices come from ordering's copy of the catalog: no call to catalog for a known product.
      expect.arrayContaining([
        'send shipping.quote',
        'handle shipping.quote',
        'workflow order-fulfilment',
        'task ReserveStock',
        'task AuthorizePayment',
        'send payments.authorize',
        'handle payments.authorize',
        'task CreateShipment',
        'handle shipping.create-shipment',
        'task CapturePayment',
        'handle payments.capture',
        'task ConfirmOrder',
        'task CommitStock',
        'outbox deliver ordering.order-confirmed',
        'process ordering.order-confirmed',
      ]),
    );
    expect(names.some((name) => name.startsWith('send shipping.'))).toBe(true);
    // Each Task state is a child of the execution; each bus call a child of its Task state.
    for (const task of trace.filter((span) => span.name.startsWith('task '))) {
      expect(parentOf(task)).toBe(run!.spanContext().spanId);
    }
    const authorize = trace.find((span) => span.name === 'send payments.authorize')!;
    expect(byId.get(parentOf(authorize)!)?.name).toBe('task AuthorizePayment');
    // The notification's handling continues the outbox delivery, which continues the writer.
    expect(byId.get(parentOf(notified[0]!)!)?.name).toBe('outbox deliver ordering.order-confirmed');
  });

  it('continues the trace when an execution is re-driven, linked to the run that stopped', async () => {
    const sku = await stockedProduct(admin, 5, 'TRACE');
    // tok_timeout keeps AuthorizePayment busy, so the runner stops the execution mid-way.
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }], {
      paymentToken: 'tok_timeout',
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    const correlationId = placed.headers.get('x-correlation-id');
    const reservedInRun = (run: number) =>
      eventually(
        () =>
          spans().filter(
            (span) =>
              span.name === 'task ReserveStock' &&
              span.attributes['seam.workflow.run'] === run &&
              spans().some(
                (other) =>
                  other.spanContext().traceId === span.spanContext().traceId &&
                  other.attributes['seam.correlation_id'] === correlationId,
              ),
          ),
        (found) => found.length === 1,
        `ReserveStock of run ${run} to end`,
        20_000,
      );
    const runner = monolith.app.get(WorkflowRunner, { strict: false });

    await reservedInRun(1);
    await runner.stop(); // run 1 stops mid-way, as when its process dies
    await runner.start();
    await reservedInRun(2);
    await runner.stop();

    const [first, second] = workflowRuns(orderId);
    expect(first!.attributes['seam.workflow.status']).toBe('ABORTED');
    expect(second!.attributes['seam.workflow.run']).toBe(2);
    expect(second!.spanContext().traceId).toBe(first!.spanContext().traceId);
    expect(second!.links.map((link) => link.context.spanId)).toEqual([first!.spanContext().spanId]);
    expect(parentOf(second!)).toBe(parentOf(first!)); // both continue the starter's span
    await runner.start(); // let the saga end for later tests
  });
});
