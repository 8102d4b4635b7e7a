import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from '@nestjs/common';
import { REPLY_HEARTBEAT_MS } from './sqs.client.js';
import { HEARTBEAT_TAG } from './sqs-queues.js';

/**
 * Deletes reply queues whose process is gone. Every process renews a heartbeat tag on its own
 * reply queue each REPLY_HEARTBEAT_MS and deletes the queue when it stops; one that crashed
 * leaves it behind. A reply queue whose heartbeat (or, without one, whose creation) is older than
 * `staleMs` is deleted. Several janitors may sweep at once: deleting twice is harmless.
 *
 * @example
 * const janitor = new ReplyQueueJanitor(sqs, 'seam-prod-reply-', ownQueueName, logger);
 * janitor.start();  // sweeps every 5 minutes; janitor.stop() on shutdown
 */
export class ReplyQueueJanitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sqs: SQSClient,
    /** Reply queues' name prefix, e.g. `seam-prod-reply-`. */
    private readonly replyPrefix: string,
    /** This process's own reply queue, never deleted here. */
    private readonly ownQueueName: string,
    private readonly logger: Pick<Logger, 'log' | 'warn'>,
    private readonly staleMs = 10 * REPLY_HEARTBEAT_MS,
    private readonly intervalMs = 5 * 60_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(
      () =>
        void this.sweep().catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Sweeping reply queues failed; trying again later'),
        ),
      this.intervalMs * (0.75 + Math.random() / 2),
    ).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sweep. @returns the names of the queues deleted. */
  async sweep(now = Date.now()): Promise<string[]> {
    const deleted: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sqs.send(
        new ListQueuesCommand({
          QueueNamePrefix: this.replyPrefix,
          MaxResults: 1000,
          NextToken: nextToken,
        }),
      );
      for (const url of page.QueueUrls ?? []) {
        const name = url.slice(url.lastIndexOf('/') + 1);
        if (name === this.ownQueueName || !name.startsWith(this.replyPrefix)) continue;
        if (now - (await this.lastSign(url)) < this.staleMs) continue;
        await this.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
        deleted.push(name);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    if (deleted.length > 0)
      this.logger.log({ queues: deleted }, 'Deleted reply queues whose process is gone');
    return deleted;
  }

  /** When the queue's process last showed it was alive (epoch ms). */
  private async lastSign(url: string): Promise<number> {
    const { Tags } = await this.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
    const heartbeat = Number(Tags?.[HEARTBEAT_TAG]);
    if (Number.isFinite(heartbeat) && heartbeat > 0) return heartbeat;
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['CreatedTimestamp'] }),
    );
    return Number(Attributes?.CreatedTimestamp ?? 0) * 1000;
  }
}
