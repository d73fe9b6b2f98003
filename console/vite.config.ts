import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The console and the GraphiQL page, built into `dist/console` and served by the gateway at
 * `/console` (the IDE's page at `GET /graphql`). Everything is bundled: no CDN, no inline script.
 */
export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // GraphiQL's dependencies carry React Server Components directives, meaningless in a static bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      input: { console: path.join(here, 'index.html'), graphiql: path.join(here, 'graphiql.html') },
    },
  },
});
