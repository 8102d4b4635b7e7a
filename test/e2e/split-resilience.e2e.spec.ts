import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { Controller, Get, Module } from '@nestjs/common';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Public } from '#platform/http';
import { ModuleError } from '#platform/messaging';
import { eventually } from '../support/eventually.js';
import { httpClient } from '../support/http-client.js';
import { REJECT_REASON, stockedProduct } from '../support/order-mix.js';
import {
  auditWhenSagasEnd,
  sagaViolations,
  TERMINAL_ORDER_STATES,
  type OrderAudit,
} from '../support/saga-audit.js';
import { placeOrder } from '../support/shop.js';
import { SplitSystem } from '../support/split-system.js';
import { startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

type HttpClient = ReturnType<typeof httpClient>;

const BREAKER = 'payments payments.authorize';
const BY_SERVICE = 'seam:payments@payments';
const MAX_RECEIVE_COUNT = 3;
const CALL_TIMEOUT_MS = 1500;

/** A stand-in for any front-door endpoint whose call to a remote module meets an open breaker. */
@Public()
@Controller('resilience-probe')
class OpenBreakerController {
  @Get('payment')
  pay(): never {
    throw ModuleError.unavailable('payments', 'payments.authorize', 2, 'circuit open');
  }
}

@Module({ controllers: [OpenBreakerController] })
class OpenBreakerModule {}

/**
 * The HTTP answer to a call that met an open breaker. No endpoint of the monolith calls payments
 * synchronously (saga steps do), so the mapping is shown in process, on the real front door.
 */
describe('front door when a remote module is unavailable', () => {
  let monolith: TestApplication;

  beforeAll(async () => {
    monolith = await startMonolith({ extraModules: [OpenBreakerModule], runWorkflows: false });
  });

  afterAll(async () => {
    await monolith?.close();
  });

  it('answers 503 problem+json with code MODULE_UNAVAILABLE and a Retry-After header', async () => {
    const response = await httpClient(() => monolith.baseUrl)('GET', '/resilience-probe/payment');

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body).toMatchObject({
      status: 503,
      code: 'MODULE_UNAVAILABLE',
      type: 'urn:seam:problem:module-unavailable',
      details: { module: 'payments', pattern: 'payments.authorize', retryAfterSeconds: 2 },
      instance: '/resilience-probe/payment',
    });
  });
});

/**
 * The monolith with payments routed `remote` to a payments service in its own process, over a
 * real SQS server on loopback: the service killed, fed poison, and stopped while orders flow.
 */
describe('a payments service in its own process, under failure', () => {
  const adminUrl = testDatabase().adminUrl.href;
  let system: SplitSystem;
  let sqs: SQSClient;
  let admin: HttpClient;

  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const db = new pg.Client({ connectionString: adminUrl });
    await db.connect();
    try {
      return (await db.query<T>(text, values)).rows;
    } finally {
      await db.end();
    }
  };

  const serviceRunning = () =>
    system.service !== undefined &&
    system.service.child.exitCode === null &&
    system.service.child.signalCode === null;

  /** A test that failed half-way leaves the service down; the next one starts from a running one. */
  const ensureService = async () => {
    if (!serviceRunning()) await system.startService();
  };

  /** The order load of the running test, stopped after it even when it failed half-way. */
  let stopLoad: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await stopLoad?.().catch(() => undefined);
    stopLoad = undefined;
  });

  const breakers = async (): Promise<Record<string, string>> => {
    const response = await fetch(`${system.monolith.baseUrl}/health/ready`);
    const body = (await response.json()) as {
      info?: { remoteModules?: { breakers?: Record<string, string> } };
    };
    return body.info?.remoteModules?.breakers ?? {};
  };

  const metric = async (name: string, labels: Record<string, string>): Promise<number> => {
    const text = await (await fetch(`${system.monolith.baseUrl}/metrics`)).text();
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    for (const line of text.split('\n')) {
      const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
      if (match?.[1] !== name) continue;
      const present = match[2]!.split(',');
      if (wanted.every((label) => present.includes(label))) return Number(match[3]);
    }
    return Number.NaN;
  };

  const queueUrl = async (name: string) =>
    (await sqs.send(new GetQueueUrlCommand({ QueueName: `${system.queuePrefix}${name}` })))
      .QueueUrl!;

  const paymentsAuthorizedByService = async (orderIds: string[]) =>
    (
      await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM payments.payments
          WHERE order_id = ANY($1) AND authorized_by = $2`,
        [orderIds, BY_SERVICE],
      )
    )[0]!.count;

  /**
   * Places orders of one plentiful SKU with a good card, two at a time, until stopped. The
   * pause paces the load (a steady stream of sagas); it waits for nothing.
   */
  const keepPlacingOrders = (customer: HttpClient, sku: string) => {
    const ids: string[] = [];
    let placing = true;
    const worker = async () => {
      while (placing) {
        const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
        if (placed.status !== 201)
          throw new Error(`POST /orders answered ${placed.status}: ${JSON.stringify(placed.body)}`);
        ids.push(placed.body.id as string);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const workers = Promise.all([worker(), worker()]);
    workers.catch(() => undefined); // reported by stop()
    return {
      ids,
      /** Places at least `count` more orders from now on. */
      more: (count: number) => {
        const target = ids.length + count;
        return eventually(
          () => ids.length,
          (placed) => placed >= target,
          `${count} more orders`,
          30_000,
        );
      },
      stop: async () => {
        placing = false;
        await workers;
        return [...ids];
      },
    };
  };

  /** What must hold for every order of a run, whatever happened to the service meanwhile. */
  const expectEveryOrderEndedRight = (orderIds: string[], audits: readonly OrderAudit[]) => {
    expect(audits).toHaveLength(orderIds.length);
    expect(sagaViolations(audits)).toEqual([]);
    for (const audit of audits) {
      expect(TERMINAL_ORDER_STATES).toContain(audit.status);
      // A good card: confirmed, or rejected because payments could not be reached, never else.
      if (audit.status === 'REJECTED') expect(audit.rejectReason).toBe(REJECT_REASON.unavailable);
      // Charged once or not at all.
      expect([0, audit.total]).toContain(audit.captured - audit.refunded);
    }
  };

  beforeAll(async () => {
    system = await SplitSystem.start('payments', {
      env: {
        SEAM_BREAKER_VOLUME: '3',
        SEAM_BREAKER_RESET_MS: '2000',
        SEAM_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
        SEAM_SQS_MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
        SEAM_WRITES_PER_MINUTE: '100000',
      },
    });
    sqs = new SQSClient({
      endpoint: system.sqsUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    admin = system.client('ops', ['admin']);
  }, 90_000);

  afterAll(async () => {
    sqs?.destroy();
    await system?.stop();
  }, 30_000);

  it('stops within 3 s and exits 0 on SIGTERM under load; after a restart no order is lost', async () => {
    await ensureService();
    const sku = await stockedProduct(admin, 100_000, 'SIGTERM');
    const load = keepPlacingOrders(system.client(`sigterm-${randomUUID()}`), sku);
    stopLoad = load.stop;
    const commandQueue = await queueUrl('payments');
    const inFlight = async () =>
      Number(
        (
          await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: commandQueue,
              AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
            }),
          )
        ).Attributes?.ApproximateNumberOfMessagesNotVisible,
      );

    await eventually(
      () => paymentsAuthorizedByService(load.ids),
      (count) => count >= 3,
      'payments authorised by the service',
      30_000,
    );
    // Stop it while it is handling messages.
    await eventually(inFlight, (count) => count > 0, 'messages in flight at the service', 30_000);
    const service = system.service!;
    const signalled = performance.now();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(3000);
    const output = service.output();
    expect(output).toContain('"msg":"Shutting down"');
    expect(output).toContain('"msg":"Stopped consuming the module queue"');
    expect(output).toContain('"msg":"Stopped"}');
    // What it had received was finished (answered and deleted) or handed back to the queue.
    // What SQS gave its dropped long poll stays hidden for the visibility timeout, and is then
    // handled by the restarted service: no order is lost (below).

    await load.more(10); // orders keep coming while no service runs
    const placedWhileDown = load.ids.length;
    await system.startService();
    await eventually(
      () => paymentsAuthorizedByService(load.ids.slice(placedWhileDown)),
      (count) => count > 0,
      'an order paid by the restarted service',
      60_000,
    );
    await load.more(10);
    const orderIds = await load.stop();

    const audits = await auditWhenSagasEnd(adminUrl, orderIds, 180_000);
    expectEveryOrderEndedRight(orderIds, audits);
  }, 300_000);
  it('moves a malformed message to the payments DLQ at once, logging why', async () => {
    await ensureService();
    const commandQueue = await queueUrl('payments');
    const dlq = await queueUrl('payments-dlq');
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    const headers = (correlationId: string) => ({
      'seam-pattern': text('payments.authorize'),
      'seam-message-id': text(randomUUID()),
      'seam-correlation-id': text(correlationId),
      'seam-caller': text('poisoner'),
      'seam-request-id': text(randomUUID()),
    });
    const poison = [
      {
        correlationId: `poison-body-${randomUUID()}`,
        reason: 'malformed message: the body is not JSON',
        body: '{"orderId": ',
        withReplyTo: true,
      },
      {
        correlationId: `poison-reply-${randomUUID()}`,
        reason: 'malformed message: message attribute seam-reply-to is missing',
        body: JSON.stringify({ orderId: randomUUID() }),
        withReplyTo: false,
      },
    ];
    // Keyed by correlation id: the DLQ holds a copy, with a MessageId of its own.
    const sent = new Map<string, (typeof poison)[number]>();
    const sqsIds = new Map<string, string>();
    for (const message of poison) {
      const { MessageId } = await sqs.send(
        new SendMessageCommand({
          QueueUrl: commandQueue,
          MessageBody: message.body,
          MessageAttributes: {
            'seam-kind': text('request'),
            ...headers(message.correlationId),
            ...(message.withReplyTo ? { 'seam-reply-to': text(commandQueue) } : {}),
          },
        }),
      );
      sent.set(message.correlationId, message);
      sqsIds.set(message.correlationId, MessageId!);
    }

    const deadLettered = new Map<string, Message>();
    await eventually(
      async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlq,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        for (const message of Messages) {
          const correlationId = message.MessageAttributes?.['seam-correlation-id']?.StringValue;
          if (!correlationId || !sent.has(correlationId)) continue;
          deadLettered.set(correlationId, message);
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: message.ReceiptHandle! }),
          );
        }
        return deadLettered.size;
      },
      (count) => count === sent.size,
      'both poison messages in the DLQ',
      60_000,
    );
    for (const [correlationId, message] of deadLettered) {
      const original = sent.get(correlationId)!;
      expect(message.Body).toBe(original.body);
      expect(message.MessageAttributes?.['seam-correlation-id']?.StringValue).toBe(
        original.correlationId,
      );
    }

    const logLines = system
      .service!.output()
      .split('\n')
      .flatMap((line): Record<string, unknown>[] => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return []; // not a log record, or one still being written
        }
      });
    for (const [correlationId, original] of sent) {
      const failures = logLines.filter((line) => line.sqsMessageId === sqsIds.get(correlationId));
      // Received once, never retried.
      expect(failures).toEqual([
        expect.objectContaining({
          module: 'payments',
          reason: original.reason,
          msg: `Message moved to the DLQ at once: ${original.reason}`,
          level: 'error',
        }),
      ]);
    }
    // Poison does not stop the service: orders are still paid by it.
    const sku = await stockedProduct(admin, 10, 'AFTER-POISON');
    const placed = await placeOrder(system.client(`poison-${randomUUID()}`), [
      { sku, quantity: 1 },
    ]);
    const [audit] = await auditWhenSagasEnd(adminUrl, [placed.body.id], 60_000);
    expect(audit).toMatchObject({ status: 'CONFIRMED', payment: 'CAPTURED' });
  }, 120_000);

  it('opens the payments.authorize breaker when the service is killed, fails fast while open, closes after a restart, and ends every order right', async () => {
    await ensureService();
    const sku = await stockedProduct(admin, 100_000, 'BREAKER');
    const load = keepPlacingOrders(system.client(`breaker-${randomUUID()}`), sku);
    stopLoad = load.stop;

    // Orders reach the service before it dies.
    await eventually(
      () => paymentsAuthorizedByService(load.ids),
      (count) => count >= 3,
      'payments authorised by the service',
      30_000,
    );

    system.service!.child.kill('SIGKILL');
    expect(await system.service!.exited).toBe(null); // killed, not exited

    await eventually(
      breakers,
      (states) => states[BREAKER] === 'open',
      'the breaker to open',
      30_000,
    );
    // The breaker alternates open and half-open (one trial call) while the service is down.
    await eventually(
      () =>
        metric('seam_circuit_breaker_state', { module: 'payments', pattern: 'payments.authorize' }),
      (state) => state === 2,
      'the breaker state gauge to read 2 (open)',
    );

    // While open, saga steps calling payments fail at once with ModuleUnavailableError.
    const [failedFast] = await eventually(
      () =>
        sql<{ executionId: string }>(
          `SELECT s.execution_id AS "executionId" FROM ordering.workflow_steps s
             JOIN ordering.workflow_executions e ON e.id = s.execution_id
            WHERE e.name = ANY($1) AND s.pattern = 'payments.authorize'
              AND s.error = 'ModuleUnavailableError'
            LIMIT 1`,
          [load.ids],
        ),
      (rows) => rows.length > 0,
      'an AuthorizePayment step failing with ModuleUnavailableError',
      30_000,
    );
    const execution = await admin('GET', `/workflows/executions/${failedFast!.executionId}`);
    expect(execution.status).toBe(200);
    expect(execution.body.steps).toContainEqual(
      expect.objectContaining({
        state: 'AuthorizePayment',
        pattern: 'payments.authorize',
        error: 'ModuleUnavailableError',
        cause: expect.stringMatching(/^Module "payments" is unavailable \(circuit open\)/),
      }),
    );
    const rejectedWhileOpen = await metric('seam_remote_calls_total', {
      module: 'payments',
      pattern: 'payments.authorize',
      outcome: 'rejected',
    });
    expect(rejectedWhileOpen).toBeGreaterThan(0);

    await system.startService();
    await eventually(
      breakers,
      (states) => states[BREAKER] === 'closed',
      'the breaker to close',
      60_000,
    );
    const placedBeforeRecovery = load.ids.length;
    await load.more(10);
    const orderIds = await load.stop();

    const audits = await auditWhenSagasEnd(adminUrl, orderIds, 180_000);

    expectEveryOrderEndedRight(orderIds, audits);
    const afterRecovery = new Set(orderIds.slice(placedBeforeRecovery));
    for (const audit of audits.filter((row) => afterRecovery.has(row.orderId)))
      expect(audit.status).toBe('CONFIRMED');
    // Every card payment was taken by the service: the monolith never ran payments itself.
    const payers = await sql<{ by: string; count: number }>(
      `SELECT authorized_by AS by, count(*)::int AS count FROM payments.payments
        WHERE order_id = ANY($1) GROUP BY 1`,
      [orderIds],
    );
    expect(payers.map((row) => row.by)).toEqual([BY_SERVICE]);
  }, 300_000);
});
