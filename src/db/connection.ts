// The database handle and its transactions. SQLite via better-sqlite3 (the default): WAL for concurrent readers
// while the outbox worker writes, foreign keys on (SQLite leaves them off by default), and a busy timeout so a
// second process waits instead of failing with SQLITE_BUSY. PostgreSQL via a node-postgres pool when
// DATABASE_URL names one (src/db/pg/connection.ts): the same `Db` type, so the domain is written once.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECT } from './dialect.js';
import { asDatabaseUnavailable, DatabaseTooNew, type DbLogger } from './errors.js';
import type { PgDb } from './pg/connection.js';
import * as schema from './sqlite/schema.js';
import { checkpointInBackground } from './sqlite/checkpointer.js';
import { cacheStatements } from './sqlite/statement-cache.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export { DatabaseTooNew, DatabaseUnavailable, asDatabaseUnavailable } from './errors.js';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Deleted rows are overwritten with zeros, not left in free pages: a sealed survey submission removed at
  // close leaves nothing behind in the file (docs: https://sqlite.org/pragma.html#pragma_secure_delete).
  sqlite.pragma('secure_delete = ON');
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema });
}

export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

// PostgreSQL handles: the pool's drizzle database behind each handle the domain holds.
const pools = new WeakMap<Db, PgDb>();
// The logger a database's own background work (scrubDeletedRows) reports to.
const loggers = new WeakMap<Db, DbLogger>();

export const isPostgres = (db: Db): boolean => pools.has(db);

// Loaded only when a PostgreSQL database is opened: `pg` and drizzle's pg modules cost a SQLite start (issue 22).
const pgConnection = () => import('./pg/connection.js');

/**
 * Open the database the configuration names, refuse one a newer version migrated, and migrate it: PostgreSQL
 * when `databaseUrl` is set (an unreachable server fails here, naming DATABASE_URL), else the SQLite file.
 */
export async function openConfiguredDatabase(
  c: { databaseUrl?: string; databasePath: string },
  logger?: DbLogger,
): Promise<Db> {
  if (!c.databaseUrl) {
    const db = openDatabase(c.databasePath);
    try {
      refuseNewerDatabase(db);
    } catch (err) {
      db.$client.close();
      throw err;
    }
    runMigrations(db);
    // The log is copied back into the file off the event loop (a COMMIT would otherwise do it, with an fsync).
    if (c.databasePath !== ':memory:') checkpointInBackground(db.$client, resolve(c.databasePath));
    if (logger) loggers.set(db, logger);
    return db;
  }
  if (DIALECT !== 'postgres')
    throw new Error('DATABASE_URL must be set in the environment when Vitality starts: it chooses the tables.');
  const { checkReachable, openPostgres, runPgMigrations } = await pgConnection();
  const base = openPostgres(c.databaseUrl, { logger });
  try {
    await checkReachable(base);
    // Refuses a database a newer version migrated (DatabaseTooNew) before applying anything.
    await runPgMigrations(base);
  } catch (err) {
    await base.$client.end();
    throw err;
  }
  const db = postgresHandle(base);
  if (logger) loggers.set(db, logger);
  return db;
}

/**
 * The handle the domain holds for a PostgreSQL pool. Inside a unit of work, every query made through it in
 * that async chain runs on the unit's transaction (as on SQLite, where there is one connection): a use case
 * handed the plain handle by mistake cannot write outside the transaction it is part of.
 */
function postgresHandle(base: PgDb): Db {
  const handle = new Proxy(base, {
    get(target, prop) {
      if (prop === '$client') return target.$client;
      const current = open.getStore();
      const source: object = current?.db === handle && current.pgTx ? current.pgTx : target;
      const value: unknown = Reflect.get(source, prop, source);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(source) : value;
    },
  }) as unknown as Db;
  pools.set(handle, base);
  return handle;
}

/** The pool behind a PostgreSQL handle (for tests and tools that run their own SQL); undefined on SQLite. */
export const postgresPool = (db: Db): PgDb['$client'] | undefined => pools.get(db)?.$client;

/** Close the connection (SQLite) or end the pool (PostgreSQL). */
export async function closeDatabase(db: Db): Promise<void> {
  // A rewrite still running, or waiting for its retry, runs to its end first: closing under it would leave
  // the deleted rows' old versions in the files until some later VACUUM FULL.
  for (const [timer, retry] of scrubRetries.get(db) ?? []) {
    clearTimeout(timer);
    retry();
  }
  scrubRetries.delete(db);
  const running: Promise<void>[] = [...(scrubsRunning.get(db) ?? [])];
  await Promise.all(running);
  const pool = pools.get(db);
  if (pool) await pool.$client.end();
  else db.$client.close();
}

interface Journal {
  entries: { when: number; tag: string }[];
}
const readJournal = (): Journal =>
  JSON.parse(readFileSync(resolve(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;

/**
 * Refuse a database that a newer version migrated. Checked before migrating: drizzle's migrator applies only
 * migrations newer than the last one applied, so an older version would otherwise start silently on tables it
 * does not know. A fresh database (no migrations table yet) passes.
 */
export function refuseNewerDatabase(db: Db): void {
  let applied: { created_at: number | string }[];
  try {
    applied = db.$client.prepare('select created_at from __drizzle_migrations').all() as typeof applied;
  } catch {
    return;
  }
  const journal = readJournal();
  const known = new Set(journal.entries.map((e) => e.when));
  const unknown = applied.map((r) => Number(r.created_at)).filter((when) => !known.has(when));
  if (unknown.length > 0) throw new DatabaseTooNew(unknown, journal.entries.at(-1));
}

/** For /readyz: the database answers and every migration in the journal has been applied. */
export async function migrationStatus(
  db: Db,
): Promise<{ ok: boolean; kind: 'sqlite' | 'postgres'; applied: number; expected: number }> {
  const pool = pools.get(db);
  if (pool) {
    const { appliedPgMigrations, readPgJournal } = await pgConnection();
    const expected = readPgJournal().entries.length;
    const applied = (await appliedPgMigrations(pool)).length;
    return { ok: applied === expected, kind: 'postgres', applied, expected };
  }
  const journal = readJournal();
  let applied: number;
  try {
    const row = db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    applied = row.n;
  } catch {
    applied = 0;
  }
  return { ok: applied === journal.entries.length, kind: 'sqlite', applied, expected: journal.entries.length };
}

interface OpenTransaction {
  db: Db;
  tasks: (() => void)[];
  savepoints: number;
  /** PostgreSQL: the transaction (or savepoint) the chain's queries run on. */
  pgTx?: object;
}

// The transaction this async call chain is inside, if any. better-sqlite3 runs every query on one connection,
// so "inside" cannot be read off the connection: another request's chain may be waiting for it. The chain that
// opened the transaction carries it, so a nested unit of work becomes a savepoint and afterCommit waits for the
// outermost commit, while any other chain queues for the connection.
const open = new AsyncLocalStorage<OpenTransaction>();
const queues = new WeakMap<Db, Promise<void>>();

/** Wait until no other chain holds db's transaction, then hold it until release() is called. */
async function takeTurn(db: Db): Promise<() => void> {
  const before = queues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  queues.set(db, tail);
  await before;
  return () => {
    release();
    if (queues.get(db) === tail) queues.delete(db);
  };
}

/**
 * Run fn as one SQLite transaction. Tasks queued with afterCommit run once the outermost transaction has
 * committed, and are dropped if it rolls back.
 *
 * The outermost transaction begins IMMEDIATE: it takes the write lock at once, waiting (busy_timeout) while
 * another process holds it. A DEFERRED one would read first and then fail with "database is locked" the
 * moment it tries to write after another process has written (WAL cannot upgrade a stale snapshot), which
 * is what a second instance's minute tick did every time. Nested calls are savepoints.
 */
export async function inTransaction<T>(db: Db, fn: () => Promise<T> | T): Promise<T> {
  const pool = pools.get(db);
  if (pool) return pgTransaction(db, pool, fn);
  const current = open.getStore();
  if (current?.db === db) return savepoint(db, current, fn);
  const release = await takeTurn(db);
  try {
    const frame: OpenTransaction = { db, tasks: [], savepoints: 0 };
    db.$client.prepare('BEGIN IMMEDIATE').run();
    let result: T;
    try {
      result = await open.run(frame, fn);
      db.$client.prepare('COMMIT').run();
    } catch (err) {
      if (db.$client.inTransaction) db.$client.prepare('ROLLBACK').run();
      throw err;
    }
    for (const task of frame.tasks) task();
    return result;
  } finally {
    release();
  }
}

async function savepoint<T>(db: Db, frame: OpenTransaction, fn: () => Promise<T> | T): Promise<T> {
  const name = `sp${++frame.savepoints}`;
  db.$client.prepare(`SAVEPOINT ${name}`).run();
  try {
    const result = await fn();
    db.$client.prepare(`RELEASE ${name}`).run();
    return result;
  } catch (err) {
    db.$client.prepare(`ROLLBACK TO ${name}`).run();
    db.$client.prepare(`RELEASE ${name}`).run();
    throw err;
  }
}

// Serialization failures and deadlocks: the transaction did nothing, and running it again is the documented
// answer (https://www.postgresql.org/docs/15/mvcc-serialization-failure-handling.html).
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;

function pgCode(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A PostgreSQL unit of work: SERIALIZABLE, so what each unit reads and writes is as if units ran one at a time
 * (SQLite's single writer gives the same), retried from the start when PostgreSQL finds a conflict. A unit may
 * therefore run more than once before it commits: what must happen once belongs in afterCommit.
 */
async function pgTransaction<T>(db: Db, pool: PgDb, fn: () => Promise<T> | T): Promise<T> {
  const current = open.getStore();
  if (current?.db === db && current.pgTx) {
    const outer = current.pgTx as PgDb;
    return outer.transaction(async (sp) => await open.run({ ...current, pgTx: sp }, fn));
  }
  for (let attempt = 1; ; attempt++) {
    const frame: OpenTransaction = { db, tasks: [], savepoints: 0 };
    // A unit that conflicted runs its next attempts one at a time in this process, as SQLite runs every unit:
    // units that write a shared row (the audit chain's last row, a wave's counters) conflict with each other
    // whenever they overlap, and a burst of them retrying side by side kept conflicting until their attempts
    // ran out — the press bench lost a thousand approvals that way at 50 connections (issue 22). A unit
    // waiting for its turn holds no pooled connection.
    const release = attempt > 1 ? await takeTurn(db) : undefined;
    try {
      const result = await pool.transaction(
        async (tx) => {
          frame.pgTx = tx;
          return await open.run(frame, fn);
        },
        { isolationLevel: 'serializable' },
      );
      for (const task of frame.tasks) task();
      return result;
    } catch (err) {
      // The connection went away (the server stopped, restarted, or ended this backend): PostgreSQL rolled the
      // transaction back — unless its COMMIT arrived just before, and only the answer was lost; a request sent
      // again then finds its inbound event recorded. Not retried here: the server may be gone for a while, so
      // the caller answers 503 and the request is tried again later.
      const unavailable = asDatabaseUnavailable(err);
      if (unavailable) throw unavailable;
      const code = pgCode(err);
      if (attempt >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) throw err;
      if (!release) await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    } finally {
      release?.();
    }
  }
}

/** Run task after the current transaction commits (at once when there is none). */
export function afterCommit(db: Db, task: () => void): void {
  const current = open.getStore();
  if (current?.db !== db) return task();
  current.tasks.push(task);
}

/**
 * Copy the WAL into the database file and truncate it to zero bytes, so the history of recent commits is
 * gone from the files. Returns false when a reader kept part of the WAL alive (it is retried next time).
 */
export function checkpointTruncate(db: Db): boolean {
  // PostgreSQL has no WAL file in the data folder to empty from here: see the README's "Anonymity on PostgreSQL".
  if (pools.has(db)) return true;
  const [row] = db.$client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return row !== undefined && row.busy === 0;
}

/** How long scrubDeletedRows waits before its one retry. */
export const SCRUB_RETRY_MS = 60_000;
/** Per handle: rewrites waiting for their retry (the timer and the retry itself) and rewrites running. */
const scrubRetries = new WeakMap<Db, Map<NodeJS.Timeout, () => void>>();
const scrubsRunning = new WeakMap<Db, Set<Promise<void>>>();

/**
 * After a commit that deleted what must not stay readable in the database files (sealed survey submissions at
 * publication, an erased person's text): on SQLite, empty the WAL (secure_delete already zeroed the pages); on
 * PostgreSQL, rewrite `tables` without the deleted rows' old versions (VACUUM FULL: a new file, the old one
 * unlinked) — plain VACUUM would leave their bytes in free space. Either way the write-ahead log keeps them
 * until its segments are recycled (and an archive keeps them for good): see the README's "Anonymity on
 * PostgreSQL". Runs after the transaction and never throws into the caller: a failure (the database away, a
 * lock it could not get) is logged and tried once more after `retryMs`; a second failure is logged as an error,
 * since the old row versions then stay until the table is next rewritten.
 */
export function scrubDeletedRows(db: Db, tables: readonly string[], retryMs = SCRUB_RETRY_MS): void {
  const pool = pools.get(db);
  if (!pool) {
    checkpointTruncate(db);
    return;
  }
  const logger = loggers.get(db);
  const names = tables.map((t) => `"${t.replaceAll('"', '""')}"`).join(', ');
  const attempt = (last: boolean): void => {
    const running = scrubsRunning.get(db) ?? new Set<Promise<void>>();
    scrubsRunning.set(db, running);
    const done: Promise<void> = pool.$client
      .query(`VACUUM FULL ${names}`)
      .then(() => undefined)
      .catch((err: unknown) => {
        if (last) {
          logger?.error(
            { err, tables },
            'database: could not rewrite tables after deleting rows, twice; their old row versions stay in the files until the next VACUUM FULL',
          );
          return;
        }
        logger?.warn(
          { err, tables, retryInMs: retryMs },
          'database: could not rewrite tables after deleting rows; will retry',
        );
        const timers = scrubRetries.get(db) ?? new Map<NodeJS.Timeout, () => void>();
        scrubRetries.set(db, timers);
        const retry = (): void => {
          timers.delete(timer);
          attempt(true);
        };
        const timer = setTimeout(retry, retryMs);
        timer.unref();
        timers.set(timer, retry);
      })
      .finally(() => running.delete(done));
    running.add(done);
  };
  attempt(false);
}
