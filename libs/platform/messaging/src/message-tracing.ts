import { CorrelationContext, SpanKind, Tracing } from '#platform/observability';
import type { MessageHeaders } from './message-packet.js';

/**
 * Runs the handling of a received message under its correlation and, with tracing on, in a
 * SERVER (request) or CONSUMER (event) span that continues the sender's `traceparent`. Every
 * transport's receiving side calls it, so a trace crosses the bus whatever carries it.
 *
 * @example
 * return handleWithin(headers, 'payments', 'payments.authorize', 'request', () => handler(data));
 */
export function handleWithin<T>(
  headers: MessageHeaders,
  module: string | undefined,
  pattern: string,
  kind: 'request' | 'event',
  work: () => T,
): T {
  if (!Tracing.enabled) {
    return CorrelationContext.run(
      { correlationId: headers.correlationId, module, traceparent: headers.traceparent },
      work,
    );
  }
  return Tracing.inSpan(
    `${kind === 'request' ? 'handle' : 'process'} ${pattern}`,
    {
      kind: kind === 'request' ? SpanKind.SERVER : SpanKind.CONSUMER,
      parent: headers.traceparent,
      attributes: {
        'seam.module': module ?? '',
        'seam.caller': headers.caller,
        'seam.correlation_id': headers.correlationId,
        'messaging.message.id': headers.messageId,
      },
    },
    () =>
      CorrelationContext.run(
        {
          correlationId: headers.correlationId,
          module,
          traceparent: Tracing.activeTraceparent(),
        },
        work,
      ),
  );
}
