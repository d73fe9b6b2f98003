import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One copy of graphql for type-graphql and Apollo (STACK-NOTES pitfall 2).
    server: { deps: { inline: ['type-graphql', 'graphql-scalars'] } },
  },
});
