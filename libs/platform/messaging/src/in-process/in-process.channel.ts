import { Injectable } from '@nestjs/common';
import type { MessageHeaders } from '../message-packet.js';
import { ModuleError } from '../module-error.js';

/** The receiving end of the channel: the in-process transport server. */
export interface InProcessReceiver {
  /**
   * Runs the request handler of `pattern` on `data` (JSON text; undefined for no payload).
   * Resolves with the reply as JSON text, or rejects with a ModuleError.
   */
  request(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
  ): Promise<string | undefined>;
  /** Runs one subscriber's handlers of an event; settles when they have finished. */
  event(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
    subscriber: string,
  ): Promise<void>;
  /** The modules hosted here that subscribe to `pattern`. */
  subscribersOf(pattern: string): readonly string[];
}

/**
 * The in-memory "wire" between the bus's client and the transport server. Payloads and replies
 * cross it as JSON text, so nothing but JSON crosses a module boundary, exactly as over a queue;
 * the headers (strings only) cross as a copy.
 */
@Injectable()
export class InProcessChannel {
  private receiver: InProcessReceiver | undefined;

  attach(receiver: InProcessReceiver): void {
    this.receiver = receiver;
  }

  detach(): void {
    this.receiver = undefined;
  }

  request(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
  ): Promise<string | undefined> {
    if (!this.receiver) return notListening(pattern);
    return this.receiver.request(pattern, data, { ...headers });
  }

  event(
    pattern: string,
    data: string | undefined,
    headers: MessageHeaders,
    subscriber: string,
  ): Promise<void> {
    if (!this.receiver) return notListening(pattern);
    return this.receiver.event(pattern, data, { ...headers }, subscriber);
  }

  subscribersOf(pattern: string): readonly string[] {
    return this.receiver?.subscribersOf(pattern) ?? [];
  }
}

/** Before start-up finished or after shutdown began: nobody is listening in this process. */
function notListening(pattern: string): Promise<never> {
  return Promise.reject(ModuleError.patternNotFound(pattern));
}
