// `npm run test:pg`: the integration, web, privacy, platform and browser suites again, on a real PostgreSQL
// server (a throwaway cluster started by tests/support/pg-global-setup.ts; each harness gets a database).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

process.env.VITALITY_TEST_DB = 'postgres';

/** About SQLite itself (its file format and WAL, two processes on one file, its migrations), each with a
 *  PostgreSQL counterpart in tests/pg: migrations → migrate; sqlite-two-processes and two-instances-sqlite → two-instances;
 *  start-newer-database → start-newer-database; database-files → anonymity-storage. Files that are about the
 *  domain and hold one SQLite-file check run on both, with that check on SQLite only (pulse-anonymity's
 *  WITHOUT ROWID → anonymity-storage; privacy-erase-domain's file and WAL → erase-files). */
const SQLITE_ONLY = [
  'tests/integration/migrations.test.ts',
  'tests/integration/sqlite-two-processes.test.ts',
  'tests/integration/two-instances-sqlite.test.ts',
  'tests/integration/start-newer-database.test.ts',
  'tests/privacy/database-files.test.ts',
];

export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/{integration,web,privacy,platform,browser}/**/*.test.ts'],
    exclude: SQLITE_ONLY,
  },
});
