import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  type DeleteMessageBatchCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { LocalSqs } from '../../../../../test/support/aws/local-sqs.js';
import { eventually } from '../../../../../test/support/eventually.js';
import { DELETE, SqsPoller } from './sqs-poller.js';

const silent = { log() {}, warn() {}, error() {} };

/** SqsPoller against a real SQS server on loopback: how handled messages are deleted. */
describe('SqsPoller deletes', () => {
  let localSqs: LocalSqs;
  let sqs: SQSClient;
  let queues = 0;
  /** The entries of every DeleteMessageBatch call the client sent, one array per call. */
  let deleteCalls: string[][];

  beforeAll(async () => {
    localSqs = await LocalSqs.start();
    sqs = localSqs.client;
    const send = sqs.send.bind(sqs) as (command: unknown) => Promise<unknown>;
    sqs.send = ((command: unknown, ...rest: unknown[]) => {
      if (command instanceof DeleteMessageBatchCommand)
        deleteCalls.push(
          (command.input as DeleteMessageBatchCommandInput).Entries!.map((e) => e.ReceiptHandle!),
        );
      return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as SQSClient['send'];
  });

  afterAll(() => localSqs.stop());

  /** A new queue holding `count` messages. */
  const queueWith = async (count: number): Promise<string> => {
    queues += 1;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `poller${queues}` }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: Array.from({ length: count }, (_, i) => ({ Id: `${i}`, MessageBody: `m${i}` })),
      }),
    );
    return QueueUrl!;
  };

  const pollerOf = (
    queueUrl: string,
    handled: string[],
    deleteGatherMs: number,
    visibilityTimeoutSeconds = 30,
  ) =>
    new SqsPoller(
      sqs,
      {
        queueUrl,
        concurrency: 10,
        waitTimeSeconds: 1,
        visibilityTimeoutSeconds,
        deleteGatherMs,
      },
      async ({ message }) => {
        handled.push(message.Body!);
        return DELETE;
      },
      silent,
    );

  it('deletes the messages handled within the gathering window in one call', async () => {
    deleteCalls = [];
    const handled: string[] = [];
    const poller = pollerOf(await queueWith(4), handled, 1_000);
    poller.start();
    await eventually(
      () => handled.length,
      (count) => count === 4,
      'the four messages to be handled',
    );
    expect(deleteCalls).toEqual([]); // still gathering
    await eventually(
      () => deleteCalls.flat().length,
      (count) => count === 4,
      'the four messages to be deleted',
    );
    expect(deleteCalls).toHaveLength(1);
    await poller.stop();
  });

  it('deletes what it gathered at once when stopped, so nothing is delivered again', async () => {
    deleteCalls = [];
    const handled: string[] = [];
    const queueUrl = await queueWith(3);
    const poller = pollerOf(queueUrl, handled, 60_000, 2);
    poller.start();
    await eventually(
      () => handled.length,
      (count) => count === 3,
      'the three messages to be handled',
    );
    const stopping = Date.now();
    await poller.stop();
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(deleteCalls.flat()).toHaveLength(3);

    // Left undeleted, they would be visible again 2 s after they were received: a new consumer
    // polling past that finds nothing.
    const again: string[] = [];
    const next = pollerOf(queueUrl, again, 0);
    next.start();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await next.stop();
    expect(again).toEqual([]);
  });
});
