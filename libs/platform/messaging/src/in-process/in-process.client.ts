import { Injectable } from '@nestjs/common';
import type { MessageRecord } from '../message-packet.js';
import { ModuleError } from '../module-error.js';
import { CallDeadlines } from './call-deadlines.js';
import { InProcessChannel } from './in-process.channel.js';

/**
 * The bus's side of the in-process transport: serialises the payload to JSON, hands it through
 * the channel to the module's handler, waits for the reply within the call's deadline and
 * parses it, so the callee never holds the caller's objects nor the caller the callee's.
 *
 * @example
 * const reply = await client.request('catalog.get-products', record, 5000);
 */
@Injectable()
export class InProcessClient {
  private readonly deadlines = new CallDeadlines();

  constructor(private readonly channel: InProcessChannel) {}

  /** Request/reply; rejects with the handler's error as a ModuleError, or MODULE_TIMEOUT. */
  async request(pattern: string, record: MessageRecord, timeoutMs: number): Promise<unknown> {
    const reply = await this.deadlines.within(
      this.channel.request(pattern, toJson(record.data), record.headers),
      timeoutMs,
      () => ModuleError.timeout(pattern, timeoutMs),
    );
    return reply === undefined ? undefined : JSON.parse(reply);
  }

  /** Delivers an event copy to its subscriber (`record.subscriber`); settles when it is handled. */
  async emit(pattern: string, record: MessageRecord): Promise<void> {
    if (!record.subscriber) throw new TypeError(`Event "${pattern}" names no subscriber`);
    await this.channel.event(pattern, toJson(record.data), record.headers, record.subscriber);
  }

  /** The modules hosted in this process that subscribe to `pattern`. */
  subscribersOf(pattern: string): readonly string[] {
    return this.channel.subscribersOf(pattern);
  }
}

/** JSON text of a payload; undefined stays undefined (no payload), as over a queue. */
function toJson(data: unknown): string | undefined {
  return JSON.stringify(data) as string | undefined;
}
