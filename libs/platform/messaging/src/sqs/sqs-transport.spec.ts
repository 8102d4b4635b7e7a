import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageHandler } from '@nestjs/microservices';
import { Metrics } from '#platform/observability';
import { LocalSqs } from '../../../../../test/support/aws/local-sqs.js';
import { eventually } from '../../../../../test/support/eventually.js';
import { MessageRecord, type MessageHeaders } from '../message-packet.js';
import { ErrorCodes, ModuleError } from '../module-error.js';
import { requestThrough } from '../module-router.js';
import { BreakerOptions } from '../routing/breaker-options.js';
import { RemoteCalls } from '../routing/remote-calls.js';
import { SqsContext, SqsTransportServer } from './sqs-transport.server.js';
import { SqsOptions } from './sqs-options.js';
import { SqsQueues } from './sqs-queues.js';
import { SqsClient } from './sqs.client.js';

const silent = { log() {}, warn() {}, error() {} };

/** The SQS transport against a real SQS server on loopback, with the real SDK client. */
describe('SQS transport', () => {
  let localSqs: LocalSqs;
  let sqs: SQSClient;
  let run = 0;
  let transport: SqsTransportServer;
  let client: SqsClient;
  let queues: SqsQueues;
  let options: SqsOptions;
  const seen: { data: unknown; headers: MessageHeaders }[] = [];
  let release: (() => void) | undefined;

  const handlers: Record<string, MessageHandler> = {
    'echo.say': (async (data: unknown, context: SqsContext) => {
      seen.push({ data, headers: context.getHeaders() });
      return data;
    }) as MessageHandler,
    'echo.refuse': (async () => {
      throw new ModuleError('AlreadyShoutedError', 'ALREADY_SHOUTED', 'Already shouted');
    }) as MessageHandler,
    'echo.slow': (async (data: unknown) => {
      await new Promise<void>((resolve) => (release = resolve));
      return data;
    }) as MessageHandler,
  };

  const startTransport = async () => {
    transport = new SqsTransportServer(sqs, queues, options, () => ['echo']);
    for (const [pattern, handler] of Object.entries(handlers))
      transport.addHandler(pattern, handler);
    await new Promise<void>((resolve, reject) =>
      transport.listen((error) => (error ? reject(error as Error) : resolve())),
    );
  };

  const record = (data: unknown) =>
    new MessageRecord(data, {
      messageId: randomUUID(),
      correlationId: 'corr-1',
      caller: 'test',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

  beforeAll(async () => {
    localSqs = await LocalSqs.start();
    sqs = localSqs.client;
  });

  afterAll(() => localSqs.stop());

  beforeAll(async () => {
    run += 1;
    options = new SqsOptions({
      queuePrefix: `spec${run}-`,
      createQueues: true,
      waitTimeSeconds: 1,
      // close() drops the long poll under way, and SQS may still hand that poll a message sent
      // within its wait: hidden briefly, such a message is answered by the next transport.
      visibilityTimeoutSeconds: 2,
      maxReceiveCount: 3,
    });
    queues = new SqsQueues(sqs, options);
    await startTransport();
    client = new SqsClient(sqs, queues, options);
    await client.connect();
  });

  afterAll(async () => {
    await client.close();
    await transport.close();
  });

  afterEach(() => release?.());

  it('answers a request with one reply and gives the handler the headers', async () => {
    const reply = await requestThrough(client, 'echo.say', record({ text: 'hi' }), 5000);
    expect(reply).toEqual({ text: 'hi' });
    expect(seen.at(-1)?.headers).toMatchObject({
      correlationId: 'corr-1',
      caller: 'test',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('carries a business error back by name, and a missing pattern as PATTERN_NOT_FOUND', async () => {
    await expect(requestThrough(client, 'echo.refuse', record({}), 5000)).rejects.toMatchObject({
      name: 'AlreadyShoutedError',
      code: 'ALREADY_SHOUTED',
    });
    await expect(requestThrough(client, 'echo.nothing', record({}), 5000)).rejects.toMatchObject({
      code: ErrorCodes.PATTERN_NOT_FOUND,
    });
  });

  it('finishes a message in flight when stopped, and the caller still gets its reply', async () => {
    const reply = requestThrough(client, 'echo.slow', record({ n: 1 }), 10_000);
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = transport.close();
    let stoppedYet = false;
    void stopped.then(() => (stoppedYet = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stoppedYet).toBe(false); // still waiting for the handler
    release();
    release = undefined;
    await stopped;
    await expect(reply).resolves.toEqual({ n: 1 });
    // Nothing is left on the queue: the handled request was deleted before stop settled.
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await queues.commandQueueUrl('echo'),
        WaitTimeSeconds: 0,
      }),
    );
    expect(Messages).toHaveLength(0);
    await startTransport();
  });

  describe('through a circuit breaker', () => {
    const breakers = new BreakerOptions(50, 3, 1_000, 10_000, 100, 2);

    it('is not opened by business errors', async () => {
      const calls = new RemoteCalls(client, breakers, new Metrics(), silent);
      for (let i = 0; i < 6; i += 1)
        await expect(
          calls.request('echo', 'echo.refuse', record({}), 5000, false),
        ).rejects.toMatchObject({ code: 'ALREADY_SHOUTED' });
      expect(calls.statuses()).toEqual([
        { module: 'echo', pattern: 'echo.refuse', state: 'closed' },
      ]);
      await calls.shutdown();
    });

    it('opens when the module stops answering, fails fast while open, and closes when it is back', async () => {
      const calls = new RemoteCalls(client, breakers, new Metrics(), silent);
      await transport.close();
      for (let i = 0; i < 3; i += 1)
        await expect(
          calls.request('echo', 'echo.say', record({ i }), 300, false),
        ).rejects.toMatchObject({ code: ErrorCodes.MODULE_TIMEOUT });
      expect(calls.statuses()[0]?.state).toBe('open');

      const started = performance.now();
      const rejected = await calls
        .request('echo', 'echo.say', record({}), 300, false)
        .catch((error: unknown) => error);
      expect(performance.now() - started).toBeLessThan(100);
      expect(rejected).toMatchObject({
        name: 'ModuleUnavailableError',
        code: ErrorCodes.MODULE_UNAVAILABLE,
        details: { module: 'echo', pattern: 'echo.say', retryAfterSeconds: 1 },
      });

      await startTransport();
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the reset timeout
      await expect(
        calls.request('echo', 'echo.say', record({ back: true }), 5000, false),
      ).resolves.toEqual({ back: true });
      expect(calls.statuses()[0]?.state).toBe('closed');
      await calls.shutdown();
    }, 20_000);
  });

  describe('when stopped (Ctrl-C, SIGTERM)', () => {
    // Real long polls, and one message at a time, so that no second poll races the hand-back.
    const stopping = new SqsOptions({
      queuePrefix: 'stopping-',
      createQueues: true,
      waitTimeSeconds: 20,
      visibilityTimeoutSeconds: 30,
      concurrency: 1,
    });
    let handlerRuns = 0;
    let finish: (() => void) | undefined;
    afterEach(() => finish?.()); // a failed run leaves no handler waiting

    const consumer = async () => {
      const server = new SqsTransportServer(sqs, new SqsQueues(sqs, stopping), stopping, () => [
        'stuck',
      ]);
      server.addHandler('stuck.wait', (async (data: unknown) => {
        handlerRuns += 1;
        await new Promise<void>((resolve) => (finish = resolve));
        return data;
      }) as MessageHandler);
      await new Promise<void>((resolve, reject) =>
        server.listen((error) => (error ? reject(error as Error) : resolve())),
      );
      return server;
    };

    const timeToClose = async (server: SqsTransportServer) => {
      const started = performance.now();
      await server.close();
      return performance.now() - started;
    };

    it('stops within 3 s during a long poll and hands an unfinished message back at once', async () => {
      const caller = new SqsClient(sqs, new SqsQueues(sqs, stopping), stopping);
      await caller.connect();
      try {
        const first = await consumer();
        // The reply can come only from a consumer that gets the message again.
        const reply = requestThrough(caller, 'stuck.wait', record({ n: 7 }), 15_000);
        await eventually(
          () => handlerRuns,
          (runs) => runs === 1,
          'the handler to start',
        );

        // Its handler never finishes in time: the message goes back instead of waiting 30 s.
        expect(await timeToClose(first)).toBeLessThan(3000);
        const unfinished = finish!;

        const second = await consumer();
        await eventually(
          () => handlerRuns,
          (runs) => runs === 2,
          'the message to come back',
        );
        finish!();
        await expect(reply).resolves.toEqual({ n: 7 });
        unfinished(); // the first handler's late result is not acted on

        // Idle, in a 20 s long poll.
        expect(await timeToClose(second)).toBeLessThan(3000);
      } finally {
        await caller.close();
      }
    }, 20_000);
  });
});
