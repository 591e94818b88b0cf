// Lint, including the import boundaries of docs/ARCHITECTURE.md: the domain and the cards never import a
// platform SDK, fastify or an adapter; an adapter never touches the database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const oneDoor =
  'The bot core and the web API never touch tables: call a use case in src/domain (docs/ARCHITECTURE.md).';
// The handle's query builders and raw SQL: `db.select(…)`, `ctx.db.insert(…)`, `tx.run(…)`, `db.query.x`.
const queryMethods = '/^(select|selectDistinct|insert|update|delete|run|all|get|values|query|transaction|batch)$/';

const platformSdks = ['@slack/*', '@larksuiteoapi/*', 'dingtalk-stream', 'dingtalk-stream/*', 'fastify', '@fastify/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'migrations/', 'data/', 'dist/', 'test-artifacts/', 'tests/fixtures/boundary/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: platformSdks,
              message:
                'The domain and the cards are platform-neutral: no platform SDK or fastify here (docs/ARCHITECTURE.md).',
            },
            {
              regex: '(^|/)adapters(/|$)',
              message: 'The domain and the cards never import an adapter (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'Adapters never touch the database: hand events to the bot core (docs/ARCHITECTURE.md).',
            },
            {
              regex: '(^|/)src/db(/|$)',
              message: 'Adapters never touch the database: hand events to the bot core (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // One door to the data: the bot core and the web API call domain use cases (src/domain, with
    // unitOfWork for a transaction) and never name a table or build a query themselves.
    files: ['src/bot/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['better-sqlite3', 'pg', 'drizzle-orm', 'drizzle-orm/*'],
              message: oneDoor,
            },
            {
              regex: '(^|/)db/(schema|connection)(\\.js)?$',
              message: oneDoor,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='$client']", message: oneDoor },
        {
          selector: `MemberExpression[object.name=/^(db|tx)$/][property.name=${queryMethods}]`,
          message: oneDoor,
        },
        {
          selector: `MemberExpression[object.property.name=/^(db|tx)$/][property.name=${queryMethods}]`,
          message: oneDoor,
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
