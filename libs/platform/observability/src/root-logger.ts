import { pino, type Logger } from 'pino';
import { CorrelationContext } from './correlation-context.js';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'databaseUrl',
  '*.databaseUrl',
];

/**
 * The process's one structured JSON logger. Every line carries the correlation id of the work
 * that wrote it, so one request's lines can be joined across modules.
 *
 * @example
 * const log = createRootLogger({ level: 'info', service: 'monolith' });
 * log.child({ component: 'EmbeddedPostgres' }).info({ port }, 'PostgreSQL started');
 */
export function createRootLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Request loggers made by pino-http already bind correlationId; don't write it twice.
    mixin: (_object, _level, logger) => {
      const correlation = CorrelationContext.current();
      if (!correlation || 'correlationId' in logger.bindings()) return {};
      return { ...correlation };
    },
  });
}
