/** Metadata every message carries, whatever the transport. */
export interface MessageHeaders {
  /** Unique per message; redeliveries keep it, so subscribers' inboxes can drop duplicates. */
  readonly messageId: string;
  readonly correlationId: string;
  /** Module that sent the message. */
  readonly caller: string;
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
}

/** The data argument the bus hands to a ClientProxy: payload plus headers. */
export class MessageRecord {
  constructor(
    readonly data: unknown,
    readonly headers: MessageHeaders,
  ) {}
}
