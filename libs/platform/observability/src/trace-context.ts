import { randomFillSync } from 'node:crypto';

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
    return new TraceParent(randomHex(16), newSpanId(), '01');
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
  let id = randomHex(8);
  while (ALL_ZERO.test(id)) id = randomHex(8);
  return id;
}

// Ids are drawn from a pool of random bytes refilled 4 KiB at a time, as crypto.randomUUID does:
// one randomBytes() call per id cost more than the rest of an in-process module call.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** `bytes` cryptographically random bytes, as lowercase hex. */
function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.toString('hex', poolOffset - bytes, poolOffset);
}
