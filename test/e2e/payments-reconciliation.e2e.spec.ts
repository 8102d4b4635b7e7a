import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Ordering } from '#contracts/ordering';
import { Payments } from '#contracts/payments';
import { MessagingModule, ModuleBus, type ModuleError } from '#platform/messaging';
import { WorkflowOptions } from '#platform/workflows';
import { paymentsReconciliationOf } from '../../libs/modules/ordering/src/payments-reconciliation.js';
import { PaymentGateway } from '../../libs/modules/payments/src/domain/payment-gateway.js';
import type { SimulatedPaymentGateway } from '../../libs/modules/payments/src/infrastructure/simulated-payment-gateway.js';
import { eventually } from '../support/eventually.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';

@Module({
  imports: [MessagingModule.forModule('reconciliation_probe')],
  exports: [MessagingModule],
})
class CallerModule {}

/**
 * The nightly reconciliation of payments against orders, on the local engine. The mismatch it
 * exists for is made the way it happens: the gateway stops answering captures for an order, the
 * customer cancels it meanwhile, and an operator cancels the saga stuck on the capture (a
 * cancelled execution runs no compensation). The order is CANCELLED, its card still held.
 */
describe('payments reconciliation', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`reconciliation-${randomUUID()}`);
  /** Orders whose captures the gateway does not answer (it times out). */
  const captureDown = new Set<string>();

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as ModuleError,
    );

  /** `seam_saga_runs_in_flight` of order-fulfilment: this file's sagas still running. */
  const sagasRunning = async () => {
    const text = await (await fetch(`${monolith.baseUrl}/metrics`)).text();
    const line = /^seam_saga_runs_in_flight\{workflow="order-fulfilment"\} (\d+)$/m.exec(text);
    return line ? Number(line[1]) : undefined;
  };

  const payment = async (orderId: string) =>
    (await admin('GET', `/payments/${orderId}`)).body as { status: string };

  const executionNamed = async (workflow: string, name: string) => {
    const list = await admin('GET', `/workflows/executions?workflow=${workflow}&name=${name}`);
    const [summary] = list.body.items as { id: string; status: string }[];
    return summary && (await admin('GET', `/workflows/executions/${summary.id}`)).body;
  };

  /** An order whose saga is stuck on the capture, cancelled by its customer, its saga cancelled by an operator. */
  async function cancelledWhileCaptureStuck(
    sku: string,
  ): Promise<{ id: string; updatedAt: string }> {
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    captureDown.add(orderId);
    const saga = await eventually(
      () => executionNamed('order-fulfilment', orderId),
      (run) =>
        run?.steps?.some(
          (step: { state: string; error: string | null }) =>
            step.state === 'CapturePayment' && step.error !== null,
        ),
      'the saga to be stuck on the capture',
    );
    expect((await payment(orderId)).status).toBe('AUTHORIZED');

    expect((await customer('POST', `/orders/${orderId}/cancel`)).status).toBe(200);
    const cancelled = await admin('POST', `/workflows/executions/${saga.id}/cancel`, {
      reason: 'stuck on the capture; the customer cancelled',
    });
    expect(cancelled.status).toBe(200);
    // The runner aborts a disowned run at its next lease renewal; from then on it starts no task.
    await eventually(
      () => sagasRunning(),
      (running) => running === 0,
      'the cancelled saga to stop running',
    );
    const order = (await customer('GET', `/orders/${orderId}`)).body;
    expect(order.status).toBe('CANCELLED');
    return { id: orderId, updatedAt: order.updatedAt };
  }

  beforeAll(async () => {
    process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS = '200';
    monolith = await startMonolith({
      extraModules: [CallerModule],
      // Leases renewed every second, so a cancelled execution is let go of quickly.
      workflows: new WorkflowOptions('local', 100, 3000),
    });
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    const gateway = monolith.app.get(PaymentGateway, { strict: false }) as SimulatedPaymentGateway;
    const capture = gateway.capture.bind(gateway);
    jest
      .spyOn(gateway, 'capture')
      .mockImplementation((key: string) =>
        captureDown.has(key.split(':')[0]!) ? new Promise(() => undefined) : capture(key),
      );
  });

  afterAll(async () => {
    await monolith?.close();
    delete process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS;
  });

  it('voids the card hold of an order that ended while held, and reports a captured one for a refund', async () => {
    const sku = await stockedProduct(admin, 5, 'RECON');
    const held = await cancelledWhileCaptureStuck(sku);
    const captured = await cancelledWhileCaptureStuck(sku);
    // The gateway answers again, and the capture of the second order goes through late.
    captureDown.delete(captured.id);
    await bus.to(Payments).send('payments.capture', { orderId: captured.id });
    expect((await payment(captured.id)).status).toBe('CAPTURED');
    expect((await payment(held.id)).status).toBe('AUTHORIZED');

    // The window holds this test's two orders (and whatever else ended in those milliseconds).
    const window = {
      since: held.updatedAt,
      until: new Date(new Date(captured.updatedAt).getTime() + 1).toISOString(),
    };
    // Started by hand, as an operator runs a night again (MWAA starts it on AWS).
    const start = paymentsReconciliationOf(window);
    const started = await admin('POST', '/workflows/executions', start);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      workflow: 'payments-reconciliation',
      name: start.name,
      module: 'ordering',
    });
    // One execution per window.
    expect((await admin('POST', '/workflows/executions', start)).status).toBe(409);

    const run = await eventually(
      () => executionNamed('payments-reconciliation', start.name),
      (body) => body?.status === 'SUCCEEDED' || body?.status === 'FAILED',
      'the reconciliation to end',
      30_000,
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', module: 'ordering', engine: 'local' });
    expect(run.output).toMatchObject({
      since: new Date(window.since).toISOString(),
      until: window.until,
      truncated: false,
    });
    const results = run.output.results as { orderId: string }[];
    expect(run.output.checked).toBe(results.length);
    const mine = results.filter((result) => [held.id, captured.id].includes(result.orderId));
    expect(mine).toEqual([
      { orderId: held.id, status: 'CANCELLED', payment: 'VOIDED' },
      { orderId: captured.id, status: 'CANCELLED', needs: 'refund' },
    ]);
    expect((await payment(held.id)).status).toBe('VOIDED');
    expect((await payment(captured.id)).status).toBe('CAPTURED'); // left for an operator

    const steps = run.steps as { state: string; status: string; input: { orderId?: string } }[];
    expect(steps[0]).toMatchObject({ state: 'ListEndedOrders', status: 'SUCCEEDED' });
    const voidOf = (orderId: string) =>
      steps.find((step) => step.state === 'VoidPayment' && step.input?.orderId === orderId);
    expect(voidOf(held.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(voidOf(captured.id)).toMatchObject({ status: 'CAUGHT' });
  }, 60_000);

  it('starts a workflow by hand only for an operator, by a declared name, once per name, and audits it', async () => {
    const name = `reconciliation-${randomUUID()}`;
    const input = { since: '2999-01-01T00:00:00Z', until: '2999-01-02T00:00:00Z' };
    const start = { workflow: 'payments-reconciliation', name, input };
    expect((await customer('POST', '/workflows/executions', start)).status).toBe(403);
    const unknown = await admin('POST', '/workflows/executions', { ...start, workflow: 'no-such' });
    expect(unknown.status).toBe(404);
    for (const bad of [
      { ...start, name: 'a name with spaces' },
      { ...start, name: 'x'.repeat(81) },
      { ...start, input: [] },
      { ...start, input: 'since yesterday' },
      { workflow: start.workflow, name },
      { ...start, workflow: '../payments' },
    ]) {
      const refused = await admin('POST', '/workflows/executions', bad);
      expect({ bad, status: refused.status, code: refused.body.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    // Nothing was started by the refused requests.
    expect((await admin('GET', `/workflows/executions?name=${name}`)).body.items).toEqual([]);

    expect((await admin('POST', '/workflows/executions', start)).status).toBe(201);
    const run = await eventually(
      () => executionNamed('payments-reconciliation', name),
      (body) => body?.status === 'SUCCEEDED' || body?.status === 'FAILED',
      'the started execution to end',
      30_000,
    );
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { checked: 0, results: [] } });
    const audit = await admin('GET', '/admin/audit?action=workflow.start');
    expect(audit.status).toBe(200);
    expect(
      (audit.body.items as { actor: string; target: string }[]).filter((row) =>
        row.target.endsWith(`/${name}`),
      ),
    ).toEqual([
      expect.objectContaining({
        actor: 'ops',
        target: `ordering/workflows/payments-reconciliation/${name}`,
      }),
    ]);
  }, 60_000);

  it('lists ended orders only for a window whose start is before its end, and a limit of 1 to 500', async () => {
    const ordering = bus.to(Ordering);
    expect(
      await failure(
        ordering.send('ordering.list-ended-orders', {
          since: '2026-05-02T00:00:00Z',
          until: '2026-05-01T00:00:00Z',
          limit: 10,
        }),
      ),
    ).toMatchObject({ code: 'INVALID_TIME_WINDOW' });
    const invalid = await failure(
      ordering.send('ordering.list-ended-orders', {
        since: 'yesterday',
        until: '2026-05-01T00:00:00Z',
        limit: 501,
      }),
    );
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((invalid!.details.violations as { field: string }[]).map((v) => v.field).sort()).toEqual(
      ['limit', 'since'],
    );
    // A window in the future holds nothing.
    expect(
      await ordering.send('ordering.list-ended-orders', {
        since: '2999-01-01T00:00:00Z',
        until: '2999-01-02T00:00:00Z',
        limit: 1,
      }),
    ).toEqual({ orders: [], truncated: false });
  });
});
