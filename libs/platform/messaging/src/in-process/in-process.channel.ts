import { Injectable } from '@nestjs/common';
import { ModuleError } from '../module-error.js';

/** The receiving end of the channel: the in-process transport server. */
export interface InProcessReceiver {
  /** Handles one serialised request; calls `reply` with each serialised WritePacket. */
  request(raw: string, reply: (raw: string) => void): void;
  /** Handles one serialised event copy; settles when its subscriber's handlers have finished. */
  event(raw: string): Promise<void>;
  /** The modules hosted here that subscribe to `pattern`. */
  subscribersOf(pattern: string): readonly string[];
}

/**
 * The in-memory "wire" between the bus's client and the transport server. It carries only
 * strings, so nothing but JSON crosses a module boundary, exactly as over a queue.
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

  request(raw: string, reply: (raw: string) => void): void {
    this.requireReceiver(raw).request(raw, reply);
  }

  event(raw: string): Promise<void> {
    return this.requireReceiver(raw).event(raw);
  }

  subscribersOf(pattern: string): readonly string[] {
    return this.receiver?.subscribersOf(pattern) ?? [];
  }

  private requireReceiver(raw: string): InProcessReceiver {
    if (!this.receiver) {
      const { pattern } = JSON.parse(raw) as { pattern: string };
      // Before start-up finished or after shutdown began: nobody is listening in this process.
      throw ModuleError.patternNotFound(pattern);
    }
    return this.receiver;
  }
}
