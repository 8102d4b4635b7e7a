export { CorrelationContext, isAcceptableCorrelationId } from './correlation-context.js';
export { LoggingModule } from './logging.module.js';
export { createRootLogger, type Logger } from './root-logger.js';
export { TraceParent } from './trace-context.js';
export { Metrics } from './metrics.js';
export { MetricsModule } from './metrics.module.js';
export { SpanKind, SpanStatusCode, Tracing, type ReadableSpan, type SpanStart } from './tracing.js';
