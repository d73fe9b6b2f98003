import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for a Liaison client: typed operations from the gateway's committed
 * schema. Run from this directory: `npx graphql-codegen --config codegen.ts`.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['operations/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // Liaison's scalars as they travel in JSON.
        scalars: {
          DateTimeISO: 'string',
          LocalDate: 'string',
          SafeInt: 'number',
          JSONObject: 'Record<string, unknown>',
        },
        // Withheld fields are null: the types must say so (they do: every withholdable field is nullable).
        avoidOptionals: { field: true, inputValue: false, object: false },
        enumsAsTypes: true,
        useTypeImports: true,
        nonOptionalTypename: true,
        skipTypename: false,
      },
    },
  },
  hooks: {},
};

export default config;
