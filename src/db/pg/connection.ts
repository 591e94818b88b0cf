// PostgreSQL via node-postgres: one pool per process, drizzle's pg-core on top. Read by src/db/connection.ts
// when DATABASE_URL is a postgres:// URL; nothing else imports it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { DatabaseTooNew, type DbLogger } from '../errors.js';
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

export function openPostgres(url: string, opts: { max?: number; logger?: DbLogger } = {}): PgDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // A server that accepts the TCP connection but never answers (a hung host, a half-open failover) would
    // otherwise hold the request forever: give up, and the request is a 503 (src/db/errors.ts). node-postgres
    // applies the same limit to waiting for a free client of a busy pool, so it is generous: a burst that holds
    // every client for this long is answered 503 too, rather than queued without end.
    connectionTimeoutMillis: 30_000,
    // TCP keepalive on every connection: a server that vanished without closing it (a host down, a network
    // partition) is noticed by the kernel instead of a query waiting on it indefinitely.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client whose server went away (a restart, a failover, pg_terminate_backend) emits 'error' on the
  // pool; unhandled, it would end the process. The pool has already dropped that client: the next query opens a
  // new connection, and fails (→ 503) until the server is back.
  pool.on('error', (err) => opts.logger?.warn({ err }, 'database: an idle connection was closed by the server'));
  pool.on('connect', (client) => {
    // A client handed out (inside a transaction) has no pool listener: when its server goes away, the query
    // in flight rejects (→ 503) and the client emits 'error' too, which would end the process unheard. The pool
    // drops the client when it is released.
    client.on('error', () => {});
    queueQueries(client);
  });
  return drizzle(pool, { schema }) as PgDb;
}

/**
 * Run a client's queries one after another. A transaction holds one client, and independent reads inside it
 * (`Promise.all`) all reach that client at once: node-postgres runs them in turn anyway, but warns that issuing
 * a query while one runs is deprecated and will be refused by pg 9. Queued here, for every client the pool
 * makes, callers need not care. The chain is per client, and a client serves one transaction at a time, so it
 * is the transaction's queue. Callback-style calls (the pool's own one-off `pool.query`) and submittables
 * (cursors) pass through untouched.
 */
function queueQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  // Queries issued and not yet settled: with none, the next one is sent at once (no wait for a turn).
  let pending = 0;
  const settled = () => void pending--;
  const queued = (...args: unknown[]): unknown => {
    const last = args.at(-1);
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof last === 'function' || typeof first?.submit === 'function') return query(...args);
    const run = pending === 0 ? query(...args) : tail.then(() => query(...args));
    pending++;
    tail = run.then(settled, settled);
    return run;
  };
  client.query = queued as typeof client.query;
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

/**
 * Refuse a database a newer version migrated, then apply the migrations it lacks. Both under one advisory
 * lock, so a newer instance migrating at the same moment is seen (drizzle's migrator applies only migrations
 * newer than the last one applied: an older version would otherwise start silently on tables it does not know).
 */
export async function runPgMigrations(db: PgDb): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const journal = readPgJournal();
      const known = new Set(journal.entries.map((e) => e.when));
      const unknown = (await appliedOn(client)).filter((when) => !known.has(when));
      if (unknown.length > 0) throw new DatabaseTooNew(unknown, journal.entries.at(-1));
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
export const appliedPgMigrations = (db: PgDb): Promise<number[]> => appliedOn(db.$client);

async function appliedOn(q: pg.Pool | pg.PoolClient): Promise<number[]> {
  const exists = await q.query<{ t: string | null }>("select to_regclass('drizzle.__drizzle_migrations') as t");
  if (!exists.rows[0]?.t) return [];
  const rows = await q.query<{ created_at: string | number }>('select created_at from drizzle.__drizzle_migrations');
  return rows.rows.map((r) => Number(r.created_at));
}
