import { Logger } from '@nestjs/common';
import {
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
  type WritePacket,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import { CorrelationContext } from '#platform/observability';
import type { MessagePacket } from '../message-packet.js';
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
  extends Server
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
   * Seam patterns are plain strings. Nest's lookup first tries `JSON.parse` on every pattern and
   * catches the exception, which was the largest single cost of an in-process call.
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    return this.messageHandlers.get(pattern) ?? null;
  }

  request(raw: string, reply: (raw: string) => void): void {
    const packet = JSON.parse(raw) as MessagePacket;
    const respond = (writePacket: WritePacket): void =>
      reply(JSON.stringify({ ...writePacket, id: packet.id }));

    const handler = this.getHandlerByPattern(packet.pattern);
    if (!handler || handler.isEventHandler) {
      respond({ err: ModuleError.patternNotFound(packet.pattern).toWire(), isDisposed: true });
      return;
    }
    this.withCorrelation(packet, () => {
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
    const handler = this.getHandlerByPattern(packet.pattern);
    if (!handler) return; // no module in this process subscribes: nothing to do
    await this.withCorrelation(packet, async () => {
      const context = new InProcessContext([packet.pattern, packet.headers]);
      try {
        const result: unknown = await handler(packet.data, context);
        if (isObservable(result)) {
          await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
        }
      } catch (error) {
        // The error boundary has already turned handler errors into their wire form.
        throw ModuleError.fromWire(isWireError(error) ? error : toWireError(error));
      }
    });
  }

  private withCorrelation<T>(packet: MessagePacket, work: () => T): T {
    const module = packet.pattern.split('.')[0];
    return CorrelationContext.run({ correlationId: packet.headers.correlationId, module }, work);
  }
}
