/**
 * Benchmark 3: the SQS transport against local-aws-sqs, next to the sqs-consumer library on the
 * same server with the same batch size (10) and concurrency (10). Variants alternate each round.
 *   round trip - sequential request/reply calls: Seam's SqsClient → SqsTransportServer → reply
 *                queue, vs the same exchange built from two sqs-consumer consumers; p50/p99 ms
 *   one-way    - a backlog of messages drained by one consumer: messages/s
 *
 *   npm run bench:sqs
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Logger } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { Consumer } from 'sqs-consumer';
import { SqsOptions } from '#platform/messaging';
import { MessageRecord } from '../../libs/platform/messaging/src/message-packet.js';
import { requestThrough } from '../../libs/platform/messaging/src/module-router.js';
import { DELETE, SqsPoller } from '../../libs/platform/messaging/src/sqs/sqs-poller.js';
import { SqsQueues } from '../../libs/platform/messaging/src/sqs/sqs-queues.js';
import { SqsTransportServer } from '../../libs/platform/messaging/src/sqs/sqs-transport.server.js';
import { SqsClient } from '../../libs/platform/messaging/src/sqs/sqs.client.js';
import { LocalSqs } from '../support/aws/local-sqs.js';
import { median, percentile, report, round } from './bench-report.js';

const BATCH = 10;
const CONCURRENCY = 10;
const silent = { log() {}, warn() {}, error() {} };

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const calls = Number(process.env.BENCH_CALLS ?? 300);
  const backlog = Number(process.env.BENCH_BACKLOG ?? 3000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const localSqs = await LocalSqs.start();
  const sqs = localSqs.client;
  try {
    const samples = {
      seamRoundTrip: [] as number[][],
      consumerRoundTrip: [] as number[][],
      seamOneWay: [] as number[],
      consumerOneWay: [] as number[],
    };
    for (let r = 1; r <= rounds; r += 1) {
      samples.seamRoundTrip.push(await seamRoundTrips(sqs, calls, r));
      samples.consumerRoundTrip.push(await consumerRoundTrips(sqs, calls, r));
      samples.seamOneWay.push(await seamOneWay(sqs, backlog, r));
      samples.consumerOneWay.push(await consumerOneWay(sqs, backlog, r));
      process.stdout.write(`round ${r}/${rounds} done\n`);
    }
    const latency = (runs: number[][], q: number) => median(runs.map((run) => percentile(run, q)));
    const rows = [
      {
        variant: 'Seam SqsClient → SqsTransportServer',
        roundTripP50Ms: round(latency(samples.seamRoundTrip, 0.5)),
        roundTripP99Ms: round(latency(samples.seamRoundTrip, 0.99)),
        oneWayMessagesPerSecond: Math.round(median(samples.seamOneWay)),
      },
      {
        variant: 'sqs-consumer (batchSize 10)',
        roundTripP50Ms: round(latency(samples.consumerRoundTrip, 0.5)),
        roundTripP99Ms: round(latency(samples.consumerRoundTrip, 0.99)),
        oneWayMessagesPerSecond: Math.round(median(samples.consumerOneWay)),
      },
    ];
    report('sqs-transport', 'npm run bench:sqs', rows, {
      calls,
      backlog,
      rounds,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
      ratio: {
        roundTripP50SeamOverConsumer: round(rows[0]!.roundTripP50Ms / rows[1]!.roundTripP50Ms),
        oneWaySeamOverConsumer: round(
          rows[0]!.oneWayMessagesPerSecond / rows[1]!.oneWayMessagesPerSecond,
        ),
      },
    });
  } finally {
    await localSqs.stop();
  }
}

/** Seam's own client and server, with a handler that echoes its request. */
async function seamRoundTrips(sqs: SQSClient, calls: number, roundNo: number): Promise<number[]> {
  const options = new SqsOptions({
    queuePrefix: `seam${roundNo}-`,
    createQueues: true,
    concurrency: CONCURRENCY,
    waitTimeSeconds: 20,
  });
  const queues = new SqsQueues(sqs, options);
  const transport = new SqsTransportServer(sqs, queues, options, () => ['echo']);
  const echo = (async (data: unknown) => data) as MessageHandler;
  transport.addHandler('echo.say', echo);
  await new Promise<void>((resolve, reject) =>
    transport.listen((error) => (error ? reject(error as Error) : resolve())),
  );
  const client = new SqsClient(sqs, queues, options);
  await client.connect();
  const headers = () => ({ messageId: randomUUID(), correlationId: 'bench', caller: 'bench' });
  try {
    for (let i = 0; i < 20; i += 1)
      await requestThrough(client, 'echo.say', new MessageRecord({ i }, headers()), 10_000);
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      await requestThrough(client, 'echo.say', new MessageRecord({ i }, headers()), 10_000);
      samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    await client.close();
    await transport.close();
  }
}

/** The same request/reply exchange built from sqs-consumer: one consumer per queue. */
async function consumerRoundTrips(
  sqs: SQSClient,
  calls: number,
  roundNo: number,
): Promise<number[]> {
  const requests = await createQueue(sqs, `consumer${roundNo}-requests`);
  const replies = await createQueue(sqs, `consumer${roundNo}-replies`);
  const waiting = new Map<string, () => void>();
  const server = Consumer.create({
    queueUrl: requests,
    sqs,
    batchSize: BATCH,
    waitTimeSeconds: 20,
    messageAttributeNames: ['All'],
    handleMessage: async (message) => {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: replies,
          MessageBody: message.Body!,
          MessageAttributes: message.MessageAttributes,
        }),
      );
      return message;
    },
  });
  const replyConsumer = Consumer.create({
    queueUrl: replies,
    sqs,
    batchSize: BATCH,
    waitTimeSeconds: 20,
    messageAttributeNames: ['All'],
    handleMessage: async (message) => {
      const id = message.MessageAttributes?.requestId?.StringValue;
      if (id) waiting.get(id)?.();
      return message;
    },
  });
  server.on('error', () => undefined);
  replyConsumer.on('error', () => undefined);
  server.start();
  replyConsumer.start();
  const call = async (i: number) => {
    const id = randomUUID();
    const replied = new Promise<void>((resolve) => waiting.set(id, resolve));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: requests,
        MessageBody: JSON.stringify({ i }),
        MessageAttributes: { requestId: { DataType: 'String', StringValue: id } },
      }),
    );
    await replied;
    waiting.delete(id);
  };
  try {
    for (let i = 0; i < 20; i += 1) await call(i);
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) {
      const started = performance.now();
      await call(i);
      samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    server.stop({ abort: true });
    replyConsumer.stop({ abort: true });
  }
}

async function seamOneWay(sqs: SQSClient, backlog: number, roundNo: number): Promise<number> {
  const queueUrl = await createQueue(sqs, `seam${roundNo}-oneway`);
  await fill(sqs, queueUrl, backlog);
  let handled = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const poller = new SqsPoller(
    sqs,
    { queueUrl, concurrency: CONCURRENCY, waitTimeSeconds: 20, visibilityTimeoutSeconds: 30 },
    async () => {
      if (++handled === backlog) done();
      return DELETE;
    },
    silent,
  );
  const started = performance.now();
  poller.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await poller.stop();
  return backlog / seconds;
}

async function consumerOneWay(sqs: SQSClient, backlog: number, roundNo: number): Promise<number> {
  const queueUrl = await createQueue(sqs, `consumer${roundNo}-oneway`);
  await fill(sqs, queueUrl, backlog);
  let handled = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = Consumer.create({
    queueUrl,
    sqs,
    batchSize: BATCH,
    waitTimeSeconds: 20,
    handleMessage: async (message) => {
      if (++handled === backlog) done();
      return message;
    },
  });
  consumer.on('error', () => undefined);
  const started = performance.now();
  consumer.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  consumer.stop({ abort: true });
  return backlog / seconds;
}

async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

async function fill(sqs: SQSClient, queueUrl: string, count: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 10)
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: Math.min(10, count - sent) }, (_, i) => ({
          Id: String(i),
          MessageBody: JSON.stringify({ n: sent + i }),
        })),
      }),
    );
}

await main();
