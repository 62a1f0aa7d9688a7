import type { CodegenConfig } from '@graphql-codegen/cli';

// The typed SDK: the client-facing API schema plus the operations the apps use.
// typescript-operations 6 emits the enums and inputs it needs itself; adding the 'typescript' plugin duplicates them.
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: 'packages/sdk/operations/**/*.graphql',
  generates: {
    'packages/sdk/src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
        avoidOptionals: { field: true },
      },
    },
  },
};

export default config;
