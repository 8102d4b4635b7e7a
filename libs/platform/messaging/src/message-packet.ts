import type { ReadPacket } from '@nestjs/microservices';

/** Metadata every message carries, whatever the transport. */
export interface MessageHeaders {
  /** Unique per message; redeliveries keep it, so subscribers' inboxes can drop duplicates. */
  readonly messageId: string;
  readonly correlationId: string;
  /** Module that sent the message. */
  readonly caller: string;
  /** W3C trace context of the sending side, so traces join up across processes. */
  readonly traceparent?: string;
  /** Events: the aggregate the event is about (FIFO queues keep each aggregate's events in order). */
  readonly aggregateId?: string;
}

/**
 * What travels on the wire: Nest's ReadPacket (`pattern`, `data`, `id` for requests) plus
 * headers. Only JSON crosses, so what works in process works over a queue.
 */
export interface MessagePacket {
  readonly id?: string;
  readonly pattern: string;
  readonly data: unknown;
  readonly headers: MessageHeaders;
  /** For events: the subscribing module whose handlers this copy is for. */
  readonly subscriber?: string;
}

/** The data argument the bus hands to a ClientProxy: payload plus headers. */
export class MessageRecord {
  constructor(
    readonly data: unknown,
    readonly headers: MessageHeaders,
    /** For events: the subscribing module this copy is delivered to. */
    readonly subscriber?: string,
  ) {}

  /** The copy of an event for one subscribing module. */
  for(subscriber: string): MessageRecord {
    return new MessageRecord(this.data, this.headers, subscriber);
  }
}

/** What a ClientProxy hands a transport, as it goes on the wire; only the ModuleBus sends. */
export function toMessagePacket(packet: ReadPacket & { id?: string }): MessagePacket {
  if (!(packet.data instanceof MessageRecord)) {
    throw new TypeError(
      `Message to "${String(packet.pattern)}" must be sent through the ModuleBus`,
    );
  }
  return {
    id: packet.id,
    pattern: String(packet.pattern),
    data: packet.data.data,
    headers: packet.data.headers,
    ...(packet.data.subscriber ? { subscriber: packet.data.subscriber } : {}),
  };
}
