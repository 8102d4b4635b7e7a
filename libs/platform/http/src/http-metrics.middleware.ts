import { METHOD_METADATA } from '@nestjs/common/constants.js';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '#platform/observability';

/** Where Prometheus scrapes; its own requests are not counted. */
const METRICS_PATH = '/metrics';

/** The label of requests no controller route matched: one series for all of them. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts HTTP requests and times them, labelled by method, route template and status:
 * `http_requests_total` and `http_request_duration_seconds`. The route is the template Express
 * matched (`/orders/:id`), never the URL, so that ids and probes for unknown paths cannot create
 * a series each.
 *
 * @example
 * app.use(httpMetricsMiddleware(app.get(Metrics)));
 */
export function httpMetricsMiddleware(
  metrics: Metrics,
): (request: Request, response: Response, next: NextFunction) => void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = metrics.counter('http_requests_total', 'HTTP requests answered.', labelNames);
  const duration = metrics.histogram(
    'http_request_duration_seconds',
    'Time from receiving an HTTP request to finishing its response.',
    labelNames,
  );
  return (request, response, next) => {
    if (request.path === METRICS_PATH) return next();
    const stop = duration.startTimer();
    response.once('finish', () => {
      const labels = {
        method: request.method,
        route: routeTemplate(request),
        status: String(response.statusCode),
      };
      stop(labels);
      requests.inc(labels);
    });
    next();
  };
}

interface MatchedRoute {
  readonly path: unknown;
  readonly stack: readonly { readonly handle: object }[];
}

function routeTemplate(request: Request): string {
  // Express sets req.route to the last route that matched, and Nest registers middleware
  // (nestjs-pino's, for one) as catch-all routes: only a controller method, which carries Nest's
  // route metadata, makes the template a real route. Read at finish, after routing.
  const route = (request as { route?: MatchedRoute }).route;
  const servedByController = route?.stack.some((layer) =>
    Reflect.hasMetadata(METHOD_METADATA, layer.handle),
  );
  return route && servedByController ? `${request.baseUrl}${String(route.path)}` : UNMATCHED_ROUTE;
}
