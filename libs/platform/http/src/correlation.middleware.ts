import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import {
  CorrelationContext,
  isAcceptableCorrelationId,
  SpanKind,
  TraceParent,
  Tracing,
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
  if (Tracing.enabled) {
    tracedRequest(request, response, correlationId, next);
    return;
  }
  const trace = TraceParent.parse(request.header(TRACEPARENT_HEADER)) ?? TraceParent.newTrace();
  CorrelationContext.run({ correlationId, module: 'http', traceparent: trace.toString() }, next);
}

/**
 * With tracing on, the request's span is the http instrumentation's; where that is not loaded
 * (no preload, or under Jest) a SERVER span of our own, named by the route once it is known.
 */
function tracedRequest(
  request: Request,
  response: Response,
  correlationId: string,
  next: NextFunction,
): void {
  const instrumented = Tracing.activeTraceparent();
  if (instrumented) {
    CorrelationContext.run({ correlationId, module: 'http', traceparent: instrumented }, next);
    return;
  }
  void Tracing.inSpan(
    `${request.method} ${request.path}`,
    {
      kind: SpanKind.SERVER,
      parent: request.header(TRACEPARENT_HEADER),
      attributes: { 'http.request.method': request.method, 'url.path': request.path },
    },
    (span) =>
      new Promise<void>((resolve) => {
        response.once('close', () => {
          const route = (request.route as { path?: string } | undefined)?.path;
          if (route) span.updateName(`${request.method} ${request.baseUrl}${route}`);
          if (route) span.setAttribute('http.route', `${request.baseUrl}${route}`);
          span.setAttribute('http.response.status_code', response.statusCode);
          resolve();
        });
        CorrelationContext.run(
          { correlationId, module: 'http', traceparent: Tracing.activeTraceparent() },
          next,
        );
      }),
  );
}
