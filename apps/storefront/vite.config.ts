import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The storefront: `npm run build` bundles it into dist/apps/storefront, which the monolith
 * serves at `/` (libs/platform/http serveStorefront). Same origin as the API: no proxy, no CORS.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/storefront', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: modules: the page's CSP allows the app's own files only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
