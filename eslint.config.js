import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/peer-postgraphile/**', 'coverage/**', '.liaison/**', '.liaison-bench/**', '.scratch/**', '.ci-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['typeorm*'], importNames: ['getRepository', 'getConnection', 'createConnection'], message: 'Use the DataSource from the request context.' }],
      }],
    },
  },
  {
    // Policy code is pure: no database, no HTTP, no clock of its own.
    files: ['src/policies/**/*.ts', 'src/mou/rules/**/*.ts', 'src/audit/core/**/*.ts', 'src/reference-data/rules/**/*.ts', 'src/names/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['typeorm', 'pg', 'express', '@apollo/*', '**/records/*', '**/enforcement/*', '**/mou/*', '**/audit/store/*', '**/http/*', '**/resolvers/*', '**/db/*', '**/entities/*'], message: 'The policy engine, the MoU rules and the log\'s core are pure: they must not import data or transport layers.' },
        ],
      }],
    },
  },
  {
    // The request context is the request's inputs and its output; it depends on no subsystem
    // that reads it (the disclosure log, the MoU services, the transport), so no cycle.
    files: ['src/context/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/audit/*', '**/audit/**', '**/mou/*', '**/records/*', '**/http/*', '**/resolvers/*'], message: 'The request context imports no subsystem that reads it (no cycle).' }],
      }],
    },
  },
  {
    // Resolvers stay thin: services do the work; no query builders here.
    files: ['src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['typeorm', 'pg', '../entities/*', '../policies/*'], message: 'Resolvers call services; they do not touch the database or the policy directly.' }],
      }],
    },
  },
);
