import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CorrelationContext, isAcceptableCorrelationId } from '#platform/observability';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Starts the correlation of one HTTP request: the caller's `x-correlation-id` when it is
 * well-formed, else a new one. Echoed in the response and carried by every message the request
 * causes. Registered before anything else so that all later code runs inside it.
 */
export function correlationMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const supplied = request.header(CORRELATION_HEADER);
  const correlationId = isAcceptableCorrelationId(supplied) ? supplied : randomUUID();
  (request as Request & { id: string }).id = correlationId;
  response.setHeader(CORRELATION_HEADER, correlationId);
  CorrelationContext.run({ correlationId, module: 'http' }, next);
}
