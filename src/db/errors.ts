// Database failures the rest of Vitality answers in its own way: a database migrated by a newer version
// (refuse to start), and a database that cannot be reached right now (503 and try again, never a 500).

/** A migration, as the journal and the migrations table name it: created_at is the journal's `when`. */
const when = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

/** The database was migrated by a newer Vitality than this one. */
export class DatabaseTooNew extends Error {
  /**
   * `unknown`: created_at of each applied migration the journal lacks; `newest`: the journal's last entry.
   */
  constructor(
    readonly unknown: readonly number[],
    newest: { when: number; tag: string } | undefined,
  ) {
    const theirs = [...unknown].sort((a, b) => a - b).map(when);
    const ours = newest ? `${newest.tag} of ${when(newest.when)}` : 'none';
    super(
      `The database has ${unknown.length} migration(s) this version of Vitality does not know ` +
        `(made ${theirs.join(', ')}; the newest this version knows is ${ours}): a newer version has ` +
        'upgraded it. Start that version (or a later one), or restore the backup taken before the upgrade; ' +
        'this version would misread the tables, so it does not start.',
    );
    this.name = 'DatabaseTooNew';
  }
}

/**
 * The database cannot be reached right now (PostgreSQL stopped, restarting, failing over, the network between):
 * nothing of the request's unit of work was kept, and the same request may succeed later. The HTTP answer is
 * 503 with Retry-After; the outbox worker and the scheduler log it and try again on their next round.
 *
 * SQLite has no such state: the database is a file the process holds open. A disk that fails or fills up is
 * reported per statement (SQLITE_IOERR, SQLITE_FULL), the transaction rolls back, and the request is a 500 —
 * it needs someone to look at the disk, and retrying does not help.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailable';
  }
}

// SQLSTATE class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
// The socket's own errors, when there is no server to give a SQLSTATE.
const ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// node-postgres' own words for a connection that ended, timed out or cannot be used after one did.
const MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable/;

function isConnectionError(e: Error): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (SQLSTATE.test(code) || ERRNO.has(code))) return true;
  return MESSAGE.test(e.message);
}

/**
 * The one place that decides whether a failure means "the database is not there right now": err itself, or
 * what it wraps (drizzle wraps the driver's error in `cause`; a connect to every address of a host fails with
 * an AggregateError). Returns the DatabaseUnavailable to throw or answer with, or undefined for any other error.
 */
export function asDatabaseUnavailable(err: unknown): DatabaseUnavailable | undefined {
  const seen = new Set<unknown>();
  const pending: unknown[] = [err];
  while (pending.length > 0) {
    const e = pending.shift();
    if (!(e instanceof Error) || seen.has(e)) continue;
    seen.add(e);
    if (e instanceof DatabaseUnavailable) return e;
    if (isConnectionError(e)) return new DatabaseUnavailable(e);
    pending.push(e.cause);
    if (e instanceof AggregateError) pending.push(...(e.errors as unknown[]));
  }
  return undefined;
}

/** What the database layer logs with (a pino logger fits). */
export interface DbLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
