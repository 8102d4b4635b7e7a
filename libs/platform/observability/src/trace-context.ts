import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

/**
 * A W3C Trace Context `traceparent` (version 00): the trace one piece of work belongs to and
 * the span that caused it. Carried in HTTP headers and message attributes so that one order's
 * logs join up across processes; AWS X-Ray accepts the same ids.
 *
 * @example
 * const parent = TraceParent.parse(request.header('traceparent')) ?? TraceParent.newTrace();
 * const outgoing = parent.child().toString(); // same trace id, new span id
 */
export class TraceParent {
  private constructor(
    readonly traceId: string,
    readonly spanId: string,
    readonly flags: string,
  ) {}

  static newTrace(): TraceParent {
    return new TraceParent(randomBytes(16).toString('hex'), newSpanId(), '01');
  }

  /** The header's value when it is a valid version-00 traceparent, else undefined. */
  static parse(value: unknown): TraceParent | undefined {
    if (typeof value !== 'string') return undefined;
    const match = TRACEPARENT.exec(value.trim().toLowerCase());
    if (!match) return undefined;
    const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
    if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
    return new TraceParent(traceId, spanId, flags);
  }

  /** The same trace, one hop further: what to send with an outgoing call or message. */
  child(): TraceParent {
    return new TraceParent(this.traceId, newSpanId(), this.flags);
  }

  toString(): string {
    return `00-${this.traceId}-${this.spanId}-${this.flags}`;
  }
}

function newSpanId(): string {
  let id = randomBytes(8).toString('hex');
  while (ALL_ZERO.test(id)) id = randomBytes(8).toString('hex');
  return id;
}
