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
  /**
   * How long `stop()` lets unfinished handlers run before handing their messages back to the
   * queue; default 1500 ms, so that a process stops within 3 s of Ctrl-C or SIGTERM.
   */
  readonly stopGraceMs?: number;
  /**
   * How long a handled message may wait for others to be deleted in the same
   * DeleteMessageBatch call; default 100 ms, none on a FIFO queue (SQS holds back the next
   * message of a group until the one before is deleted). A message is deleted only after its
   * handler is done, and it stays hidden for what is left of its visibility timeout (at least
   * half of it): keep this well below that, or handled messages come back.
   */
  readonly deleteGatherMs?: number;
}

/** A message whose handler runs. */
interface InFlight {
  readonly receipt: string;
  readonly keepHidden: NodeJS.Timeout;
  /** Given back to the queue on stop: whatever its handler does later is not acted on. */
  handedBack: boolean;
}

const DEFAULT_STOP_GRACE_MS = 1500;
const DEFAULT_DELETE_GATHER_MS = 100;
/** The most entries one DeleteMessageBatch call takes. */
const MAX_BATCH = 10;

/**
 * Consumes one SQS queue: long-polls for batches of up to 10 (never more than the free
 * handler slots), runs each message's handler, keeps the message hidden while the handler runs,
 * deletes handled messages in batches (gathered for up to `deleteGatherMs`, so that one
 * DeleteMessageBatch call deletes the messages of several polls) and hides failed ones until
 * their retry.
 *
 * `stop()` drops the long poll under way at once, lets the handlers in flight finish for
 * `stopGraceMs`, and hands the messages of those still running back to the queue (visible at
 * once, for another consumer; handlers are idempotent). A message that SQS hands to the
 * dropped poll after all is not lost either: it reappears after its visibility timeout.
 */
export class SqsPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private readonly inFlight = new Map<Promise<void>, InFlight>();
  private slotFreed: (() => void) | undefined;
  private pendingDeletes: { id: string; receipt: string }[] = [];
  private gathering: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly deleteGatherMs: number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly options: PollerOptions,
    private readonly handle: (received: ReceivedMessage) => Promise<Outcome>,
    private readonly logger: LoggerService,
  ) {
    this.deleteGatherMs = options.queueUrl.endsWith('.fifo')
      ? 0
      : (options.deleteGatherMs ?? DEFAULT_DELETE_GATHER_MS);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.loop = this.receiveLoop();
  }

  /**
   * Stops receiving; settles when every message received is deleted, retried or handed back.
   * `drain` lets the long poll under way finish instead and waits for every handler: for a
   * queue given up while the process goes on (nobody waits, and nothing is delivered twice).
   */
  async stop(options: { drain?: boolean } = {}): Promise<void> {
    this.running = false;
    if (!options.drain) this.abort.abort();
    this.slotFreed?.();
    await this.loop;
    const handled = Promise.all(this.inFlight.keys());
    if (options.drain) await handled;
    else if (!(await settlesWithin(handled, this.stopGraceMs())))
      await this.handBack([...this.inFlight.values()]);
    clearTimeout(this.gathering);
    this.gathering = undefined;
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
        if (!this.running) break; // the poll was dropped by stop()
        failures += 1;
        const waitMs = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
        this.logger.warn(
          { err: error, queueUrl: this.options.queueUrl, retryInMs: waitMs },
          'Receiving from SQS failed',
        );
        await abortableDelay(waitMs, this.abort.signal);
        continue;
      }
      if (this.abort.signal.aborted) {
        // Received as stop() began: back to the queue unhandled.
        await Promise.all(
          messages.map((message) => this.changeVisibility(message.ReceiptHandle!, 0)),
        );
        break;
      }
      for (const message of messages) this.process(message);
    }
  }

  private process(message: Message): void {
    const receipt = message.ReceiptHandle!;
    const entry: InFlight = {
      receipt,
      keepHidden: setInterval(
        () => void this.changeVisibility(receipt, this.options.visibilityTimeoutSeconds),
        (this.options.visibilityTimeoutSeconds * 1000) / 2,
      ),
      handedBack: false,
    };
    const work = this.handleAndSettle(message, entry);
    this.inFlight.set(work, entry);
    void work.finally(() => {
      this.inFlight.delete(work);
      const wake = this.slotFreed;
      this.slotFreed = undefined;
      wake?.();
    });
  }

  private async handleAndSettle(message: Message, entry: InFlight): Promise<void> {
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
      clearInterval(entry.keepHidden);
    }
    if (entry.handedBack) return; // another consumer may have it now
    if ('delete' in outcome) this.scheduleDelete(message.MessageId!, entry.receipt);
    else await this.changeVisibility(entry.receipt, outcome.retryAfterSeconds);
  }

  /** Makes unfinished messages visible again at once, and stops keeping them hidden. */
  private async handBack(entries: InFlight[]): Promise<void> {
    for (const entry of entries) {
      entry.handedBack = true;
      clearInterval(entry.keepHidden);
    }
    this.logger.warn(
      { queueUrl: this.options.queueUrl, messages: entries.length },
      'Stopping: messages whose handlers are still running go back to the queue',
    );
    await Promise.all(entries.map((entry) => this.changeVisibility(entry.receipt, 0)));
  }

  private stopGraceMs(): number {
    return this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  }

  private scheduleDelete(id: string, receipt: string): void {
    this.pendingDeletes.push({ id, receipt });
    if (this.pendingDeletes.length >= MAX_BATCH || this.deleteGatherMs === 0) this.startFlush();
    else this.gathering ??= setTimeout(() => this.startFlush(), this.deleteGatherMs);
  }

  /** Sends the gathered deletes; those made while a batch is on its way go in the next one. */
  private startFlush(): void {
    clearTimeout(this.gathering);
    this.gathering = undefined;
    if (this.flushing || this.pendingDeletes.length === 0) return;
    this.flushing = this.flushDeletes().finally(() => {
      this.flushing = undefined;
      // Deletes made after the last batch left, with no timer of their own: send them too.
      if (this.pendingDeletes.length > 0 && !this.gathering) this.startFlush();
    });
  }

  private async flushDeletes(): Promise<void> {
    while (this.pendingDeletes.length > 0) {
      const batch = this.pendingDeletes.splice(0, MAX_BATCH);
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
            {
              queueUrl: this.options.queueUrl,
              messageId: batch[Number(failed.Id)]?.id,
              reason: failed.Message,
            },
            'A handled message could not be deleted and will be delivered again',
          );
      } catch (error) {
        this.logger.warn(
          { err: error, queueUrl: this.options.queueUrl, messages: batch.length },
          'Handled messages could not be deleted and will be delivered again',
        );
      }
    }
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

/** True when `work` settles within `ms`; false when the time runs out first. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
