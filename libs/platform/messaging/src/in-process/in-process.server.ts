import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { firstValueFrom, isObservable, lastValueFrom, type Observable } from 'rxjs';
import type { MessageHeaders, MessagePacket } from '../message-packet.js';
import { handleWithin } from '../message-tracing.js';
import { SeamTransportServer } from '../seam-transport-server.js';
import { isWireError, ModuleError, toWireError, type WireError } from '../module-error.js';
import type { InProcessChannel, InProcessReceiver } from './in-process.channel.js';
import { InProcessContext } from './in-process.context.js';

export const IN_PROCESS_TRANSPORT = Symbol('IN_PROCESS_TRANSPORT');

/**
 * Nest transport strategy that serves `@MessagePattern`/`@EventPattern` handlers of the modules
 * hosted in this process. Nest's pipes, guards, interceptors and filters apply as on any
 * transport. Event handlers are awaited and their errors reach the publisher.
 *
 * @example
 * app.connectMicroservice({ strategy: new InProcessTransportServer(app.get(InProcessChannel)) });
 */
export class InProcessTransportServer
  extends SeamTransportServer
  implements CustomTransportStrategy, InProcessReceiver
{
  override readonly transportId = IN_PROCESS_TRANSPORT;
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger = new Logger(InProcessTransportServer.name);

  constructor(private readonly channel: InProcessChannel) {
    super();
  }

  listen(callback: () => void): void {
    this.channel.attach(this);
    callback();
  }

  close(): void {
    this.channel.detach();
  }

  on(): never {
    throw new Error('InProcessTransportServer emits no events');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }

  /**
   * Runs the Nest handler of `pattern`: the proxy Nest built for the controller method, which
   * applies the guards, pipes (the validation pipe among them), interceptors and exception
   * filters of the method. Its reply, or its error in wire form, goes back as JSON.
   */
  request(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
  ): Promise<string | undefined> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return Promise.reject(ModuleError.patternNotFound(pattern));
    return handleWithin(headers, moduleOf(pattern), pattern, 'request', () =>
      this.answer(handler, pattern, data, headers),
    );
  }

  async event(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
    subscriber: string,
  ): Promise<void> {
    const handler = this.eventHandlers.get(pattern, subscriber);
    if (!handler) return; // that module does not subscribe here: nothing to do
    const packet: MessagePacket = { pattern, data: fromJson(data), headers, subscriber };
    await handleWithin(headers, subscriber, pattern, 'event', () =>
      runEventHandler(handler, packet, new InProcessContext([pattern, headers])),
    );
  }

  private async answer(
    handler: MessageHandler,
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
  ): Promise<string | undefined> {
    let reply: unknown;
    try {
      const result: unknown = await handler(
        fromJson(data),
        new InProcessContext([pattern, headers]),
      );
      // With interceptors (or on an error) Nest answers with a stream; its first value is the reply.
      reply = isObservable(result)
        ? await firstValueFrom(result as Observable<unknown>, { defaultValue: undefined })
        : result;
    } catch (error) {
      throw asCallerError(error);
    }
    try {
      return JSON.stringify(reply) as string | undefined;
    } catch (error) {
      this.logger.error({ err: error, pattern }, 'The reply of a message handler is not JSON');
      throw ModuleError.fromWire(toWireError(error));
    }
  }
}

/**
 * A handler's error as its caller receives it: the wire form Nest's error boundary made of it,
 * copied through JSON like a reply, so its details are plain data.
 */
function asCallerError(error: unknown): ModuleError {
  const wire = isWireError(error) ? error : toWireError(error);
  try {
    return ModuleError.fromWire(JSON.parse(JSON.stringify(wire)) as WireError);
  } catch {
    return ModuleError.fromWire(toWireError(undefined)); // details that are not JSON: INTERNAL
  }
}

function fromJson(data: string | undefined): unknown {
  return data === undefined ? undefined : JSON.parse(data);
}

/** The module a pattern belongs to: `payments` for `payments.authorize`. */
function moduleOf(pattern: string): string {
  const dot = pattern.indexOf('.');
  return dot < 0 ? pattern : pattern.slice(0, dot);
}

/**
 * Runs an event handler chain to the end. Throws the handler's error as a ModuleError (the
 * error boundary has already turned it into its wire form), so a failed event is not lost.
 */
export async function runEventHandler(
  handler: MessageHandler,
  packet: MessagePacket,
  context: BaseRpcContext,
): Promise<void> {
  try {
    // Nest's handler runs the handlers chained to it (`next`) itself.
    const result: unknown = await handler(packet.data, context);
    if (isObservable(result)) {
      await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
    }
  } catch (error) {
    throw ModuleError.fromWire(isWireError(error) ? error : toWireError(error));
  }
}
