// The PostgreSQL schema (src/db/pg/schema.ts) is the SQLite schema (src/db/sqlite/schema.ts) in the other dialect:
// the same tables, and in each the same columns (names, nullability, defaults, TypeScript value types, enum
// values, unique), primary key, indexes and foreign keys. A column, index or key added to one side only fails
// here, naming the table.
import { is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/sqlite/schema.js';

interface ColumnShape {
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  /** A literal default as is; an SQL expression (the timestamps' "now") as 'sql'. */
  default: unknown;
  /** The TypeScript value type drizzle maps the column to ('number', 'string', 'boolean', 'buffer'…). */
  type: string;
  enumValues: string[] | null;
  unique: string | null;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  foreignKeys: string[];
}

interface ForeignKeyLike {
  onDelete?: string | undefined;
  onUpdate?: string | undefined;
  reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: unknown };
}

interface IndexLike {
  config: { name?: string | undefined; unique: boolean; columns: unknown[] };
}

interface ConfigLike {
  name: string;
  columns: Column[];
  primaryKeys: { columns: Column[] }[];
  indexes: IndexLike[];
  foreignKeys: ForeignKeyLike[];
}

function columnShape(column: Column): ColumnShape {
  // pg-core has no bytea column: src/db/pg/schema.ts declares one as a custom type holding a Buffer.
  const type = column.dataType === 'custom' && column.getSQLType() === 'bytea' ? 'buffer' : column.dataType;
  return {
    notNull: column.notNull,
    primary: column.primary,
    hasDefault: column.hasDefault,
    default: is(column.default, SQL) ? 'sql' : column.default,
    type,
    enumValues: column.enumValues ?? null,
    unique: column.isUnique ? (column.uniqueName ?? null) : null,
  };
}

function indexColumnName(column: unknown): string {
  if (column !== null && typeof column === 'object' && 'name' in column && typeof column.name === 'string') {
    return column.name;
  }
  return '(expression)';
}

function tableShape(config: ConfigLike, tableName: (table: unknown) => string): TableShape {
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) columns[column.name] = columnShape(column);
  const indexes: TableShape['indexes'] = {};
  for (const index of config.indexes) {
    indexes[index.config.name ?? '(unnamed)'] = {
      unique: index.config.unique,
      columns: index.config.columns.map(indexColumnName),
    };
  }
  return {
    columns,
    primaryKey: config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)),
    indexes,
    foreignKeys: config.foreignKeys
      .map((key) => {
        const { columns: from, foreignColumns, foreignTable } = key.reference();
        const to = `${tableName(foreignTable)}(${foreignColumns.map((c) => c.name).join(', ')})`;
        const actions = `on delete ${key.onDelete ?? 'no action'} on update ${key.onUpdate ?? 'no action'}`;
        return `${from.map((c) => c.name).join(', ')} -> ${to} ${actions}`;
      })
      .sort(),
  };
}

const sqliteName = (table: unknown): string => (is(table, SQLiteTable) ? sqliteTableConfig(table).name : '?');
const pgName = (table: unknown): string => (is(table, PgTable) ? pgTableConfig(table).name : '?');

const sqliteTables = new Map<string, TableShape>();
for (const value of Object.values(sqliteSchema)) {
  if (is(value, SQLiteTable)) {
    const config = sqliteTableConfig(value);
    sqliteTables.set(config.name, tableShape(config, sqliteName));
  }
}
const pgTables = new Map<string, TableShape>();
for (const value of Object.values(pgSchema)) {
  if (is(value, PgTable)) {
    const config = pgTableConfig(value);
    pgTables.set(config.name, tableShape(config, pgName));
  }
}

describe('the PostgreSQL schema matches the SQLite schema', () => {
  it('has the same tables', () => {
    expect(sqliteTables.size).toBeGreaterThan(40);
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...sqliteTables.keys()].sort())('%s: same columns, keys, indexes and foreign keys', (name) => {
    expect(pgTables.get(name)).toEqual(sqliteTables.get(name));
  });
});
