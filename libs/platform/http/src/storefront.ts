import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Express, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';
import { StorefrontConfig } from './storefront-config.js';

/**
 * The storefront page's policy: its own scripts, styles and API calls (same origin), fetches to
 * `connectSources` (the OIDC issuer, when it signs in with one) and nothing else; no inline
 * script, no framing.
 */
export function storefrontCsp(connectSources: readonly string[] = []): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    `connect-src ${["'self'", ...connectSources].join(' ')}; frame-ancestors 'none'; ` +
    "base-uri 'none'; form-action 'self'; object-src 'none'"
  );
}

/** The policy of a storefront that fetches from its own origin only (development sign-in). */
export const STOREFRONT_CSP = storefrontCsp();

/**
 * Serves the built storefront (apps/storefront, `vite build` into `dir`) at `/`: files that
 * exist are served, every other path (the API) falls through to the routes. `/config.json` is
 * `config`'s document (how the SPA signs in), never cached. The HTML gets
 * {@link storefrontCsp} (with the issuer's origin when it signs in with OIDC) instead of the
 * API's `default-src 'none'`; hashed assets are cached for good. `/callback` (where the issuer
 * sends the browser back) is the page itself. Call after `setupFrontDoor` (the listener gate and security headers run first) and before
 * `app.init()`. Returns false, serving nothing, when `dir` holds no index.html (not built).
 *
 * @example
 * serveStorefront(app, join(projectRoot(), 'dist/apps/storefront'));
 */
export function serveStorefront(
  app: INestApplication,
  dir: string,
  config: StorefrontConfig = StorefrontConfig.none(),
): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  const csp = storefrontCsp(config.connectSources);
  const express = (app as NestExpressApplication).getHttpAdapter().getInstance() as Express;
  const body = JSON.stringify(config.document);
  express.get(STOREFRONT_CONFIG_PATH, (_request: Request, response: Response) => {
    response.setHeader('Cache-Control', 'no-cache');
    response.type('application/json').send(body);
  });
  express.get(STOREFRONT_CALLBACK_PATH, (_request: Request, response: Response) => {
    response.setHeader('Content-Security-Policy', csp);
    response.setHeader('Cache-Control', 'no-store');
    response.sendFile(join(dir, 'index.html'));
  });
  serveBuiltPage(app, dir, '/', csp);
  return true;
}

/**
 * Serves the built operator console (apps/console, `vite build` into `dir`) at `/console/`,
 * under the development storefront's policy (own origin only). The page holds no data: it asks
 * for an administrator's token and reads everything from the admin API, which refuses anyone
 * else. Returns false, serving nothing, when `dir` holds no index.html (not built).
 *
 * @example
 * serveConsole(app, join(projectRoot(), 'dist/apps/console'));
 */
export function serveConsole(app: INestApplication, dir: string): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  serveBuiltPage(app, dir, '/console', STOREFRONT_CSP);
  // `/console` without the slash: the page's relative asset URLs need the directory form.
  const adapter = app.getHttpAdapter();
  adapter.get('/console', (_request: unknown, response: unknown) =>
    adapter.redirect(response, 308, '/console/'),
  );
  return true;
}

/** Static files of a built page under `prefix`: HTML with `csp`, never cached; hashed assets for good. */
function serveBuiltPage(app: INestApplication, dir: string, prefix: string, csp: string): void {
  (app as NestExpressApplication).useStaticAssets(dir, {
    prefix,
    index: 'index.html',
    redirect: false,
    setHeaders: (response: ServerResponse, path: string) => {
      if (path.endsWith('.html')) {
        response.setHeader('Content-Security-Policy', csp);
        response.setHeader('Cache-Control', 'no-cache');
      } else if (path.startsWith(join(dir, 'assets'))) {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
}

/** Where the SPA reads how to sign in. */
export const STOREFRONT_CONFIG_PATH = '/config.json';
/** Where the OIDC issuer sends the browser back with the authorization code. */
export const STOREFRONT_CALLBACK_PATH = '/callback';
