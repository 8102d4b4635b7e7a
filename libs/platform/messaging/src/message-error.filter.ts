import { Logger, type ArgumentsHost } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { DomainError } from '#platform/domain';
import { loggableError } from './loggable-error.js';
import { ModuleError, toWireError } from './module-error.js';

const logger = new Logger('MessageHandler');

/**
 * Turns whatever a message handler threw into a WireError for the caller. Business errors are
 * expected outcomes; anything else is logged here with its stack, and the caller sees INTERNAL.
 */
export function catchMessageError(error: unknown, host: ArgumentsHost): Observable<never> {
  if (!(error instanceof DomainError) && !(error instanceof ModuleError)) {
    const pattern = (
      host.getArgByIndex(1) as { getPattern?: () => string } | undefined
    )?.getPattern?.();
    logger.error({ err: loggableError(error), pattern }, 'Message handler failed unexpectedly');
  }
  return throwError(() => toWireError(error));
}
