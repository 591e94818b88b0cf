// Test helpers for "this string is nowhere in the database": every column of every table (read from
// sqlite_schema and pragma table_info, so a table added later is searched too), and a full dump to show a
// refused operation changed nothing.
import type Database from 'better-sqlite3';

export interface Hit {
  table: string;
  column: string;
  rows: number;
}

function tables(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[]
  ).map((t) => t.name);
}

function columns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Every (table, column) whose value contains `needle`. Whatever the declared type: SQLite stores any type in
 * any column, so every column is cast to text (a blob is searched as its bytes read as text).
 */
export function findEverywhere(sqlite: Database.Database, needle: string): Hit[] {
  const hits: Hit[] = [];
  for (const table of tables(sqlite)) {
    for (const column of columns(sqlite, table)) {
      const { n } = sqlite
        .prepare(`select count(*) as n from ${q(table)} where instr(cast(${q(column)} as text), ?) > 0`)
        .get(needle) as { n: number };
      if (n) hits.push({ table, column, rows: n });
    }
  }
  return hits;
}

/** Every row of every table, in a stable order: equal dumps mean nothing changed. */
export function dumpDatabase(sqlite: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    tables(sqlite).map((t) => [
      t,
      sqlite.prepare(`select * from ${q(t)} order by ${columns(sqlite, t).map(q).join(', ')}`).all(),
    ]),
  );
}
