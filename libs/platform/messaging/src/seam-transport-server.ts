import { Server, type MessageHandler } from '@nestjs/microservices';
import { SubscriberHandlers } from './event-subscriptions.js';

/**
 * What Seam's transport servers share: request handlers looked up by plain string, and event
 * handlers kept per subscribing module (each module's copy of an event runs only its handlers).
 */
export abstract class SeamTransportServer extends Server {
  protected readonly eventHandlers = new SubscriberHandlers();

  override addHandler(
    pattern: string,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    if (isEventHandler) this.eventHandlers.add(pattern, extras, callback);
    else super.addHandler(pattern, callback, isEventHandler, extras);
  }

  /**
   * Seam patterns are plain strings. Nest's lookup first tries `JSON.parse` on every pattern and
   * catches the exception, which was the largest single cost of an in-process call.
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    return this.messageHandlers.get(pattern) ?? null;
  }

  /** The modules served here that subscribe to `pattern`. */
  subscribersOf(pattern: string): readonly string[] {
    return this.eventHandlers.subscribersOf(pattern);
  }
}
