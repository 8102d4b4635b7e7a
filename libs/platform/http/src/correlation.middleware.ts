import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import {
  CorrelationContext,
  isAcceptableCorrelationId,
  TraceParent,
} from '#platform/observability';

export const CORRELATION_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';

/**
 * Starts the correlation of one HTTP request: the caller's `x-correlation-id` when it is
 * well-formed, else a new one. Echoed in the response and carried by every message the request
 * causes. The caller's W3C `traceparent` joins the request to its trace (else a new trace
 * starts); every message the request sends carries a child of it. Registered before anything
 * else so that all later code runs inside it.
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
  const trace = TraceParent.parse(request.header(TRACEPARENT_HEADER)) ?? TraceParent.newTrace();
  CorrelationContext.run({ correlationId, module: 'http', traceparent: trace.toString() }, next);
}
