import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { toMessagePacket, type MessagePacket } from '../message-packet.js';
import {
  eventAttributes,
  MalformedMessageError,
  payloadBody,
  readReply,
  requestAttributes,
} from './sqs-envelope.js';
import type { SqsOptions } from './sqs-options.js';
import { DELETE, SqsPoller, type Outcome, type ReceivedMessage } from './sqs-poller.js';
import type { SqsQueues } from './sqs-queues.js';

/** How often a process marks its reply queue as in use (ReplyQueueJanitor's stale age is 10×). */
export const REPLY_HEARTBEAT_MS = 60_000;

/**
 * Nest ClientProxy over SQS. A request goes to the owning module's queue with this instance's
 * reply queue and a request id; the one reply message settles it. An event copy for one
 * subscribing module goes through the publisher's SNS topic, whose subscription filter on
 * `seam-subscriber` delivers it to that module's queue, or, without topics (locally) and for
 * FIFO queues, straight to the queue (FIFO queues group by the event's aggregate id). `connect()`
 * creates the reply queue and starts consuming it; `close()` stops and deletes it.
 */
export class SqsClient extends ClientProxy {
  private readonly logger = new Logger(SqsClient.name);
  private readonly waiting = new Map<string, (packet: WritePacket) => void>();
  private connection: Promise<string> | undefined;
  private replies: SqsPoller | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: SqsQueues,
    private readonly options: SqsOptions,
    /** Required when `options.eventTopicArnPrefix` is set. */
    private readonly sns?: SNSClient,
  ) {
    super();
    if (options.eventTopicArnPrefix && !sns)
      throw new TypeError('Events through SNS topics need an SNSClient');
  }

  connect(): Promise<string> {
    this.connection ??= this.queues.replyQueueUrl().then((queueUrl) => {
      this.replies = new SqsPoller(
        this.sqs,
        {
          queueUrl,
          // Reply handling is a map lookup: many at once cost nothing.
          concurrency: 100,
          waitTimeSeconds: this.options.waitTimeSeconds,
          visibilityTimeoutSeconds: this.options.visibilityTimeoutSeconds,
        },
        (received) => this.settle(received),
        this.logger,
      );
      this.replies.start();
      this.heartbeat = setInterval(
        () =>
          void this.queues
            .heartbeat()
            .catch((error: unknown) =>
              this.logger.warn({ err: error }, 'Could not renew the reply queue heartbeat'),
            ),
        REPLY_HEARTBEAT_MS,
      ).unref();
      return queueUrl;
    });
    this.connection.catch(() => (this.connection = undefined));
    return this.connection;
  }

  async close(): Promise<void> {
    const replies = this.replies;
    this.replies = undefined;
    clearInterval(this.heartbeat);
    this.connection = undefined;
    await replies?.stop();
    await this.queues
      .deleteReplyQueue()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Deleting the reply queue failed'),
      );
  }

  unwrap<T>(): T {
    return this.sqs as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const wire = toMessagePacket(this.assignPacketId(packet));
    const requestId = wire.id!;
    this.waiting.set(requestId, callback);
    void this.sendRequest(wire).catch((error: unknown) => {
      if (this.waiting.delete(requestId)) callback({ err: error, isDisposed: true });
    });
    // On timeout the caller unsubscribes: a late reply is then dropped.
    return () => this.waiting.delete(requestId);
  }

  protected async dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    const wire = toMessagePacket(packet);
    if (!wire.subscriber)
      throw new TypeError(`Event "${wire.pattern}" sent over SQS needs its subscribing module`);
    const topicArn = this.options.eventTopicArn(wire.pattern.split('.')[0]!);
    if (topicArn && this.sns && !this.queues.isFifo(wire.subscriber)) {
      await this.sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: payloadBody(wire),
          MessageAttributes: eventAttributes(wire),
        }),
      );
      return undefined as T;
    }
    const queueUrl = await this.queues.commandQueueUrl(wire.subscriber);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: payloadBody(wire),
        MessageAttributes: eventAttributes(wire),
        ...(this.queues.isFifo(wire.subscriber)
          ? {
              MessageGroupId: wire.headers.aggregateId ?? wire.pattern,
              MessageDeduplicationId: wire.headers.messageId,
            }
          : {}),
      }),
    );
    return undefined as T;
  }

  private async sendRequest(wire: MessagePacket): Promise<void> {
    const [replyTo, queueUrl] = await Promise.all([
      this.connect(),
      this.queues.commandQueueUrl(wire.pattern.split('.')[0]!),
    ]);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: payloadBody(wire),
        MessageAttributes: requestAttributes(wire, replyTo),
        ...(this.queues.isFifo(wire.pattern.split('.')[0]!)
          ? // Each attempt of a request is a new packet: its id, not the message id, dedupes.
            { MessageGroupId: wire.id!, MessageDeduplicationId: wire.id! }
          : {}),
      }),
    );
  }

  private async settle({ message }: ReceivedMessage): Promise<Outcome> {
    try {
      const { requestId, packet } = readReply(message);
      const callback = this.waiting.get(requestId);
      this.waiting.delete(requestId);
      callback?.(packet);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      this.logger.warn({ reason: error.message }, 'Dropped a malformed reply');
    }
    return DELETE;
  }
}
