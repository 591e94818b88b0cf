// The database settings for a server or child process a test starts itself (not through the harness): the
// SQLite file at `path`, and on a PostgreSQL run (DATABASE_URL set for the whole run) a new database of its
// own on that cluster, so it shares no rows with other tests. Pass the result on in its config or env; the
// same settings again reopen the same database (a restart).
import { createDatabase } from './postgres.js';

export interface DatabaseEnv {
  DATABASE_PATH: string;
  DATABASE_URL?: string;
}

export async function ownDatabase(path: string): Promise<DatabaseEnv> {
  const cluster = process.env.DATABASE_URL;
  return { DATABASE_PATH: path, ...(cluster ? { DATABASE_URL: await createDatabase(cluster) } : {}) };
}
