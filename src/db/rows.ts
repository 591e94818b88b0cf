/**
 * The row an insert (or an update of a row known to exist) returns with `.returning()`. Such a statement
 * always yields one; an empty result is a bug, so it throws a clear Error rather than passing `undefined` on.
 */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the statement returned no row`);
  return row;
}

/** How many rows a statement changed: better-sqlite3 says `changes`, node-postgres `rowCount`. */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}
