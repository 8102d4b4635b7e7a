import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';

/**
 * The storefront page's policy: its own scripts, styles and API calls (same origin) and nothing
 * else; no inline script, no framing.
 */
export const STOREFRONT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * Serves the built storefront (apps/storefront, `vite build` into `dir`) at `/`: files that
 * exist are served, every other path (the API) falls through to the routes. The HTML gets
 * {@link STOREFRONT_CSP} instead of the API's `default-src 'none'`; hashed assets are cached for
 * good. Call after `setupFrontDoor` (the listener gate and security headers run first) and before
 * `app.init()`. Returns false, serving nothing, when `dir` holds no index.html (not built).
 *
 * @example
 * serveStorefront(app, join(projectRoot(), 'dist/apps/storefront'));
 */
export function serveStorefront(app: INestApplication, dir: string): boolean {
  return serveBuiltPage(app, dir, '/');
}

/**
 * Serves the built operator console (apps/console, `vite build` into `dir`) at `/console/`,
 * under the same policy as the storefront. The page holds no data: it asks for an
 * administrator's token and reads everything from the admin API, which refuses anyone else.
 * Returns false, serving nothing, when `dir` holds no index.html (not built).
 *
 * @example
 * serveConsole(app, join(projectRoot(), 'dist/apps/console'));
 */
export function serveConsole(app: INestApplication, dir: string): boolean {
  const served = serveBuiltPage(app, dir, '/console');
  // `/console` without the slash: the page's relative asset URLs need the directory form.
  if (served) {
    const adapter = app.getHttpAdapter();
    adapter.get('/console', (_request: unknown, response: unknown) =>
      adapter.redirect(response, 308, '/console/'),
    );
  }
  return served;
}

function serveBuiltPage(app: INestApplication, dir: string, prefix: string): boolean {
  if (!existsSync(join(dir, 'index.html'))) return false;
  (app as NestExpressApplication).useStaticAssets(dir, {
    prefix,
    index: 'index.html',
    redirect: false,
    setHeaders: (response: ServerResponse, path: string) => {
      if (path.endsWith('.html')) {
        response.setHeader('Content-Security-Policy', STOREFRONT_CSP);
        response.setHeader('Cache-Control', 'no-cache');
      } else if (path.startsWith(join(dir, 'assets'))) {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  return true;
}
