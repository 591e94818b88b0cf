// Lint, including the import boundaries of docs/ARCHITECTURE.md: one block per layer says what that layer may
// not import, so every arrow of the dependency picture is enforced here (tests/unit/boundaries.test.ts lints
// fixtures that break each rule). ESLint does not merge two `no-restricted-imports` settings for one file,
// so each layer lists all of its own restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', '@larksuiteoapi/*', 'dingtalk-stream', 'dingtalk-stream/*', 'fastify', '@fastify/*'];
const databaseLibraries = ['better-sqlite3', 'pg', 'drizzle-orm', 'drizzle-orm/*'];

const noSdk = {
  group: platformSdks,
  message: 'The domain and the cards are platform-neutral: no platform SDK or fastify here (docs/ARCHITECTURE.md).',
};
const noAdapter = {
  regex: '(^|/)adapters(/|$)',
  message: 'The domain and the cards never import an adapter (docs/ARCHITECTURE.md).',
};
const noUpward = {
  regex: '(^|/)(bot|web)/',
  message: 'This layer is below the bot core and the web API: it never imports them (docs/ARCHITECTURE.md).',
};
const adapterDb = 'Adapters never touch the database: hand events to the bot core (docs/ARCHITECTURE.md).';
const oneDoor =
  'The bot core and the web API never touch tables: call a use case in src/domain (docs/ARCHITECTURE.md).';
const noDatabase = [
  { group: databaseLibraries, message: oneDoor },
  { regex: '(^|/)db/(schema|connection)(\\.js)?$', message: oneDoor },
];
// The handle's query builders and raw SQL: `db.select(…)`, `ctx.db.insert(…)`, `tx.run(…)`, `db.query.x`.
const queryMethods = '/^(select|selectDistinct|insert|update|delete|run|all|get|values|query|transaction|batch)$/';

const frontEnd = 'The front end imports only types from the server, and only from src/contract (docs/ARCHITECTURE.md).';

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

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
  // The data layer is asynchronous: a promise left unawaited would run a query outside its transaction or
  // lose its error, and an async callback where a value is expected (a filter, a sort, an if) is always truthy.
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // The shared words and the languages: below everything.
  {
    files: ['src/vocabulary.ts', 'src/i18n/**/*.ts'],
    rules: restrict(noSdk, noAdapter, noUpward, {
      regex: '(^|/)(domain|db|cards)/',
      message: 'The vocabulary and i18n are below the domain, the database and the cards (docs/ARCHITECTURE.md).',
    }),
  },
  // The domain and the cards: platform-neutral, below the bot and the web. A card draws a view-model: it may
  // name the domain's type for it, never call into the domain (which calls the cards).
  { files: ['src/domain/**/*.ts'], rules: restrict(noSdk, noAdapter, noUpward) },
  {
    files: ['cards/**/*.ts'],
    rules: restrict(noSdk, noAdapter, noUpward, {
      regex: '(^|/)src/(domain|db)/',
      allowTypeImports: true,
      message: 'A card only draws what it is given: types from the domain at most (docs/ARCHITECTURE.md).',
    }),
  },
  // The API contract: zod schemas the front end reads as types; no platform, no database, nothing above.
  {
    files: ['src/contract/**/*.ts'],
    rules: restrict(noSdk, noAdapter, noUpward, {
      group: databaseLibraries,
      message: 'The API contract describes answers; it never touches the database (docs/ARCHITECTURE.md).',
    }),
  },
  // Adapters: the SDKs live here; they talk to the bot core through its port and never to the data.
  {
    files: ['adapters/**/*.ts'],
    rules: restrict(
      { group: databaseLibraries, message: adapterDb },
      { regex: '(^|/)src/(db|domain)(/|$)', message: adapterDb },
      { regex: '(^|/)src/web(/|$)', message: 'Adapters never import the web API (docs/ARCHITECTURE.md).' },
    ),
  },
  // One door to the data: the bot core and the web API call domain use cases (src/domain, with unitOfWork for a
  // transaction) and never name a table or build a query themselves.
  {
    files: ['src/bot/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='$client']", message: oneDoor },
        { selector: `MemberExpression[object.name=/^(db|tx)$/][property.name=${queryMethods}]`, message: oneDoor },
        {
          selector: `MemberExpression[object.property.name=/^(db|tx)$/][property.name=${queryMethods}]`,
          message: oneDoor,
        },
      ],
    },
  },
  {
    files: ['src/bot/**/*.ts'],
    rules: restrict(...noDatabase, {
      regex: '(^|/)web/',
      message: 'The bot core never imports the web API; both sit on the domain (docs/ARCHITECTURE.md).',
    }),
  },
  { files: ['src/web/**/*.ts'], rules: restrict(...noDatabase) },
  // The mini-app's front end runs in the browser: from the server it may read only the contract's types.
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: restrict(
      { regex: '(^|/)src/(?!contract/)', message: frontEnd },
      { regex: '(^|/)src/contract/', allowTypeImports: true, message: frontEnd },
    ),
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
