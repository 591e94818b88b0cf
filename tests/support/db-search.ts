// Test helpers for "this string is nowhere in the database": every column of every table (read from the
// catalogue — sqlite_schema and pragma table_info, or PostgreSQL's information_schema — so a table added later
// is searched too), and a full dump to show a refused operation changed nothing. Runs through `Sql` (h.sql, or
// sqlFor(db)), so on either database.
import type { Sql } from './sql.js';

export interface Hit {
  table: string;
  column: string;
  rows: number;
}

async function tables(sql: Sql): Promise<string[]> {
  const rows =
    sql.dialect === 'sqlite'
      ? await sql.rows<{ name: string }>(
          "select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name",
        )
      : await sql.rows<{ name: string }>(
          "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
        );
  return rows.map((t) => t.name);
}

async function columns(sql: Sql, table: string): Promise<string[]> {
  const rows =
    sql.dialect === 'sqlite'
      ? await sql.rows<{ name: string }>('select name from pragma_table_info(?)', table)
      : await sql.rows<{ name: string }>(
          'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position',
          table,
        );
  return rows.map((c) => c.name);
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Every (table, column) whose value contains `needle`. Whatever the declared type, every column is cast to text
 * (SQLite stores any type in any column; a blob is searched as its bytes read as text).
 */
export async function findEverywhere(sql: Sql, needle: string): Promise<Hit[]> {
  const contains = (column: string) =>
    sql.dialect === 'sqlite' ? `instr(cast(${q(column)} as text), ?) > 0` : `strpos(cast(${q(column)} as text), ?) > 0`;
  const hits: Hit[] = [];
  for (const table of await tables(sql)) {
    for (const column of await columns(sql, table)) {
      const { n } = (await sql.row<{ n: number }>(
        `select count(*) as n from ${q(table)} where ${contains(column)}`,
        needle,
      ))!;
      if (Number(n)) hits.push({ table, column, rows: Number(n) });
    }
  }
  return hits;
}

/** Every row of every table, in a stable order: equal dumps mean nothing changed. */
export async function dumpDatabase(sql: Sql): Promise<Record<string, unknown[]>> {
  // PostgreSQL cannot order by a json column: order by every column's text there.
  const key = (c: string) => (sql.dialect === 'sqlite' ? q(c) : `cast(${q(c)} as text)`);
  const out: [string, unknown[]][] = [];
  for (const t of await tables(sql))
    out.push([t, await sql.rows(`select * from ${q(t)} order by ${(await columns(sql, t)).map(key).join(', ')}`)]);
  return Object.fromEntries(out);
}
