// ESLint 9 flat config. Non-type-checked on purpose: type-aware linting is too slow for CI here;
// `npm run typecheck` (tsc) covers what the type-checked rules would add.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier/flat';

/** Node.js globals for plain JavaScript files (TypeScript files get them from @types/node via tsc). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'global',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

const unusedVars = [
  'error',
  {
    args: 'after-used',
    argsIgnorePattern: '^_',
    varsIgnorePattern: '^_',
    caughtErrors: 'all',
    caughtErrorsIgnorePattern: '^_',
    destructuredArrayIgnorePattern: '^_',
    ignoreRestSiblings: true,
  },
];

export default defineConfig(
  {
    // Generated, built or throw-away trees, and the architecture fixtures (deliberately wrong code).
    ignores: ['dist/', 'node_modules/', 'clients/', 'coverage/', '.data/', '.tmp/', 'test/fixtures/architecture/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // `any` is sometimes the honest type at framework seams; flag it, do not block CI.
      '@typescript-eslint/no-explicit-any': 'warn',
      // NestJS modules are empty classes carrying decorators (`@Module({}) export class X {}`).
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  {
    // Request input is validated per parameter (src/platform/http/params.ts), not by a global pipe:
    // @nestjs/common's own Body, Query and Param would reach a handler unvalidated.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/platform/http/params.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Body', 'Query', 'Param'],
              message: 'Use Body, Query and Param from src/platform/http/params: they validate the input.',
            },
          ],
        },
      ],
    },
  },
  // Last: turn off every stylistic rule that would fight Prettier.
  prettier,
);
