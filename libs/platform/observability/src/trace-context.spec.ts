import { describe, expect, it } from '@jest/globals';
import { TraceParent } from './trace-context.js';

describe('TraceParent', () => {
  it('reads a valid traceparent and keeps its trace id one hop further', () => {
    const parent = TraceParent.parse('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')!;
    expect(parent.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    const child = parent.child();
    expect(child.traceId).toBe(parent.traceId);
    expect(child.spanId).not.toBe(parent.spanId);
    expect(child.toString()).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
  });

  it.each([
    undefined,
    '',
    'garbage',
    '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
  ])('rejects %p', (value) => {
    expect(TraceParent.parse(value)).toBeUndefined();
  });

  it('starts new traces with distinct ids', () => {
    const a = TraceParent.newTrace();
    const b = TraceParent.newTrace();
    expect(a.traceId).not.toBe(b.traceId);
    expect(TraceParent.parse(a.toString())?.traceId).toBe(a.traceId);
  });

  it('never repeats span ids, also across refills of its random pool', () => {
    const parent = TraceParent.newTrace();
    const spans = Array.from({ length: 2000 }, () => parent.child().spanId);
    expect(new Set(spans).size).toBe(spans.length);
    expect(spans.every((span) => /^[0-9a-f]{16}$/.test(span))).toBe(true);
  });
});
