// A fresh database with the real migrations, in a temp file (WAL needs a real file).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, runMigrations, type Db } from '../../src/db/connection.js';

export function freshDb(): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-db-')), 'test.db'));
  runMigrations(db);
  return db;
}
