// Plain SQL for tests, on whichever database the server under test runs (SQLite by default, PostgreSQL when
// the run sets DATABASE_URL): `?` placeholders, rows as SQLite shows them (PostgreSQL booleans read as 1/0), so
// one assertion holds on both. Write SQL both dialects accept; `dialect` tells a test which one it is on.
import { postgresPool, type Db } from '../../src/db/connection.js';

export interface Sql {
  dialect: 'sqlite' | 'postgres';
  rows<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  row<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
}

/** `?` → `$1, $2…`, leaving question marks inside quoted strings alone. */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** PostgreSQL folds unquoted names to lower case: `unit_id as unitId` comes back as `unitid`. The aliases of
 *  the statement's text give the spelling back. */
function aliasesOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(/\bas\s+([A-Za-z_]\w*)/gi)].map((m) => [m[1]!.toLowerCase(), m[1]!]));
}

const asSqlite = (row: Record<string, unknown>, aliases: Map<string, string>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [aliases.get(k) ?? k, typeof v === 'boolean' ? Number(v) : v]),
  );

export function sqlFor(db: Db): Sql {
  const pool = postgresPool(db);
  if (!pool) {
    const prepare = (text: string) => db.$client.prepare(text);
    return {
      dialect: 'sqlite',
      rows: async <T>(text: string, ...params: unknown[]) => prepare(text).all(...params) as T[],
      row: async <T>(text: string, ...params: unknown[]) => prepare(text).get(...params) as T | undefined,
      run: async (text, ...params) => prepare(text).run(...params).changes,
    };
  }
  const query = async (text: string, params: unknown[]) =>
    (await pool.query<Record<string, unknown>>(numberedPlaceholders(text), params)).rows.map((r) =>
      asSqlite(r, aliasesOf(text)),
    );
  return {
    dialect: 'postgres',
    rows: async <T>(text: string, ...params: unknown[]) => (await query(text, params)) as T[],
    row: async <T>(text: string, ...params: unknown[]) => (await query(text, params))[0] as T | undefined,
    run: async (text, ...params) => (await pool.query(numberedPlaceholders(text), params)).rowCount ?? 0,
  };
}
