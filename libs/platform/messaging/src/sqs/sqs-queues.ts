import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type SQSClient,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { QueueNames } from './queue-names.js';
import type { SqsOptions } from './sqs-options.js';

/** Tag of a reply queue: when its process last said it uses it (epoch milliseconds). */
export const HEARTBEAT_TAG = 'seam-heartbeat';

/**
 * Names and URLs of Seam's queues: one command queue per module (requests, events and
 * workflow tasks for it) with its DLQ, and one reply queue per client instance.
 */
export class SqsQueues {
  private readonly urls = new Map<string, Promise<string>>();
  private readonly names: QueueNames;

  constructor(
    private readonly sqs: SQSClient,
    private readonly options: SqsOptions,
  ) {
    this.names = new QueueNames(options.queuePrefix, options.fifoModules);
  }

  commandQueueName(module: string): string {
    return this.names.command(module);
  }

  deadLetterQueueName(module: string): string {
    return this.names.deadLetters(module);
  }

  replyQueueName(): string {
    return this.names.reply(this.options.instanceId, this.options.replyGroup);
  }

  isFifo(module: string): boolean {
    return this.names.isFifo(module);
  }

  /** The module's command queue URL; created with its DLQ first when `createQueues` is on. */
  commandQueueUrl(module: string): Promise<string> {
    return this.memo(this.commandQueueName(module), async () => {
      if (!this.options.createQueues) return this.lookUp(this.commandQueueName(module));
      const dlqUrl = await this.create(this.deadLetterQueueName(module), this.isFifo(module));
      const { Attributes } = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
      );
      return this.create(this.commandQueueName(module), this.isFifo(module), {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: Attributes?.QueueArn,
          maxReceiveCount: this.options.maxReceiveCount,
        }),
        VisibilityTimeout: String(this.options.visibilityTimeoutSeconds),
      });
    });
  }

  deadLetterQueueUrl(module: string): Promise<string> {
    return this.memo(this.deadLetterQueueName(module), async () => {
      await this.commandQueueUrl(module);
      return this.lookUp(this.deadLetterQueueName(module));
    });
  }

  /**
   * This instance's reply queue, created on first use (it lives as long as the process), with
   * its heartbeat tag; `heartbeat()` renews it, and ReplyQueueJanitor deletes reply queues whose
   * heartbeat stopped (their process died without deleting them).
   */
  replyQueueUrl(): Promise<string> {
    return this.memo(this.replyQueueName(), () =>
      this.create(this.replyQueueName(), false, {}, { [HEARTBEAT_TAG]: String(Date.now()) }),
    );
  }

  /** Marks this instance's reply queue as in use now (if it exists). */
  async heartbeat(): Promise<void> {
    const url = this.urls.get(this.replyQueueName());
    if (!url) return;
    await this.sqs.send(
      new TagQueueCommand({ QueueUrl: await url, Tags: { [HEARTBEAT_TAG]: String(Date.now()) } }),
    );
  }

  async deleteReplyQueue(): Promise<void> {
    const url = this.urls.get(this.replyQueueName());
    if (!url) return;
    this.urls.delete(this.replyQueueName());
    await this.sqs.send(new DeleteQueueCommand({ QueueUrl: await url }));
  }

  private memo(name: string, resolve: () => Promise<string>): Promise<string> {
    let url = this.urls.get(name);
    if (!url) {
      url = resolve();
      url.catch(() => this.urls.delete(name)); // a failed lookup is tried again next time
      this.urls.set(name, url);
    }
    return url;
  }

  private async lookUp(name: string): Promise<string> {
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw new Error(`SQS returned no URL for queue ${name}`);
    return QueueUrl;
  }

  private async create(
    name: string,
    fifo: boolean,
    attributes: Record<string, string> = {},
    tags?: Record<string, string>,
  ): Promise<string> {
    const { QueueUrl } = await this.sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        ...(tags && { tags }),
        Attributes: {
          ...attributes,
          ...(fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' } : {}),
        },
      }),
    );
    if (!QueueUrl) throw new Error(`SQS returned no URL for new queue ${name}`);
    return QueueUrl;
  }
}
