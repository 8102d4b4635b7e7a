import {
  context,
  isSpanContextValid,
  propagation,
  ProxyTracerProvider,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
// The SDK is loaded only when Seam makes its own spans: a process that does not trace (the
// default) never loads it (about 110 ms of start-up with the OTLP exporter).
import type {
  BasicTracerProvider,
  ReadableSpan,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { TraceParent } from './trace-context.js';

export { SpanKind, SpanStatusCode } from '@opentelemetry/api';
export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** `off` (the default), `memory` (recent spans only) or `otlp` (recent spans, and export). */
export type TracingMode = 'off' | 'memory' | 'otlp';

const MODES: readonly TracingMode[] = ['off', 'memory', 'otlp'];

/**
 * How this process traces. Off unless `SEAM_TRACING` says otherwise or the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) names a collector.
 *
 * @example
 * TracingOptions.fromEnv({ SEAM_TRACING: 'otlp' }).mode; // 'otlp'
 */
export class TracingOptions {
  private constructor(
    readonly mode: TracingMode,
    readonly service: string,
    /** Finished spans kept in memory for the operator console. */
    readonly recentSpans: number,
    /** Tests: where finished spans go besides the ring buffer (instead of OTLP). */
    readonly exporter?: SpanExporter,
  ) {}

  static defaults(): TracingOptions {
    return new TracingOptions('off', 'seam', 5000);
  }

  static of(
    options: Partial<Pick<TracingOptions, 'mode' | 'service' | 'recentSpans' | 'exporter'>>,
  ): TracingOptions {
    const d = TracingOptions.defaults();
    return new TracingOptions(
      options.mode ?? d.mode,
      options.service ?? d.service,
      options.recentSpans ?? d.recentSpans,
      options.exporter,
    );
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): TracingOptions {
    const named = env.SEAM_TRACING?.trim().toLowerCase();
    if (named && !MODES.includes(named as TracingMode)) {
      throw new Error(`SEAM_TRACING must be one of ${MODES.join(', ')}; got "${env.SEAM_TRACING}"`);
    }
    const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const mode: TracingMode =
      env.OTEL_SDK_DISABLED === 'true'
        ? 'off'
        : ((named as TracingMode) ?? (endpoint ? 'otlp' : 'off'));
    const recent = Number(env.SEAM_TRACING_RECENT_SPANS ?? 5000);
    if (!Number.isInteger(recent) || recent < 1) {
      throw new Error(
        `SEAM_TRACING_RECENT_SPANS must be a positive integer; got "${env.SEAM_TRACING_RECENT_SPANS}"`,
      );
    }
    return TracingOptions.of({
      mode,
      service: env.OTEL_SERVICE_NAME ?? 'seam',
      recentSpans: recent,
    });
  }
}

/**
 * The most recent finished spans of this process, in a fixed-size ring: what an operator
 * console shows for one order without a tracing backend. A SpanProcessor, so a host that brings
 * its own TracerProvider can add it there.
 *
 * @example
 * const spans = Tracing.recentSpans()?.byTraceId(traceId) ?? [];
 */
export class RecentSpans implements SpanProcessor {
  private readonly ring: (ReadableSpan | undefined)[];
  private next = 0;

  constructor(readonly capacity = 5000) {
    this.ring = new Array<ReadableSpan | undefined>(capacity);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.ring[this.next] = span;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Every kept span, oldest first. */
  all(): ReadableSpan[] {
    const spans: ReadableSpan[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const span = this.ring[(this.next + i) % this.capacity];
      if (span) spans.push(span);
    }
    return spans;
  }

  /** The kept spans of one trace, by start time. */
  byTraceId(traceId: string): ReadableSpan[] {
    return this.all()
      .filter((span) => span.spanContext().traceId === traceId)
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Who provides spans: nobody (off), Seam's own provider, or the host application's. */
export type TracingSource = 'off' | 'seam' | 'host';

let tracer: Tracer | undefined;
let source: TracingSource = 'off';
let recent: RecentSpans | undefined;
let provider: BasicTracerProvider | undefined;
let started: Promise<TracingSource> | undefined;

/**
 * OpenTelemetry tracing for the process. Off by default: then no span is ever made, the SDK is
 * not even loaded, and every hook below is a single `undefined` check. When the host application
 * has registered a global TracerProvider already, Seam traces through that one and makes none of
 * its own.
 *
 * @example
 * await Tracing.start(TracingOptions.fromEnv()); // once, before the application is built
 * await Tracing.inSpan('outbox deliver x', { kind: SpanKind.PRODUCER }, () => work());
 */
export const Tracing = {
  /** True when spans are made. */
  get enabled(): boolean {
    return tracer !== undefined;
  },

  get source(): TracingSource {
    return source;
  },

  /** Starts tracing as `options` say (idempotent: the first call that starts it wins). */
  start(options: TracingOptions = TracingOptions.fromEnv()): Promise<TracingSource> {
    if (!started) {
      if (hostProviderRegistered()) {
        tracer = trace.getTracer('seam');
        source = 'host';
        started = Promise.resolve(source);
      } else if (options.mode !== 'off')
        // A start that failed (an SDK that would not load) may be tried again.
        started = startOwnProvider(options).catch((error: unknown) => {
          started = undefined;
          throw error;
        });
    }
    return started ?? Promise.resolve(source);
  },

  /** Flushes and stops Seam's own provider; tracing is off afterwards (tests start it again). */
  async shutdown(): Promise<void> {
    await started?.catch(() => undefined);
    const own = provider;
    if (own) {
      await own.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    }
    tracer = undefined;
    provider = undefined;
    recent = undefined;
    source = 'off';
    // Last: a start meanwhile still finds Seam's provider registered and waits for this one.
    started = undefined;
  },

  /** The ring buffer of finished spans, when Seam owns the provider. */
  recentSpans(): RecentSpans | undefined {
    return recent;
  },

  /**
   * Runs `work` in a new span, ended (with its error recorded) when what `work` returns settles.
   * `parent` is a traceparent the span continues (a message's, a stored row's); else the active
   * span is the parent. Off: runs `work` as it is.
   */
  inSpan<T>(name: string, options: SpanStart, work: (span: Span) => T): T {
    const active = tracer;
    if (!active) return work(NOT_TRACED);
    const parent = 'parent' in options ? contextOf(options.parent) : context.active();
    const span = active.startSpan(
      name,
      { kind: options.kind, attributes: options.attributes, links: options.links },
      parent,
    );
    return context.with(trace.setSpan(parent, span), () => {
      let result: T;
      try {
        result = work(span);
      } catch (error) {
        fail(span, error);
        span.end();
        throw error;
      }
      if (!isThenable(result)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          fail(span, error);
          span.end();
          throw error;
        },
      ) as T;
    });
  },

  /** The active span as a traceparent, when tracing is on and a span is active. */
  activeTraceparent(): string | undefined {
    if (!tracer) return undefined;
    const span = trace.getActiveSpan();
    return span ? traceparentOf(span.spanContext()) : undefined;
  },

  /** A span link to the span a traceparent names, if it is valid. */
  linkTo(traceparent: string | undefined, attributes?: Attributes): Link | undefined {
    const spanContext = spanContextOf(traceparent);
    return spanContext ? { context: spanContext, attributes } : undefined;
  },
};

/** Seam's own provider: recent spans in memory, and exported when the options say so. */
async function startOwnProvider(options: TracingOptions): Promise<TracingSource> {
  const [
    sdk,
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    resources,
    names,
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const own = new RecentSpans(options.recentSpans);
  const processors: SpanProcessor[] = [own];
  if (options.exporter) processors.push(new sdk.SimpleSpanProcessor(options.exporter));
  else if (options.mode === 'otlp') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new sdk.BatchSpanProcessor(new OTLPTraceExporter()));
  }
  provider = new sdk.BasicTracerProvider({
    resource: resources.resourceFromAttributes({ [names.ATTR_SERVICE_NAME]: options.service }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  recent = own;
  tracer = provider.getTracer('seam');
  source = 'seam';
  return source;
}

/** How to start a span: its kind, attributes, links, and the traceparent it continues. */
export interface SpanStart {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  readonly links?: Link[];
  /** Continue this traceparent instead of the active span (present but undefined or invalid: a new trace). */
  readonly parent?: string | undefined;
}

/** The span `work` gets when tracing is off; all of its methods do nothing. */
const NOT_TRACED: Span = trace.wrapSpanContext({
  traceId: '00000000000000000000000000000000',
  spanId: '0000000000000000',
  traceFlags: TraceFlags.NONE,
});

/** W3C traceparent of a span context. */
export function traceparentOf(spanContext: SpanContext): string | undefined {
  if (!isSpanContextValid(spanContext)) return undefined;
  const flags = spanContext.traceFlags & TraceFlags.SAMPLED ? '01' : '00';
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const parsed = TraceParent.parse(traceparent);
  if (!parsed) return undefined;
  return {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceFlags: parsed.flags === '00' ? TraceFlags.NONE : TraceFlags.SAMPLED,
    isRemote: true,
  };
}

/** The context whose parent is the span a traceparent names (none: a new trace). */
function contextOf(traceparent: string | undefined): Context {
  const spanContext = spanContextOf(traceparent);
  return spanContext ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Whether the host application registered a global TracerProvider before Seam started. */
function hostProviderRegistered(): boolean {
  const global = trace.getTracerProvider();
  return global instanceof ProxyTracerProvider
    ? global.getDelegateTracer('seam') !== undefined
    : true;
}
