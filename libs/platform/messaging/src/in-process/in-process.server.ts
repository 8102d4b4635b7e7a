import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
  type WritePacket,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import { CorrelationContext } from '#platform/observability';
import type { MessagePacket } from '../message-packet.js';
import { SeamTransportServer } from '../seam-transport-server.js';
import { isWireError, ModuleError, toWireError } from '../module-error.js';
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

  request(raw: string, reply: (raw: string) => void): void {
    const packet = JSON.parse(raw) as MessagePacket;
    const respond = (writePacket: WritePacket): void =>
      reply(JSON.stringify({ ...writePacket, id: packet.id }));

    const handler = this.getHandlerByPattern(packet.pattern);
    if (!handler) {
      respond({ err: ModuleError.patternNotFound(packet.pattern).toWire(), isDisposed: true });
      return;
    }
    this.withCorrelation(packet, undefined, () => {
      const context = new InProcessContext([packet.pattern, packet.headers]);
      this.handleRequest(
        context,
        async () => this.transformToObservable(await handler(packet.data, context)),
        respond,
      );
    });
  }

  async event(raw: string): Promise<void> {
    const packet = JSON.parse(raw) as MessagePacket;
    const handler = packet.subscriber
      ? this.eventHandlers.get(packet.pattern, packet.subscriber)
      : undefined;
    if (!handler) return; // that module does not subscribe here: nothing to do
    await this.withCorrelation(packet, packet.subscriber, () =>
      runEventHandler(handler, packet, new InProcessContext([packet.pattern, packet.headers])),
    );
  }

  private withCorrelation<T>(packet: MessagePacket, module: string | undefined, work: () => T): T {
    return CorrelationContext.run(
      {
        correlationId: packet.headers.correlationId,
        module: module ?? packet.pattern.split('.')[0],
        traceparent: packet.headers.traceparent,
      },
      work,
    );
  }
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
