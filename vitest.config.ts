import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: pure tests and the schema contract — no database, no build, seconds.
 * `data`: real HTTP against real PostgreSQL (and the built CLI and gateway); its global setup
 * starts the database, migrates and seeds a template, and builds dist/. `npm test` runs both;
 * `npm test -- --project unit` runs the fast one alone.
 */
export default defineConfig({
  // One copy of graphql (docs/architecture.md §8, toolchain note 2): Node resolves `graphql` to its CommonJS
  // entry for Apollo and type-graphql; make Vite resolve our sources' imports to the same file
  // instead of the package's `module` (.mjs) entry.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'data',
          // tests/deployment runs production entry points on databases of their own: once, in the
          // embedded pass (CI's server pass excludes it); tests/examples runs the example client.
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/deployment/**/*.test.ts', 'tests/examples/**/*.test.ts', 'tests/console/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
