import { Injectable } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { toMessagePacket } from '../message-packet.js';
import { isWireError, ModuleError } from '../module-error.js';
import { InProcessChannel } from './in-process.channel.js';

/**
 * Nest ClientProxy that talks to the in-process transport server through the channel,
 * serialising every request and reply to JSON on the way.
 */
@Injectable()
export class InProcessClient extends ClientProxy {
  constructor(private readonly channel: InProcessChannel) {
    super();
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  unwrap<T>(): T {
    return this.channel as T;
  }

  /** The modules hosted in this process that subscribe to `pattern`. */
  subscribersOf(pattern: string): readonly string[] {
    return this.channel.subscribersOf(pattern);
  }

  /** As ClientProxy.send, without its per-call `connect()` step: in process there is nothing to connect. */
  override send<Result = unknown, Input = unknown>(
    pattern: string,
    data: Input,
  ): Observable<Result> {
    return new Observable<Result>((observer) =>
      this.publish(this.createPacket(pattern, data), this.createObserver(observer)),
    );
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const wire = toMessagePacket(this.assignPacketId(packet));
    try {
      this.channel.request(JSON.stringify(wire), (raw) => {
        const reply = JSON.parse(raw) as WritePacket;
        callback(
          reply.err && isWireError(reply.err)
            ? { ...reply, err: ModuleError.fromWire(reply.err) }
            : reply,
        );
      });
    } catch (error) {
      callback({ err: error, isDisposed: true });
    }
    // In process there is nothing to cancel when the caller unsubscribes (e.g. on timeout).
    return () => undefined;
  }

  protected async dispatchEvent<T = undefined>(packet: ReadPacket): Promise<T> {
    await this.channel.event(JSON.stringify(toMessagePacket(packet)));
    return undefined as T;
  }
}
