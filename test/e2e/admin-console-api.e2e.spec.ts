import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { FeatureFlags } from '#platform/flags';
import { AdminQueuesController } from '../../libs/platform/http/src/admin-queues.controller.js';
import { SqsOptions, TransportServers } from '#platform/messaging';
import { SqsQueueAdmin } from '../../libs/platform/messaging/src/sqs/sqs-queue-admin.js';
import { SqsQueues } from '../../libs/platform/messaging/src/sqs/sqs-queues.js';
import { AdminAudit } from '#platform/persistence';
import { LocalSqs } from '../support/aws/local-sqs.js';
import { Tracing } from '#platform/observability';
import { TracingOptions } from '../../libs/platform/observability/src/tracing.js';
import { eventually } from '../support/eventually.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';

describe('operators: the APIs behind the console', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const operator = `ops-${randomUUID()}`;
  const admin = as(operator, ['admin']);
  const customer = as(`console-${randomUUID()}`);

  beforeAll(async () => {
    await Tracing.start(TracingOptions.of({ mode: 'memory', recentSpans: 20_000 }));
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith?.close();
    await Tracing.shutdown();
  });

  it("finds an order's execution by order id, with each step's input and output, its ASL and its trace", async () => {
    const sku = await stockedProduct(admin, 5, 'CONSOLE');
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    const orderId = placed.body.id as string;

    const summary = await eventually(
      async () => (await admin('GET', `/workflows/executions?name=${orderId}`)).body.items,
      (items) => items.length === 1 && items[0].status === 'SUCCEEDED',
      'the saga to succeed',
      30_000,
    );
    const execution = (await admin('GET', `/workflows/executions/${summary[0].id}`)).body;
    const reserve = execution.steps.find(
      (step: { state: string }) => step.state === 'ReserveStock',
    );
    expect(reserve).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.stringify(reserve.input)).toContain(orderId);
    expect(reserve.output).not.toBeNull();

    const definition = (await admin('GET', `/workflows/executions/${summary[0].id}/definition`))
      .body;
    expect(definition).toMatchObject({
      module: 'ordering',
      workflow: 'order-fulfilment',
      sameAsExecution: true,
    });
    expect(definition.asl.States.ReserveStock.Type).toBe('Task');

    const trace = await eventually(
      async () => (await admin('GET', `/workflows/executions/${summary[0].id}/trace`)).body,
      (body) => body.spans.some((span: { name: string }) => span.name.startsWith('POST')),
      'the trace from POST /orders',
    );
    expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(trace.tracing).toBe('seam');
    expect(trace.spans.every((span: { durationMs: number }) => span.durationMs >= 0)).toBe(true);

    expect((await admin('GET', '/workflows/executions?name=')).status).toBe(400);
  });

  it('flips a route flag in the local document, applies it at once and audits it', async () => {
    const flags = await admin('GET', '/admin/flags');
    expect(flags.body).toMatchObject({ source: 'file', editable: true });
    expect(flags.body.values['route-shipping']).toMatchObject({ mode: 'local' });

    const flipped = await admin('PUT', '/admin/flags/route-shipping', {
      mode: 'canary',
      percent: 5,
    });
    expect(flipped.status).toBe(200);
    expect(flipped.body.value).toMatchObject({ mode: 'canary', percent: 5 });
    expect(monolith.app.get(FeatureFlags).route('shipping')).toEqual({
      mode: 'canary',
      percent: 5,
    });

    const topology = (await admin('GET', '/admin/topology')).body;
    expect(topology.transport).toBe('in-process');
    expect(topology.modules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          module: 'shipping',
          mode: 'canary',
          percent: 5,
          hostedHere: true,
        }),
      ]),
    );

    const [row] = (await admin('GET', `/admin/audit?actor=${operator}&action=flag.set`)).body.items;
    expect(row).toMatchObject({
      module: 'shipping',
      target: 'route-shipping',
      before: expect.objectContaining({ mode: 'local' }),
      after: expect.objectContaining({ mode: 'canary', percent: 5 }),
    });

    await admin('PUT', '/admin/flags/route-shipping', { mode: 'local', percent: 0 });
    expect(monolith.app.get(FeatureFlags).route('shipping').mode).toBe('local');
  });

  it('refuses flags that are not route flags and values out of range', async () => {
    expect((await admin('PUT', '/admin/flags/fraud-check', { mode: 'local' })).status).toBe(400);
    expect((await admin('PUT', '/admin/flags/route-shipping', { mode: 'sideways' })).status).toBe(
      400,
    );
    expect(
      (await admin('PUT', '/admin/flags/route-shipping', { mode: 'canary', percent: 101 })).status,
    ).toBe(400);
    expect((await customer('PUT', '/admin/flags/route-shipping', { mode: 'local' })).status).toBe(
      403,
    );
  });

  it('shows outbox lag, breakers and queues (none without SQS), to administrators only', async () => {
    const lag = (await admin('GET', '/admin/outbox')).body;
    expect(lag).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          module: 'ordering',
          pending: expect.any(Number),
          parked: expect.any(Number),
        }),
      ]),
    );
    expect((await admin('GET', '/admin/breakers')).body).toEqual([]);
    expect((await admin('GET', '/admin/queues')).body).toEqual({ sqs: false, queues: [] });
    expect((await admin('POST', '/admin/queues/payments/dlq/redrive')).status).toBe(404);
    for (const path of [
      '/admin/topology',
      '/admin/breakers',
      '/admin/queues',
      '/admin/flags',
      '/admin/outbox',
    ])
      expect((await customer('GET', path)).status).toBe(403);
  });

  it('moves a DLQ back onto its queue on a real SQS, audited with the depths before and after', async () => {
    const sqs = await LocalSqs.start();
    try {
      const queues = new SqsQueues(
        sqs.client,
        new SqsOptions({
          queuePrefix: `dlq${randomUUID().slice(0, 6)}-`,
          createQueues: true,
          instanceId: 'it',
        }),
      );
      for (let i = 0; i < 3; i++)
        await sqs.client.send(
          new SendMessageCommand({
            QueueUrl: await queues.deadLetterQueueUrl('payments'),
            MessageBody: `${i}`,
          }),
        );
      const queuesAdmin = new AdminQueuesController(
        new TransportServers(
          undefined,
          undefined,
          undefined,
          undefined,
          new SqsQueueAdmin(sqs.client, queues),
        ),
        monolith.app.get(AdminAudit),
        monolith.app.get(FeatureFlags),
      );
      const actor = `dlq-${randomUUID()}`;
      expect(
        await queuesAdmin.redrive({ module: 'payments' }, { subject: actor, roles: ['admin'] }),
      ).toEqual({
        module: 'payments',
        moved: 3,
      });
      const [row] = (await admin('GET', `/admin/audit?actor=${actor}&action=dlq.redrive`)).body
        .items;
      expect(row).toMatchObject({
        module: 'payments',
        target: `payments/${queues.deadLetterQueueName('payments')}`,
        before: { deadLetters: 3, depth: 0 },
        after: { moved: 3, deadLetters: 0, depth: 3 },
      });
    } finally {
      await sqs.stop();
    }
  });
});
