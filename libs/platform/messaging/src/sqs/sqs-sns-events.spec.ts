import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { eventually } from '../../../../../test/support/eventually.js';
import { LocalSqs } from '../../../../../test/support/aws/local-sqs.js';
import { SnsServer } from '../../../../../test/support/aws/sns.server.js';
import { MessageRecord } from '../message-packet.js';
import { emitThrough } from '../module-router.js';
import { eventAttributes, payloadBody } from './sqs-envelope.js';
import { SqsOptions } from './sqs-options.js';
import { SqsQueues } from './sqs-queues.js';
import { SqsTransportServer } from './sqs-transport.server.js';
import { SqsClient } from './sqs.client.js';

const TOPIC_PREFIX = 'arn:aws:sns:us-east-1:123456789012:snsspec-';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Events through the publisher's SNS topic (SEAM_SNS_TOPIC_ARN_PREFIX), with subscriptions as
 * the infrastructure declares them: raw delivery, filtered on pattern and subscriber. A real SQS
 * server and a loopback SNS endpoint, both driven by the real SDK clients.
 */
describe('events through SNS topics', () => {
  let localSqs: LocalSqs;
  let sqs: SQSClient;
  let sns: SnsServer;
  let snsClient: SNSClient;
  let queues: SqsQueues;
  let transport: SqsTransportServer;
  let client: SqsClient;
  const received: { module: string; data: unknown }[] = [];
  const errors: string[] = [];

  const handler = (module: string) =>
    (async (data: unknown) => {
      received.push({ module, data });
    }) as MessageHandler;

  const event = (subscriber: string, data: unknown) =>
    emitThrough(
      client,
      'shop.order-placed',
      new MessageRecord(data, {
        messageId: randomUUID(),
        correlationId: 'corr-sns',
        caller: 'shop',
      }).for(subscriber),
    );

  beforeAll(async () => {
    const quiet = () => undefined;
    Logger.overrideLogger({
      log: quiet,
      warn: quiet,
      debug: quiet,
      verbose: quiet,
      error: (...args: unknown[]) => void errors.push(JSON.stringify(args)),
    });
    localSqs = await LocalSqs.start();
    sqs = localSqs.client;
    const options = new SqsOptions({
      queuePrefix: 'snsspec-',
      createQueues: true,
      waitTimeSeconds: 1,
      maxReceiveCount: 1,
      eventTopicArnPrefix: TOPIC_PREFIX,
    });
    queues = new SqsQueues(sqs, options);
    const [mail, ledger] = await Promise.all([
      queues.commandQueueUrl('mail'),
      queues.commandQueueUrl('ledger'),
    ]);
    sns = new SnsServer(sqs, [
      {
        topicArn: `${TOPIC_PREFIX}shop-events`,
        queueUrl: mail,
        filterPolicy: { 'seam-pattern': ['shop.order-placed'], 'seam-subscriber': ['mail'] },
      },
      {
        topicArn: `${TOPIC_PREFIX}shop-events`,
        queueUrl: ledger,
        filterPolicy: { 'seam-pattern': ['shop.order-placed'], 'seam-subscriber': ['ledger'] },
      },
    ]);
    snsClient = new SNSClient({
      region: 'us-east-1',
      endpoint: (await sns.start()).endpoint,
      credentials,
    });
    transport = new SqsTransportServer(sqs, queues, options, () => ['mail', 'ledger']);
    transport.addHandler('shop.order-placed', handler('mail'), true, { subscriber: 'mail' });
    transport.addHandler('shop.order-placed', handler('ledger'), true, { subscriber: 'ledger' });
    await new Promise<void>((resolve, reject) =>
      transport.listen((error) => (error ? reject(error as Error) : resolve())),
    );
    client = new SqsClient(sqs, queues, options, snsClient);
  });

  afterAll(async () => {
    await client.close();
    await transport.close();
    await sns.stop();
    snsClient.destroy();
    await localSqs.stop();
  });

  it('publishes each subscriber’s copy to the publisher’s topic, and only that subscriber gets it', async () => {
    await event('ledger', { orderId: 'o-1' });
    await eventually(
      () => received.length,
      (count) => count >= 1,
      'the ledger copy',
    );
    await event('mail', { orderId: 'o-2' });
    await eventually(
      () => received.length,
      (count) => count >= 2,
      'the mail copy',
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // any stray copy would arrive by now
    expect(received).toEqual([
      { module: 'ledger', data: { orderId: 'o-1' } },
      { module: 'mail', data: { orderId: 'o-2' } },
    ]);
    expect(
      sns.published.map((entry) => [entry.topicArn, entry.attributes['seam-subscriber']]),
    ).toEqual([
      [`${TOPIC_PREFIX}shop-events`, 'ledger'],
      [`${TOPIC_PREFIX}shop-events`, 'mail'],
    ]);
  });

  it('sends an event that reaches the wrong module’s queue to that queue’s DLQ', async () => {
    const wire = {
      pattern: 'shop.order-placed',
      subscriber: 'mail',
      data: { orderId: 'o-3' },
      headers: { messageId: randomUUID(), correlationId: 'corr-x', caller: 'shop' },
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: await queues.commandQueueUrl('ledger'),
        MessageBody: payloadBody(wire),
        MessageAttributes: eventAttributes(wire),
      }),
    );
    const dlq = await queues.deadLetterQueueUrl('ledger');
    const parked = await eventually(
      async () =>
        (
          await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: dlq,
              MaxNumberOfMessages: 1,
              WaitTimeSeconds: 0,
            }),
          )
        ).Messages?.[0]?.Body,
      (body) => body !== undefined,
      'the mis-addressed event in the DLQ',
    );
    expect(JSON.parse(parked!)).toEqual({ orderId: 'o-3' });
    expect(received.map((entry) => entry.data)).not.toContainEqual({ orderId: 'o-3' });
    expect(errors.join('\n')).toContain("An event for mail arrived on ledger's queue");
  });

  it('refuses a topic ARN prefix that is not one', () => {
    expect(() =>
      SqsOptions.fromEnv({ SEAM_TRANSPORT: 'sqs', SEAM_SNS_TOPIC_ARN_PREFIX: 'seam-prod-' }),
    ).toThrow(/SEAM_SNS_TOPIC_ARN_PREFIX: expected an SNS topic ARN without the name/);
    expect(
      SqsOptions.fromEnv({
        SEAM_TRANSPORT: 'sqs',
        SEAM_SNS_TOPIC_ARN_PREFIX: TOPIC_PREFIX,
      })!.eventTopicArn('shop'),
    ).toBe(`${TOPIC_PREFIX}shop-events`);
  });
});
