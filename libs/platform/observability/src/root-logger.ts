import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { CorrelationContext } from './correlation-context.js';
import { TraceParent } from './trace-context.js';
import { Tracing } from './tracing.js';

export type { Logger } from 'pino';

/**
 * Field names that hold credentials: never logged, at the top level or up to two levels down
 * (`req.headers.authorization` included). Log a secret's name as `secretName`.
 */
const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'cookie',
  'SecretString',
  'connectionString',
  'databaseUrl',
];

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'req.headers["x-amz-security-token"]',
];

/**
 * The process's one structured JSON logger. Every line carries the correlation id of the work
 * that wrote it, so one request's lines can be joined across modules.
 *
 * @example
 * const log = createRootLogger({ level: 'info', service: 'monolith' });
 * log.child({ component: 'EmbeddedPostgres' }).info({ port }, 'PostgreSQL started');
 */
export function createRootLogger(
  options: { level: string; service: string },
  /** Where lines go; default stdout. Tests pass a stream to read what would be written. */
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Request loggers made by pino-http already bind correlationId; don't write it twice.
    // trace_id and span_id: the active span's when tracing is on, else the message's traceparent.
    mixin: (_object, _level, logger) => {
      const correlation = CorrelationContext.current();
      const ids = TraceParent.parse(Tracing.activeTraceparent() ?? correlation?.traceparent);
      const trace = ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
      if (!correlation || 'correlationId' in logger.bindings()) return trace;
      const { correlationId, module } = correlation;
      return module === undefined
        ? { correlationId, ...trace }
        : { correlationId, module, ...trace };
    },
  };
  return destination ? pino(settings, destination) : pino(settings);
}
