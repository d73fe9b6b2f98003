import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One copy of graphql (STACK-NOTES pitfall 2): Node resolves `graphql` to its CommonJS
  // entry for Apollo and type-graphql; make Vite resolve our sources' imports to the same file
  // instead of the package's `module` (.mjs) entry.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 20_000,
  },
});
