import { afterEach, describe, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { CorrelationContext } from './correlation-context.js';
import { TraceParent } from './trace-context.js';
import { RecentSpans, SpanKind, Tracing, TracingOptions } from './tracing.js';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('Tracing', () => {
  afterEach(async () => {
    await Tracing.shutdown();
    trace.disable();
    context.disable();
  });

  it('is off by default: no span is made, nothing is kept, messages still carry a traceparent', async () => {
    expect(TracingOptions.fromEnv({}).mode).toBe('off');
    expect(await Tracing.start(TracingOptions.fromEnv({}))).toBe('off');
    expect(Tracing.enabled).toBe(false);
    const seen = await Tracing.inSpan('nothing', {}, async (span) => span.isRecording());
    expect(seen).toBe(false);
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(Tracing.recentSpans()).toBeUndefined();
    const outgoing = CorrelationContext.run({ correlationId: 'c', traceparent: INCOMING }, () =>
      CorrelationContext.outgoingTraceparent(),
    );
    expect(TraceParent.parse(outgoing)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('turns on for OTLP from the standard endpoint variable or SEAM_TRACING', () => {
    expect(TracingOptions.fromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).mode).toBe(
      'otlp',
    );
    expect(TracingOptions.fromEnv({ SEAM_TRACING: 'otlp' }).mode).toBe('otlp');
    expect(TracingOptions.fromEnv({ SEAM_TRACING: 'memory' }).mode).toBe('memory');
    expect(
      TracingOptions.fromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_SDK_DISABLED: 'true',
      }).mode,
    ).toBe('off');
    expect(() => TracingOptions.fromEnv({ SEAM_TRACING: 'xray' })).toThrow(/SEAM_TRACING/);
  });

  it('continues a traceparent and keeps finished spans in the ring buffer', async () => {
    const exporter = new InMemorySpanExporter();
    expect(await Tracing.start(TracingOptions.of({ mode: 'memory', exporter }))).toBe('seam');
    const outgoing = await Tracing.inSpan(
      'handle x',
      { kind: SpanKind.SERVER, parent: INCOMING },
      async () => CorrelationContext.outgoingTraceparent(),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(outgoing).toBe(`00-${span?.spanContext().traceId}-${span?.spanContext().spanId}-01`);
    expect(Tracing.recentSpans()?.byTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toEqual([span]);
  });

  it('records the error of work that fails', async () => {
    const exporter = new InMemorySpanExporter();
    await Tracing.start(TracingOptions.of({ mode: 'memory', exporter }));
    await expect(
      Tracing.inSpan('fails', {}, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0]?.status).toMatchObject({ code: 2, message: 'boom' });
  });

  it('traces through the TracerProvider the host application registered', async () => {
    const exporter = new InMemorySpanExporter();
    const host = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(host);

    expect(await Tracing.start(TracingOptions.of({ mode: 'memory' }))).toBe('host');
    await Tracing.inSpan('outer', {}, () => Tracing.inSpan('inner', {}, async () => undefined));

    const [inner, outer] = exporter.getFinishedSpans();
    expect([inner?.name, outer?.name]).toEqual(['inner', 'outer']);
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(Tracing.recentSpans()).toBeUndefined(); // the host's provider: add RecentSpans there
    await host.shutdown();
  });
});

describe('RecentSpans', () => {
  const span = (traceId: string, name: string, start: number) =>
    ({
      name,
      startTime: [start, 0],
      spanContext: () => ({ traceId, spanId: name, traceFlags: 1 }),
    }) as unknown as ReadableSpan;

  it('keeps the most recent spans only, and finds a trace in start order', () => {
    const recent = new RecentSpans(3);
    recent.onEnd(span('a', 'a1', 5));
    recent.onEnd(span('b', 'b1', 1));
    recent.onEnd(span('a', 'a2', 2));
    recent.onEnd(span('a', 'a3', 3));
    expect(recent.all().map((s) => s.name)).toEqual(['b1', 'a2', 'a3']);
    expect(recent.byTraceId('a').map((s) => s.name)).toEqual(['a2', 'a3']);
  });
});
