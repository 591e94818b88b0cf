/**
 * The row an insert (or an update of a row known to exist) returns with `.returning()`. Such a statement
 * always yields one; an empty result is a bug, so it throws a clear Error rather than passing `undefined` on.
 */
export function returnedRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the statement returned no row`);
  return row;
}
