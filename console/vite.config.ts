import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The console and the GraphiQL page, built into `dist/console` and served by the gateway at
 * `/console` (the IDE's page at `GET /graphql`). Everything is bundled: no CDN, no inline script.
 * Two builds (`--mode graphiql` for the IDE), so that the console's first load shares no chunk
 * with GraphiQL's much larger bundle.
 */
export default defineConfig(({ mode }) => ({
  root: here,
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', development: false } },
  // Always React's production build, whatever NODE_ENV the calling process has (vitest sets `test`).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: path.join(here, '..', 'dist', 'console'),
    emptyOutDir: mode !== 'graphiql',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // GraphiQL's dependencies carry React Server Components directives, meaningless in a static bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      input: (mode === 'graphiql' ? { graphiql: path.join(here, 'graphiql.html') } : { console: path.join(here, 'index.html') }) as Record<string, string>,
    },
  },
}));
