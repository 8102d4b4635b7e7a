import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_HEADER } from './correlation.middleware.js';
import type { HttpOptions } from './http-options.js';
import { OPENAPI_UI_PATH } from './openapi.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

/**
 * Which listener a request came through. The admin listener (SEAM_ADMIN_PORT, or the only one
 * of a worker) serves health, metrics and docs only; the public one serves the API, and
 * metrics and docs only while there is no admin listener (local development).
 */
export class ListenerLayout {
  /** True when health, metrics and docs are served by an admin listener, not the public one. */
  separateAdmin = false;
  /** True when the only listener is the admin one (a worker serves no API). */
  adminOnly = false;
  /** The bound port of the admin listener, once listening. */
  adminPort: number | undefined;

  isAdmin(request: Request): boolean {
    return this.adminOnly || request.socket.localPort === this.adminPort;
  }
}

const ADMIN_PATHS = ['/health', '/metrics', `/${OPENAPI_UI_PATH}`];
const DOCS_PATH = `/${OPENAPI_UI_PATH}`;

/** `/docs` and `/docs/...` but not `/docsfoo`. */
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * Hardens the Express app behind a Seam front door: trust proxy hops, no `X-Powered-By`,
 * security headers, CORS only for the allowed origins, and the listener split. Call before
 * `app.init()` (middleware registered later would run after the routes).
 */
export function setupFrontDoor(app: INestApplication, options: HttpOptions): ListenerLayout {
  const express = app as NestExpressApplication;
  // A number: the client is that many hops from the right of X-Forwarded-For (ALB = 1).
  express.set('trust proxy', options.trustProxyHops);
  express.disable('x-powered-by');
  const layout = new ListenerLayout();
  express.use(listenerGate(layout));
  express.use(securityHeaders);
  if (options.corsOrigins.length > 0) {
    express.enableCors({
      origin: [...options.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', CORRELATION_HEADER, 'traceparent'],
      exposedHeaders: ['Retry-After', 'Location', CORRELATION_HEADER],
      credentials: false,
      maxAge: 600,
    });
  }
  return layout;
}

function listenerGate(layout: ListenerLayout) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const path = request.path;
    const adminPath = ADMIN_PATHS.some((prefix) => under(path, prefix));
    const allowed = layout.isAdmin(request)
      ? adminPath
      : !layout.separateAdmin || !adminPath || under(path, '/health');
    if (allowed) return next();
    response
      .status(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: 'urn:seam:problem:not-found',
          title: 'Not Found',
          status: 404,
          detail: `Cannot ${request.method} ${path}`,
          code: 'NOT_FOUND',
        }),
      );
  };
}

/** What helmet would send for a JSON API, plus a CSP loose enough for Swagger UI under /docs. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'Content-Security-Policy',
    under(request.path, DOCS_PATH) ? DOCS_CSP : API_CSP,
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  // Only over TLS (behind the ALB: X-Forwarded-Proto, honoured through trust proxy).
  if (request.secure)
    response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}
