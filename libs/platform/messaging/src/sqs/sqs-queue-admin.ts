import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SqsQueues } from './sqs-queues.js';

/** A module's command queue and its dead-letter queue, as operators see them. */
export interface QueueDepth {
  readonly module: string;
  readonly queue: string;
  /** Messages waiting (ApproximateNumberOfMessages). */
  readonly depth: number;
  /** Messages being handled now (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: number;
  readonly deadLetterQueue: string;
  readonly deadLetters: number;
}

/**
 * Operators' handle on the SQS queues of modules: their depths, and moving a module's dead
 * letters back onto its command queue once the cause is fixed (each handler is idempotent,
 * so a message handled before it died is a no-op the second time).
 *
 * @example
 * const moved = await queueAdmin.redriveDeadLetters('payments'); // 3
 */
export class SqsQueueAdmin {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: SqsQueues,
  ) {}

  async depth(module: string): Promise<QueueDepth> {
    const [queueUrl, dlqUrl] = await Promise.all([
      this.queues.commandQueueUrl(module),
      this.queues.deadLetterQueueUrl(module),
    ]);
    const [queue, dlq] = await Promise.all([this.attributes(queueUrl), this.attributes(dlqUrl)]);
    return {
      module,
      queue: this.queues.commandQueueName(module),
      depth: Number(queue.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(queue.ApproximateNumberOfMessagesNotVisible ?? 0),
      deadLetterQueue: this.queues.deadLetterQueueName(module),
      deadLetters: Number(dlq.ApproximateNumberOfMessages ?? 0),
    };
  }

  /**
   * Moves up to `max` messages from the module's DLQ to its command queue, ten at a time, with
   * their attributes (trace context, correlation id); a message leaves the DLQ only once it is
   * on the command queue. Only as many as the DLQ held when the redrive started: a message that
   * fails again at once (poison) comes back during the redrive and waits for the next one,
   * instead of going round until `max`. @returns how many moved.
   */
  async redriveDeadLetters(module: string, max = 1000): Promise<number> {
    const [queueUrl, dlqUrl] = await Promise.all([
      this.queues.commandQueueUrl(module),
      this.queues.deadLetterQueueUrl(module),
    ]);
    const fifo = this.queues.isFifo(module);
    const limit = Math.min(
      max,
      Number((await this.attributes(dlqUrl)).ApproximateNumberOfMessages ?? 0),
    );
    let moved = 0;
    while (moved < limit) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: Math.min(10, limit - moved),
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
          WaitTimeSeconds: 0,
          VisibilityTimeout: 30,
        }),
      );
      if (Messages.length === 0) break;
      const sent = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            MessageBody: message.Body ?? '',
            MessageAttributes: message.MessageAttributes,
            ...(fifo
              ? {
                  MessageGroupId: message.Attributes?.MessageGroupId ?? module,
                  MessageDeduplicationId: `redrive-${message.MessageId}`,
                }
              : {}),
          })),
        }),
      );
      const delivered = (sent.Successful ?? []).map((entry) => Messages[Number(entry.Id)]!);
      if (delivered.length > 0)
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: dlqUrl,
            Entries: delivered.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle!,
            })),
          }),
        );
      moved += delivered.length;
      if (delivered.length < Messages.length) break; // the rest stay in the DLQ for another try
    }
    return moved;
  }

  private async attributes(url: string): Promise<Record<string, string>> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Attributes;
  }
}
