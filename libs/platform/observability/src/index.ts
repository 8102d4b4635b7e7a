export {
  CorrelationContext,
  isAcceptableCorrelationId,
  type Correlation,
} from './correlation-context.js';
export { LoggingModule } from './logging.module.js';
export { createRootLogger, REDACTED_PATHS, type Logger } from './root-logger.js';
export { TraceParent } from './trace-context.js';
export { Metrics } from './metrics.js';
export { MetricsModule } from './metrics.module.js';
export {
  RecentSpans,
  SpanKind,
  SpanStatusCode,
  traceparentOf,
  Tracing,
  TracingOptions,
  type ReadableSpan,
  type SpanStart,
  type TracingMode,
  type TracingSource,
} from './tracing.js';
