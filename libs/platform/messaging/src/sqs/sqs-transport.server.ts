import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  type CustomTransportStrategy,
  type WritePacket,
} from '@nestjs/microservices';
import { firstValueFrom, isObservable, throwError, type Observable } from 'rxjs';
import { SeamTransportServer } from '../seam-transport-server.js';
import { runEventHandler } from '../in-process/in-process.server.js';
import type { MessageHeaders, MessagePacket } from '../message-packet.js';
import { handleWithin } from '../message-tracing.js';
import { isWireError, ModuleError, toWireError } from '../module-error.js';
import {
  isSeamEnvelope,
  MalformedMessageError,
  readIncoming,
  replyAttributes,
  replyBody,
} from './sqs-envelope.js';
import type { SqsOptions } from './sqs-options.js';
import { DELETE, SqsPoller, type Outcome, type ReceivedMessage } from './sqs-poller.js';
import type { SqsQueues } from './sqs-queues.js';

export const SQS_TRANSPORT = Symbol('SQS_TRANSPORT');

/** Available to handlers through `@Ctx()` on the SQS transport: pattern, headers, receive count. */
export class SqsContext extends BaseRpcContext<
  [pattern: string, headers: MessageHeaders, receiveCount: number]
> {
  getPattern(): string {
    return this.args[0];
  }

  getHeaders(): MessageHeaders {
    return this.args[1];
  }

  getReceiveCount(): number {
    return this.args[2];
  }
}

/** Handles a message that is not a Seam envelope (a Step Functions task); resolves when it may be deleted. */
export type ForeignMessageHandler = (module: string, body: unknown) => Promise<void>;

/**
 * Nest transport strategy that serves the `@MessagePattern`/`@EventPattern` handlers of the
 * modules this process serves from their SQS queues. Requests are answered with one reply
 * message to the caller's reply queue; events run the queue's module's handlers and are
 * deleted only when those succeed (a failed event is retried with backoff and, after
 * `maxReceiveCount` receives, moved to the DLQ by SQS). Which modules' queues are consumed can
 * change at run time (`consume`/`stopConsuming`), as routing flags move a module in and out.
 */
export class SqsTransportServer extends SeamTransportServer implements CustomTransportStrategy {
  override readonly transportId = SQS_TRANSPORT;
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger = new Logger(SqsTransportServer.name);
  private readonly pollers = new Map<string, Promise<SqsPoller>>();
  private listening = false;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: SqsQueues,
    private readonly options: SqsOptions,
    /** Modules whose queues to consume from the start. */
    private readonly initialModules: () => readonly string[],
  ) {
    super();
  }

  private foreignMessages: ForeignMessageHandler | undefined;

  /** Who handles messages without a `seam-kind` attribute: the workflow task responder. */
  handleForeignMessagesWith(handler: ForeignMessageHandler): void {
    this.foreignMessages = handler;
  }

  listen(callback: (error?: unknown) => void): void {
    this.listening = true;
    Promise.all(this.initialModules().map((module) => this.consume(module))).then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Stops every queue consumer promptly (process shutdown): see SqsPoller.stop. */
  async close(): Promise<void> {
    this.listening = false;
    await Promise.all([...this.pollers.keys()].map((module) => this.stopPoller(module, false)));
  }

  on(): never {
    throw new Error('SqsTransportServer emits no events');
  }

  unwrap<T>(): T {
    return this.sqs as T;
  }

  /** The modules whose queues are consumed now. */
  consumedModules(): string[] {
    return [...this.pollers.keys()];
  }

  /** Starts consuming the module's queue (creating it first when configured to). */
  async consume(module: string): Promise<void> {
    if (!this.listening || this.pollers.has(module)) return;
    const poller = this.queues.commandQueueUrl(module).then((queueUrl) => {
      const started = new SqsPoller(
        this.sqs,
        {
          queueUrl,
          concurrency: this.options.concurrency,
          waitTimeSeconds: this.options.waitTimeSeconds,
          visibilityTimeoutSeconds: this.options.visibilityTimeoutSeconds,
        },
        (received) => this.handleMessage(module, received),
        this.logger,
      );
      started.start();
      this.logger.log({ module, queueUrl }, 'Consuming the module queue');
      return started;
    });
    this.pollers.set(module, poller);
    poller.catch(() => this.pollers.delete(module));
    await poller;
  }

  /**
   * Stops receiving from the module's queue (its service takes it over); settles when the
   * long poll under way and the messages in flight are finished.
   */
  async stopConsuming(module: string): Promise<void> {
    await this.stopPoller(module, true);
  }

  private async stopPoller(module: string, drain: boolean): Promise<void> {
    const poller = this.pollers.get(module);
    if (!poller) return;
    this.pollers.delete(module);
    await (await poller).stop({ drain });
    this.logger.log({ module }, 'Stopped consuming the module queue');
  }

  /**
   * Runs the request handler of `pattern` here and returns its reply (for workflow tasks that
   * arrive on a module queue); rejects with the handler's error as a ModuleError.
   */
  async invoke(pattern: string, data: unknown, headers: MessageHeaders): Promise<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw ModuleError.patternNotFound(pattern);
    return handleWithin(headers, pattern.split('.')[0], pattern, 'request', async () => {
      try {
        const result: unknown = await handler(data, new SqsContext([pattern, headers, 1]));
        return isObservable(result)
          ? await firstValueFrom(result as Observable<unknown>, { defaultValue: undefined })
          : result;
      } catch (error) {
        throw ModuleError.fromWire(isWireError(error) ? error : toWireError(error));
      }
    });
  }

  private async handleMessage(module: string, received: ReceivedMessage): Promise<Outcome> {
    const { message, receiveCount } = received;
    try {
      if (!isSeamEnvelope(message)) return await this.handleForeign(module, received);
      const incoming = readIncoming(message, module);
      return incoming.kind === 'request'
        ? await this.answerRequest(incoming.packet, incoming.replyTo!, receiveCount)
        : await this.runEvent(module, incoming.packet, receiveCount);
    } catch (error) {
      if (error instanceof MalformedMessageError)
        return await this.deadLetter(module, received, `malformed message: ${error.message}`);
      this.logFailure(module, received, (error as Error).message, error);
      return { retryAfterSeconds: backoffSeconds(receiveCount) };
    }
  }

  private async handleForeign(module: string, received: ReceivedMessage): Promise<Outcome> {
    let body: unknown;
    try {
      body = JSON.parse(received.message.Body ?? '');
    } catch {
      throw new MalformedMessageError('no seam-kind attribute and the body is not JSON');
    }
    if (!this.foreignMessages)
      throw new MalformedMessageError('no seam-kind attribute (not a Seam message)');
    await this.foreignMessages(module, body);
    return DELETE;
  }

  private async answerRequest(
    packet: MessagePacket,
    replyTo: string,
    receiveCount: number,
  ): Promise<Outcome> {
    const reply = await new Promise<WritePacket>((resolve) => {
      const handler = this.getHandlerByPattern(packet.pattern);
      if (!handler) {
        resolve({ err: ModuleError.patternNotFound(packet.pattern).toWire(), isDisposed: true });
        return;
      }
      const context = new SqsContext([packet.pattern, packet.headers, receiveCount]);
      // Nest may report the value and the end of the stream separately; one reply carries both.
      let last: WritePacket = { isDisposed: true };
      const handled: unknown = handleWithin(
        packet.headers,
        packet.pattern.split('.')[0],
        packet.pattern,
        'request',
        () =>
          this.handleRequest(
            context,
            async () => {
              try {
                return this.transformToObservable(await handler(packet.data, context));
              } catch (error) {
                // Nest's error boundary answers for controllers; anything else is answered here.
                return throwError(() => (isWireError(error) ? error : toWireError(error)));
              }
            },
            (writePacket: WritePacket) => {
              last = { ...last, ...writePacket };
              if (writePacket.isDisposed || writePacket.err !== undefined) resolve(last);
            },
          ),
      );
      // If Nest's processing hooks themselves fail, the caller still gets an answer.
      void Promise.resolve(handled).catch((error: unknown) =>
        resolve({ err: toWireError(error), isDisposed: true }),
      );
    });
    try {
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: replyTo,
          MessageBody: replyBody(reply),
          MessageAttributes: replyAttributes(packet.id!, packet.headers.correlationId),
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'QueueDoesNotExist') throw error; // retried: the handler is idempotent
      // The caller is gone (restarted or stopped): nobody waits for this reply.
      this.logger.warn(
        { pattern: packet.pattern, correlationId: packet.headers.correlationId, replyTo },
        'The reply queue no longer exists; the reply is dropped',
      );
    }
    return DELETE;
  }

  private async runEvent(
    module: string,
    packet: MessagePacket,
    receiveCount: number,
  ): Promise<Outcome> {
    const handler = this.eventHandlers.get(packet.pattern, module);
    if (!handler) {
      this.logger.warn(
        { module, pattern: packet.pattern, messageId: packet.headers.messageId },
        'No handler of this module for the event: dropped',
      );
      return DELETE;
    }
    await handleWithin(packet.headers, module, packet.pattern, 'event', () =>
      runEventHandler(
        handler,
        packet,
        new SqsContext([packet.pattern, packet.headers, receiveCount]),
      ),
    );
    return DELETE;
  }

  /**
   * A malformed message can never succeed: copy it to the module's DLQ now (body and attributes
   * as received) and delete it, instead of receiving it maxReceiveCount times. Should the copy
   * fail, it is handed back at once and SQS's redrive policy moves it after maxReceiveCount.
   */
  private async deadLetter(
    module: string,
    received: ReceivedMessage,
    reason: string,
  ): Promise<Outcome> {
    const { message } = received;
    const details = { module, sqsMessageId: message.MessageId, reason };
    try {
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: await this.queues.deadLetterQueueUrl(module),
          MessageBody: message.Body,
          MessageAttributes: message.MessageAttributes,
          ...(this.queues.isFifo(module)
            ? {
                MessageGroupId: message.Attributes?.MessageGroupId ?? module,
                MessageDeduplicationId: message.MessageId,
              }
            : {}),
        }),
      );
      this.logger.error(details, `Message moved to the DLQ at once: ${reason}`);
      return DELETE;
    } catch (error) {
      this.logFailure(module, received, reason, error);
      return { retryAfterSeconds: 0 };
    }
  }

  private logFailure(module: string, received: ReceivedMessage, reason: string, error: unknown) {
    const { message, receiveCount } = received;
    const final = receiveCount >= this.options.maxReceiveCount;
    const details = {
      module,
      sqsMessageId: message.MessageId,
      pattern: message.MessageAttributes?.['seam-pattern']?.StringValue,
      receiveCount,
      maxReceiveCount: this.options.maxReceiveCount,
      reason,
      err: error,
    };
    if (final)
      this.logger.error(
        details,
        `Message failed for the last time; SQS moves it to the DLQ: ${reason}`,
      );
    else this.logger.warn(details, `Message failed; it will be retried: ${reason}`);
  }
}

/**
 * Seconds a failed message stays hidden before its next try: 5, 20, 80, 300, 300, … With the
 * default five receives a failing event is retried for about seven minutes before the DLQ, so
 * a short outage of a dependency does not need a manual redrive.
 */
export function backoffSeconds(receiveCount: number): number {
  return Math.min(300, 5 * 4 ** Math.max(0, receiveCount - 1));
}
