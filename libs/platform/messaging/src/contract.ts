import type { Type } from '@nestjs/common';

/**
 * How a pattern may be treated by routing and resilience:
 * - `query`: no side effects; safe to retry and to mirror to a remote copy (shadow mode).
 * - `command`: changes state; idempotent per business key, never mirrored.
 */
export type PatternKind = 'query' | 'command';

export interface PatternDefinition<Request = unknown, Response = unknown> {
  readonly kind: PatternKind;
  /** Class validated on the receiving side (class-validator decorators). */
  readonly request: Type<Request>;
  /** Class documenting the reply; replies arrive as plain JSON data of this shape. */
  readonly response: Type<Response>;
}

/** An event class: plain JSON-safe fields plus the static `pattern` it is published under. */
export interface EventClass<Event extends object = object> {
  readonly pattern: string;
  new (...args: never[]): Event;
}

/**
 * A module's public surface: its name, its request/reply patterns and the events it publishes.
 * Another module may depend on this and nothing else of the module.
 */
export interface ModuleContract<
  Name extends string = string,
  Patterns extends Record<string, PatternDefinition> = Record<string, PatternDefinition>,
> {
  readonly module: Name;
  readonly patterns: Patterns;
  readonly events: readonly EventClass[];
}

export type RequestOf<P> = P extends PatternDefinition<infer Request, unknown> ? Request : never;
export type ResponseOf<P> = P extends PatternDefinition<unknown, infer Response> ? Response : never;

export function query<Request, Response>(
  request: Type<Request>,
  response: Type<Response>,
): PatternDefinition<Request, Response> {
  return { kind: 'query', request, response };
}

export function command<Request, Response>(
  request: Type<Request>,
  response: Type<Response>,
): PatternDefinition<Request, Response> {
  return { kind: 'command', request, response };
}

/**
 * Declares a module contract. Pattern names must start with the module name and a dot, so a
 * pattern always tells which module owns it.
 *
 * @example
 * export const Catalog = defineContract({
 *   module: 'catalog',
 *   patterns: { 'catalog.get-products': query(GetProductsRequest, GetProductsResponse) },
 *   events: [ProductDeactivated],
 * });
 */
export function defineContract<
  const Name extends string,
  Patterns extends Record<string, PatternDefinition>,
>(contract: {
  module: Name;
  patterns: Patterns;
  events?: readonly EventClass[];
}): ModuleContract<Name, Patterns> {
  const names = [
    ...Object.keys(contract.patterns),
    ...(contract.events ?? []).map((e) => e.pattern),
  ];
  const foreign = names.filter((name) => !name.startsWith(`${contract.module}.`));
  if (foreign.length > 0) {
    throw new Error(
      `Contract of module "${contract.module}" declares ${foreign.map((n) => `"${n}"`).join(', ')}; ` +
        `every pattern and event must start with "${contract.module}."`,
    );
  }
  return { module: contract.module, patterns: contract.patterns, events: contract.events ?? [] };
}

/** The pattern an event instance is published under (its class's static `pattern`). */
export function eventPatternOf(event: object): string {
  const pattern = (event.constructor as Partial<EventClass>).pattern;
  if (typeof pattern !== 'string') {
    throw new TypeError(
      `${event.constructor.name} has no static "pattern": declare it in a contract`,
    );
  }
  return pattern;
}
