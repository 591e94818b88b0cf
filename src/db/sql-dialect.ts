// The few SQL fragments that differ between SQLite and PostgreSQL, written once here so the domain's queries
// stay dialect-neutral. Everything else the domain writes is drizzle's query builder, which both dialects speak.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isPostgres, type Db } from './connection.js';
import { DIALECT } from './dialect.js';

const pg = (): boolean => DIALECT === 'postgres';

/** A top-level field of a JSON object stored as text, as text (`'$.kind'` → `kind`). */
export function jsonText(column: SQLWrapper, field: string): SQL {
  return pg() ? sql`(${column}::jsonb ->> ${field})` : sql`json_extract(${column}, ${`$.${field}`})`;
}

/** A JSON array of integers stored as text holds `value`. */
export function jsonArrayHas(column: SQLWrapper, value: number): SQL {
  return pg()
    ? sql`(${column}::jsonb @> ${JSON.stringify([value])}::jsonb)`
    : sql`exists (select 1 from json_each(${column}) where value = ${value})`;
}

/** `text` contains `part` (case-sensitive; no pattern characters). */
export function containsText(text: SQLWrapper, part: string): SQL {
  return pg() ? sql`strpos(${text}, ${part}) > 0` : sql`instr(${text}, ${part}) > 0`;
}

/** Run a statement built with sql`…` (better-sqlite3's raw run is synchronous; node-postgres is not). */
export async function execute(db: Db, statement: SQL): Promise<void> {
  if (isPostgres(db)) await (db as unknown as { execute(s: SQL): Promise<unknown> }).execute(statement);
  else db.run(statement);
}
