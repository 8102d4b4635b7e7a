import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { LocalSqs } from '../../../../../test/support/aws/local-sqs.js';
import { SqsOptions } from './sqs-options.js';
import { SqsQueueAdmin } from './sqs-queue-admin.js';
import { SqsQueues } from './sqs-queues.js';

describe('SqsQueueAdmin', () => {
  let local: LocalSqs;
  let queues: SqsQueues;
  let admin: SqsQueueAdmin;

  beforeAll(async () => {
    local = await LocalSqs.start();
    const prefix = `qa${Math.random().toString(36).slice(2, 8)}-`;
    queues = new SqsQueues(
      local.client,
      new SqsOptions({ queuePrefix: prefix, createQueues: true, instanceId: 'qa' }),
    );
    admin = new SqsQueueAdmin(local.client, queues);
  });

  afterAll(async () => {
    await local.stop();
  });

  it("reports a module's queue and DLQ depths, and moves dead letters back with their attributes", async () => {
    const queueUrl = await queues.commandQueueUrl('payments');
    const dlqUrl = await queues.deadLetterQueueUrl('payments');
    for (let i = 0; i < 12; i++)
      await local.client.send(
        new SendMessageCommand({
          QueueUrl: dlqUrl,
          MessageBody: JSON.stringify({ n: i }),
          MessageAttributes: { traceparent: { DataType: 'String', StringValue: `tp-${i}` } },
        }),
      );
    expect(await admin.depth('payments')).toMatchObject({
      module: 'payments',
      queue: queues.commandQueueName('payments'),
      depth: 0,
      deadLetterQueue: queues.deadLetterQueueName('payments'),
      deadLetters: 12,
    });

    expect(await admin.redriveDeadLetters('payments')).toBe(12);

    expect(await admin.depth('payments')).toMatchObject({ depth: 12, deadLetters: 0 });
    const { Messages = [] } = await local.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    const first = Messages[0]!;
    const n = (JSON.parse(first.Body!) as { n: number }).n;
    expect(first.MessageAttributes?.traceparent?.StringValue).toBe(`tp-${n}`);
  });

  it('moves no more than asked', async () => {
    const dlqUrl = await queues.deadLetterQueueUrl('shipping');
    for (let i = 0; i < 3; i++)
      await local.client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `${i}` }));
    expect(await admin.redriveDeadLetters('shipping', 2)).toBe(2);
    expect(await admin.depth('shipping')).toMatchObject({ depth: 2, deadLetters: 1 });
  });
});
