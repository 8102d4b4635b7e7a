import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LoggerService } from '@nestjs/common';

/** What to do with a message once its handler is done. */
export type Outcome = { readonly delete: true } | { readonly retryAfterSeconds: number };

export const DELETE: Outcome = Object.freeze({ delete: true });

export interface ReceivedMessage {
  readonly message: Message;
  /** 1 on the first delivery. */
  readonly receiveCount: number;
}

export interface PollerOptions {
  readonly queueUrl: string;
  /** Messages handled at once; receives ask for no more than the free slots. */
  readonly concurrency: number;
  readonly waitTimeSeconds: number;
  readonly visibilityTimeoutSeconds: number;
}

/**
 * Consumes one SQS queue: long-polls for batches of up to 10 (never more than the free
 * handler slots), runs each message's handler, keeps the message hidden while the handler runs,
 * deletes handled messages in batches and hides failed ones until their retry. `stop()` stops
 * receiving and settles when every message in flight is finished and deleted.
 */
export class SqsPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private slotFreed: (() => void) | undefined;
  private pendingDeletes: { id: string; receipt: string }[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly options: PollerOptions,
    private readonly handle: (received: ReceivedMessage) => Promise<Outcome>,
    private readonly logger: LoggerService,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.receiveLoop();
  }

  /**
   * Stops receiving. The long poll under way is left to finish (at most `waitTimeSeconds`) and
   * what it brings is handled: SQS may hand messages to a poll whose connection was dropped,
   * and they would stay hidden for a whole visibility timeout. `abortPoll` drops the poll at
   * once, for queues nobody else reads (a reply queue about to be deleted).
   */
  async stop(options: { abortPoll?: boolean } = {}): Promise<void> {
    this.running = false;
    if (options.abortPoll) this.abort.abort();
    this.slotFreed?.();
    await this.loop;
    await Promise.all(this.inFlight);
    await this.flushing;
    await this.flushDeletes();
  }

  private async receiveLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        continue;
      }
      let messages: Message[];
      try {
        ({ Messages: messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: Math.min(10, free),
            WaitTimeSeconds: this.options.waitTimeSeconds,
            VisibilityTimeout: this.options.visibilityTimeoutSeconds,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
            // The deprecated name too: local-aws-sqs reads only this one, and without the
            // receive count no message would ever be seen failing for the last time.
            // ('All': its type has no ApproximateReceiveCount).
            AttributeNames: ['All'],
          }),
          { abortSignal: this.abort.signal },
        ));
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        failures += 1;
        const waitMs = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
        this.logger.warn(
          { err: error, queueUrl: this.options.queueUrl, retryInMs: waitMs },
          'Receiving from SQS failed',
        );
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      for (const message of messages) this.track(this.process(message));
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      const wake = this.slotFreed;
      this.slotFreed = undefined;
      wake?.();
    });
  }

  private async process(message: Message): Promise<void> {
    const receipt = message.ReceiptHandle!;
    const keepHidden = setInterval(
      () => void this.changeVisibility(receipt, this.options.visibilityTimeoutSeconds),
      (this.options.visibilityTimeoutSeconds * 1000) / 2,
    );
    let outcome: Outcome;
    try {
      outcome = await this.handle({
        message,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
      });
    } catch (error) {
      this.logger.error({ err: error, messageId: message.MessageId }, 'Message handling failed');
      outcome = { retryAfterSeconds: this.options.visibilityTimeoutSeconds };
    } finally {
      clearInterval(keepHidden);
    }
    if ('delete' in outcome) this.scheduleDelete(message.MessageId!, receipt);
    else await this.changeVisibility(receipt, outcome.retryAfterSeconds);
  }

  private scheduleDelete(id: string, receipt: string): void {
    this.pendingDeletes.push({ id, receipt });
    // Deletes made while one batch is on its way are sent together as the next batch.
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.flushDeletes(),
    );
  }

  private async flushDeletes(): Promise<void> {
    while (this.pendingDeletes.length > 0) {
      const batch = this.pendingDeletes.splice(0, 10);
      try {
        const { Failed = [] } = await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.options.queueUrl,
            Entries: batch.map((entry, index) => ({
              Id: String(index),
              ReceiptHandle: entry.receipt,
            })),
          }),
        );
        for (const failed of Failed)
          this.logger.warn(
            { queueUrl: this.options.queueUrl, reason: failed.Message },
            'A handled message could not be deleted and will be delivered again',
          );
      } catch (error) {
        this.logger.warn(
          { err: error, queueUrl: this.options.queueUrl, messages: batch.length },
          'Handled messages could not be deleted and will be delivered again',
        );
      }
    }
    this.flushing = undefined;
  }

  private async changeVisibility(receipt: string, seconds: number): Promise<void> {
    try {
      await this.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.options.queueUrl,
          ReceiptHandle: receipt,
          VisibilityTimeout: Math.max(0, Math.min(43_200, Math.round(seconds))),
        }),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, queueUrl: this.options.queueUrl },
        'Changing visibility failed',
      );
    }
  }
}
