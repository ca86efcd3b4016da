import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The newsroom app: built into dist/admin, served at /admin/ by src/site/admin-app.ts. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs for scripts or styles, and no inline polyfill: the server's CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
});
