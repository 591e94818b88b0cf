// The one door to the data for the bot core and the web API. They hold a `Db` only to pass it on: every
// read and write is a domain use case, and a unit of work that must be atomic runs in `unitOfWork`, which
// hands the use cases an explicit transaction handle. Today the handle is the SQLite connection inside a
// better-sqlite3 transaction; the brand keeps "inside a transaction" visible in the types, so a use case that
// needs it can ask for a `Tx` and the PostgreSQL port (issue 21) can make it a real transaction object.
import { inTransaction, type Db } from '../db/connection.js';

export type { Db };

declare const inUnitOfWork: unique symbol;
/** A database handle inside one transaction; only `unitOfWork` makes one. */
export type Tx = Db & { readonly [inUnitOfWork]: true };

/**
 * Run fn as one transaction: everything it does commits together or not at all. Nested units join the
 * outer one (a savepoint), so a use case may open its own without knowing whether its caller did.
 */
export async function unitOfWork<T>(db: Db, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  return await inTransaction(db, () => fn(db as Tx));
}
