// A fresh database with the real migrations: a temp SQLite file (WAL needs a real file), or — on a run with
// DATABASE_URL (npm run test:pg) — a new database on that PostgreSQL cluster.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { createDatabase } from './postgres.js';

export async function freshDb(): Promise<Db> {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'vitality-db-')), 'test.db');
  const url = process.env.DATABASE_URL;
  return openConfiguredDatabase({ databasePath, ...(url ? { databaseUrl: await createDatabase(url) } : {}) });
}
