// Lint for every TypeScript workspace: typescript-eslint's recommended rules, and the boundaries of
// STYLE.md: a subgraph imports only its own code and packages/*; packages import no service.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const SERVICES = ['gateway', 'orchestrator', 'detector', 'notifier'];
const ESCAPES = ['../../../*', '**/subgraphs/**', '**/gateway/**', '**/services/**', '**/packages/**'];

const restrict = (files, packages, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(packages.length ? [{ group: packages.map((name) => `@qurbani/${name}`), message }] : []),
          { group: ESCAPES, message: 'Import another workspace by its package name (@qurbani/...), never by path.' },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/sdk/src/generated/**',
      'bench/**',
      'var/**',
      '**/*.mjs',
      '**/*.js',
      'services/model/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Resolver classes and entities are decorated; their parameters are read by the decorators.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Control characters are exactly what the request-target check and the log scrapers look for.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read the databases from outside; services' code must not.
    files: ['**/src/**/*.ts'],
    rules: {
      // It takes a second pooled connection outside the caller's transaction: not atomic with it, and
      // a consumer's handlers then starved a 4-connection pool in the season simulation (every request hung).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='execute'][callee.object.callee.property.name='getConnection']",
          message: 'Use em.execute(...): it runs inside the transaction em belongs to.',
        },
      ],
    },
  },
  ...SUBGRAPHS.map((name) =>
    restrict(
      [`subgraphs/${name}/**/*.ts`],
      [...SUBGRAPHS.filter((other) => other !== name), ...SERVICES],
      "A subgraph imports only its own code and packages/*: another subgraph's data arrives through federation or events.",
    ),
  ),
  restrict(
    ['packages/**/*.ts'],
    [...SUBGRAPHS, ...SERVICES],
    'packages/* are shared by every service and import none of them.',
  ),
  restrict(
    ['services/**/*.ts', 'gateway/**/*.ts'],
    SUBGRAPHS,
    'Services reach subgraphs through the graph or events, never by import.',
  ),
);
