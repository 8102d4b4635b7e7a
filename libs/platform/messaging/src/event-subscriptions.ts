import type { Type } from '@nestjs/common';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum.js';
import type { MessageHandler } from '@nestjs/microservices';

// Nest's metadata keys (from @nestjs/microservices/constants); read without instantiating modules.
const PATTERN_METADATA = 'microservices:pattern';
const PATTERN_HANDLER_METADATA = 'microservices:handler_type';
const PATTERN_EXTRAS_METADATA = 'microservices:pattern_extras';

/**
 * The module an `@EventPattern` handler subscribes for, from its extras. Every event handler
 * names it, because in a split deployment each subscribing module gets its own copy of an event
 * on its own queue.
 *
 * @example
 * @EventPattern(OrderConfirmed.pattern, { subscriber: 'notifications' })
 */
export function subscriberOf(pattern: string, extras: Record<string, unknown> | undefined): string {
  const subscriber = extras?.subscriber;
  if (typeof subscriber !== 'string' || subscriber.length === 0) {
    throw new Error(
      `@EventPattern('${pattern}') must name its subscribing module: ` +
        `@EventPattern('${pattern}', { subscriber: '<module>' })`,
    );
  }
  return subscriber;
}

/** A domain module of this build: its name and its Nest module class. */
export interface ModuleEntry {
  readonly name: string;
  readonly module: Type;
}

/**
 * Which modules subscribe to which events, read from the `@EventPattern` handlers of every
 * module in the build. A process needs it to send events to subscribers it does not host.
 */
export class EventSubscriptions {
  private constructor(private readonly subscribers: ReadonlyMap<string, readonly string[]>) {}

  static none(): EventSubscriptions {
    return new EventSubscriptions(new Map());
  }

  static of(modules: readonly ModuleEntry[]): EventSubscriptions {
    const subscribers = new Map<string, string[]>();
    for (const { name, module } of modules) {
      for (const { pattern, subscriber } of eventHandlersOf(module)) {
        if (subscriber !== name)
          throw new Error(
            `An event handler for "${pattern}" in module "${name}" names subscriber "${subscriber}"`,
          );
        const list = subscribers.get(pattern) ?? [];
        if (!list.includes(name)) list.push(name);
        subscribers.set(pattern, list);
      }
    }
    return new EventSubscriptions(subscribers);
  }

  /** From what each module declares it handles. */
  static declared(
    modules: readonly { name: string; patterns: readonly string[] }[],
  ): EventSubscriptions {
    const subscribers = new Map<string, string[]>();
    for (const { name, patterns } of modules)
      for (const pattern of patterns)
        subscribers.set(pattern, [...(subscribers.get(pattern) ?? []), name]);
    return new EventSubscriptions(subscribers);
  }

  subscribersOf(pattern: string): readonly string[] {
    return this.subscribers.get(pattern) ?? [];
  }

  /** Every event pattern `subscriber` handles. */
  patternsOf(subscriber: string): string[] {
    return [...this.subscribers].filter(([, list]) => list.includes(subscriber)).map(([p]) => p);
  }
}

function eventHandlersOf(module: Type): { pattern: string; subscriber: string }[] {
  const controllers = (Reflect.getMetadata('controllers', module) ?? []) as Type[];
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((key) => {
      const method = (controller.prototype as Record<string, unknown>)[key];
      if (typeof method !== 'function') return [];
      if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.EVENT) return [];
      const patterns = (Reflect.getMetadata(PATTERN_METADATA, method) ?? []) as string[];
      const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) as
        Record<string, unknown> | undefined;
      return patterns.map((pattern) => ({ pattern, subscriber: subscriberOf(pattern, extras) }));
    }),
  );
}

/** The event handlers a transport server hosts, by pattern and subscribing module. */
export class SubscriberHandlers {
  private readonly handlers = new Map<string, Map<string, MessageHandler>>();

  add(pattern: string, extras: Record<string, unknown> | undefined, handler: MessageHandler): void {
    const subscriber = subscriberOf(pattern, extras);
    const bySubscriber = this.handlers.get(pattern) ?? new Map<string, MessageHandler>();
    const existing = bySubscriber.get(subscriber);
    if (existing) {
      // Several handlers of one module for one event: Nest's handler runs those chained to it.
      let tail = existing;
      while (tail.next) tail = tail.next;
      tail.next = handler;
    } else {
      bySubscriber.set(subscriber, handler);
    }
    this.handlers.set(pattern, bySubscriber);
  }

  get(pattern: string, subscriber: string): MessageHandler | undefined {
    return this.handlers.get(pattern)?.get(subscriber);
  }

  subscribersOf(pattern: string): string[] {
    return [...(this.handlers.get(pattern)?.keys() ?? [])];
  }
}
