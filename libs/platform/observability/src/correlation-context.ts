import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { TraceParent } from './trace-context.js';
import { Tracing } from './tracing.js';

export interface Correlation {
  /** Joins every log line and message caused by one outside request. */
  readonly correlationId: string;
  /** The module whose code is running, or `http` at the front door. */
  readonly module?: string;
  /** W3C trace context of the work in progress (see TraceParent). */
  readonly traceparent?: string;
}

const storage = new AsyncLocalStorage<Correlation>();

/**
 * The correlation of the work in progress, carried through async calls. The front door starts
 * one per request; transports restore it from message metadata on the receiving side.
 *
 * @example
 * CorrelationContext.run({ correlationId: 'abc' }, () => handle());
 * CorrelationContext.current()?.correlationId; // 'abc' inside handle()
 */
export const CorrelationContext = {
  run<T>(correlation: Correlation, work: () => T): T {
    return storage.run(correlation, work);
  },

  current(): Correlation | undefined {
    return storage.getStore();
  },

  /**
   * The traceparent to send with an outgoing message: the active span's when tracing is on,
   * else a child of the current one, or the start of a new trace outside any request.
   */
  outgoingTraceparent(): string {
    const traced = Tracing.activeTraceparent();
    if (traced) return traced;
    const current = TraceParent.parse(storage.getStore()?.traceparent);
    return (current?.child() ?? TraceParent.newTrace()).toString();
  },

  /** The current correlation id, or a new one when work starts outside any request. */
  idOrNew(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
};

/** Accepts a caller-supplied correlation id only if it is short and printable. */
export function isAcceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value);
}
