// Hot queries built once. drizzle builds a query's SQL from its builder on every call — on a card press that was
// about a third of the server's CPU (issue 22). A hot query is written once with placeholders (sql.placeholder)
// and kept built, per database handle:
// - SQLite: drizzle's prepared query, with its compiled statement, on the one connection every unit of work uses
//   (a unit of work is BEGIN … COMMIT on that connection, so the kept query runs inside whichever is open).
// - PostgreSQL: drizzle binds a prepared query to the connection it was built on, so only the built query is
//   kept; each call runs it on the connection of the caller's unit of work (the handle's transaction, or the
//   pool outside one), as the same query built afresh would.
// Values that must be read at call time (a column default computed in JavaScript, "now") must be placeholders:
// anything else in the builder is fixed when it is first built.
import { sql, type SQL } from 'drizzle-orm';
import { isPostgres, type Db } from './connection.js';

interface Prepared {
  execute(values?: Record<string, unknown>): unknown;
}

/** A query builder as drizzle's SQLite types have it (the PostgreSQL builder takes an optional name). */
interface Preparable extends PromiseLike<unknown> {
  prepare(): Prepared;
}

/** node-postgres' prepared query keeps the client it runs on here; the session is the handle's current one. */
interface PgSessionHolder {
  session: { client: unknown };
}

/**
 * `build` once per database handle, then `run(db, values)` fills the placeholders and runs it: the result is
 * what awaiting the built query would give.
 */
export function prepared<Q extends Preparable>(
  build: (db: Db) => Q,
): (db: Db, values?: Record<string, unknown>) => Promise<Result<Q>> {
  const kept = new WeakMap<Db, Prepared>();
  return async (db: Db, values: Record<string, unknown> = {}): Promise<Result<Q>> => {
    let query = kept.get(db);
    if (!query) {
      query = build(db).prepare();
      kept.set(db, query);
    }
    // PostgreSQL: through the handle, `session` is the current unit of work's (connection.ts postgresHandle).
    const here = isPostgres(db)
      ? (Object.create(query, { client: { value: (db as unknown as PgSessionHolder).session.client } }) as Prepared)
      : query;
    return (await here.execute(values)) as Result<Q>;
  };
}

/** What awaiting the query builder gives. */
type Result<Q> = Q extends PromiseLike<infer R> ? R : never;

/** A placeholder where drizzle's types take only SQL (an update's `set`). Bound as it is, without the column's
 *  encoder: for columns whose JavaScript value is what the driver takes (text, numbers), not booleans or JSON. */
export const slot = (name: string): SQL => sql`${sql.placeholder(name)}`;
