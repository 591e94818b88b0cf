// PostgreSQL via node-postgres: one pool per process, drizzle's pg-core on top. Read by src/db/connection.ts
// when DATABASE_URL is a postgres:// URL; nothing else imports it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/pg');

// int8 (count(*), epoch-ms bigint columns) and numeric (sum, avg) arrive as strings by default, to keep
// precision past 2^53. Vitality's counts, sums and epoch milliseconds are far below that, and the domain
// reads numbers from SQLite: read them as numbers here too. Set on node-postgres' global parsers because
// drizzle passes its own per-query parser list, which falls back to the global one (a pool's `types` is not
// consulted).
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (value: string) => Number(value));
pg.types.setTypeParser(NUMERIC, (value: string) => Number(value));

/** A connection error with the setting to look at. */
export class DatabaseUnreachable extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `Cannot reach the PostgreSQL server named by DATABASE_URL: ${why}. Check DATABASE_URL and that the server is up.`,
    );
    this.name = 'DatabaseUnreachable';
  }
}

export function openPostgres(url: string, opts: { max?: number } = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client whose server went away (a restart, a failover) emits 'error' on the pool; unhandled, it
  // would end the process. The next query opens a new connection, and fails (→ 503) until the server is back.
  pool.on('error', () => {});
  return drizzle(pool, { schema }) as PgDb;
}

/** Fails with DatabaseUnreachable when the server does not answer. */
export async function checkReachable(db: PgDb): Promise<void> {
  try {
    await db.$client.query('select 1');
  } catch (err) {
    throw new DatabaseUnreachable(err);
  }
}

// Two instances starting at once would both apply the same migration: the second waits for this lock.
const MIGRATION_LOCK = 7_146_500_021;

export async function runPgMigrations(db: PgDb): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

interface Journal {
  entries: { when: number; tag: string }[];
}
export const readPgJournal = (): Journal =>
  JSON.parse(readFileSync(resolve(PG_MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;

/** created_at of every applied migration; none for a fresh database. */
export async function appliedPgMigrations(db: PgDb): Promise<number[]> {
  const exists = await db.$client.query<{ t: string | null }>(
    "select to_regclass('drizzle.__drizzle_migrations') as t",
  );
  if (!exists.rows[0]?.t) return [];
  const rows = await db.$client.query<{ created_at: string | number }>(
    'select created_at from drizzle.__drizzle_migrations',
  );
  return rows.rows.map((r) => Number(r.created_at));
}
