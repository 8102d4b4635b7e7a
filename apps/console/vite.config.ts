import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The operator console: `npm run build` bundles it into dist/apps/console, which the monolith
 * serves at `/console` (libs/platform/http serveConsole). Every datum comes from the admin API,
 * so the page shows nothing without an administrator's token.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: modules: the page's CSP allows the app's own files only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
