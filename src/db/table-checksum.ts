// A table's rows as one sha256, computed the same way from either database (scripts/db-copy.ts checks a copy
// from SQLite to PostgreSQL with it). Rows are the drizzle-mapped values keyed by column name; each is written
// canonically (fixed column order, one spelling per value), and the rows are hashed in primary-key order sorted
// here, not by the database: SQLite and a PostgreSQL collation order the same text keys differently.
import { createHash } from 'node:crypto';

export type Row = Readonly<Record<string, unknown>>;

/**
 * One spelling per value: null, booleans, numbers (a bigint as the same digits, -0 as 0, non-finite ones
 * tagged), strings as JSON, bytes as {"$hex":…}, arrays, and plain objects with their keys sorted.
 */
export function canonicalValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : `{"$number":"${String(value)}"}`;
    case 'bigint':
      return value.toString();
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // undefined included: a column missing from a row is a mapping bug, not a value.
      throw new TypeError(`No canonical form for a ${typeof value} value`);
  }
  if (value instanceof Uint8Array) return `{"$hex":"${Buffer.from(value).toString('hex')}"}`;
  if (value instanceof Date) return `{"$date":"${value.toISOString()}"}`;
  if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new TypeError('No canonical form for a class instance');
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalValue(v)}`).join(',')}}`;
}

/** The row's values in the given column order, as a JSON array. */
export function canonicalRow(row: Row, columns: readonly string[]): string {
  return `[${columns.map((column) => canonicalValue(row[column])).join(',')}]`;
}

const rank = (value: unknown): number =>
  value === null || value === undefined
    ? 0
    : typeof value === 'boolean'
      ? 1
      : typeof value === 'number' || typeof value === 'bigint'
        ? 2
        : typeof value === 'string'
          ? 3
          : 4;

/** A total order on key values: null, booleans, numbers, strings (by UTF-16 code unit), then bytes. */
export function compareValues(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  return 0;
}

export interface TableShape {
  /** Every column name; hashed in sorted order, so declaration order does not matter. */
  columns: readonly string[];
  /** The primary key's columns (rows are hashed in this order; ties, as with no key, by the whole row). */
  key: readonly string[];
}

/** The rows in canonical order: by key, then by the whole canonical row. */
export function sortRows<R extends Row>(rows: readonly R[], shape: TableShape): R[] {
  const columns = [...shape.columns].sort();
  const lines = new Map<R, string>();
  const line = (row: R): string => {
    let text = lines.get(row);
    if (text === undefined) lines.set(row, (text = canonicalRow(row, columns)));
    return text;
  };
  return [...rows].sort((a, b) => {
    for (const column of shape.key) {
      const order = compareValues(a[column], b[column]);
      if (order !== 0) return order;
    }
    const la = line(a);
    const lb = line(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
}

/** Row count and sha256 (hex) over the canonical rows, one per line, in canonical order. */
export function tableChecksum(rows: readonly Row[], shape: TableShape): { rows: number; sha256: string } {
  const columns = [...shape.columns].sort();
  const hash = createHash('sha256');
  hash.update(`${JSON.stringify(columns)}\n`);
  for (const row of sortRows(rows, shape)) hash.update(`${canonicalRow(row, columns)}\n`);
  return { rows: rows.length, sha256: hash.digest('hex') };
}
