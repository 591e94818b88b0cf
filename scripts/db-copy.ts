// npm run db:copy -- --to postgres://… [--from data/vitality.db]
// Moves a SQLite deployment to PostgreSQL: applies migrations/pg to the target, copies every table in one
// PostgreSQL transaction (a failure leaves the target empty), keeps the ids and moves the identity sequences
// past them, then checks each table's row count and checksum (src/db/table-checksum.ts) against the rows read
// back from PostgreSQL — inside the transaction (a difference rolls it back) and again after the commit.
// The SQLite file is opened read-only and read in one snapshot. Stop Vitality first: what it writes to the
// file after the snapshot is not copied.
// Anonymity (docs/ARCHITECTURE.md): every row gets the one transaction id of the copy, and each table is written
// in primary-key order (random keys for the survey response tables), so neither xmin nor the heap order links a
// participation row to a response.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { and, eq, getTableColumns, is, sql, type Column } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { isPostgresUrl } from '../src/db/dialect.js';
import {
  appliedPgMigrations,
  openPostgres,
  readPgJournal,
  runPgMigrations,
  type PgDb,
} from '../src/db/pg/connection.js';
import * as pgSchema from '../src/db/pg/schema.js';
import * as sqliteSchema from '../src/db/sqlite/schema.js';
import { tableChecksum, sortRows, type Row, type TableShape } from '../src/db/table-checksum.js';

const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/database [--from <sqlite file>]
Copies the SQLite database (--from, else DATABASE_PATH, else ./data/vitality.db) into an empty PostgreSQL
database, then checks every table's row count and checksum. Stop Vitality before copying.`;

const SQLITE_JOURNAL = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations/meta/_journal.json');
// PostgreSQL allows 65,535 parameters per statement: 500 rows of the widest table (outbox, 18 columns) fit.
const BATCH = 500;

/** A refusal or failure with a message for the operator (no stack trace). */
class Refused extends Error {}
/** The rows read back inside the transaction differ from the source: roll back. */
class Differs extends Error {}

type Db = PgDb;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface Pair extends TableShape {
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** Column name -> the drizzle property key on each side. */
  sqliteKeys: Map<string, string>;
  pgKeys: Map<string, string>;
  /** Columns referencing this same table (org_units.parent_id, employees.manager_id) and the column they name. */
  selfRefs: { column: string; target: string }[];
  /** Names of the tables this one references. */
  parents: string[];
}

const keysByName = (columns: Record<string, Column>): Map<string, string> =>
  new Map(Object.entries(columns).map(([key, column]) => [column.name, key]));

function tablePairs(): Pair[] {
  const pgTables = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema)) if (is(value, PgTable)) pgTables.set(pgTableConfig(value).name, value);
  const pairs: Pair[] = [];
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteTableConfig(value);
    const pg = pgTables.get(config.name);
    if (pg === undefined)
      throw new Refused(`Table ${config.name} has no PostgreSQL counterpart in src/db/pg/schema.ts.`);
    const pgConfig = pgTableConfig(pg);
    const composite = config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name));
    const selfRefs: Pair['selfRefs'] = [];
    const parents = new Set<string>();
    for (const fk of pgConfig.foreignKeys) {
      const ref = fk.reference();
      const target = pgTableConfig(ref.foreignTable).name;
      if (target !== config.name) parents.add(target);
      else
        ref.columns.forEach((column, i) => selfRefs.push({ column: column.name, target: ref.foreignColumns[i]!.name }));
    }
    pairs.push({
      name: config.name,
      sqlite: value,
      pg,
      columns: config.columns.map((c) => c.name),
      key: composite.length > 0 ? composite : config.columns.filter((c) => c.primary).map((c) => c.name),
      sqliteKeys: keysByName(getTableColumns(value)),
      pgKeys: keysByName(getTableColumns(pg)),
      selfRefs,
      parents: [...parents],
    });
  }
  return parentsFirst(pairs);
}

/** Tables ordered so every table comes after the tables it references (schema order otherwise). */
function parentsFirst(pairs: Pair[]): Pair[] {
  const done = new Set<string>();
  const ordered: Pair[] = [];
  let left = pairs;
  while (left.length > 0) {
    const ready = left.filter((p) => p.parents.every((parent) => done.has(parent)));
    if (ready.length === 0) throw new Refused(`Foreign keys form a cycle among: ${left.map((p) => p.name).join(', ')}`);
    for (const p of ready) done.add(p.name);
    ordered.push(...ready);
    left = left.filter((p) => !done.has(p.name));
  }
  return ordered;
}

/** drizzle rows (property keys) -> rows keyed by column name, the form both sides are compared in. */
const byName = (rows: Record<string, unknown>[], keys: Map<string, string>): Row[] =>
  rows.map((row) => Object.fromEntries([...keys].map(([name, key]) => [name, row[key]])));
const toKeys = (row: Row, keys: Map<string, string>): Record<string, unknown> =>
  Object.fromEntries([...keys].map(([name, key]) => [key, row[name]]));

interface Report {
  name: string;
  sqlite: { rows: number; sha256: string };
  pg: { rows: number; sha256: string };
}
const matches = (r: Report): boolean => r.sqlite.rows === r.pg.rows && r.sqlite.sha256 === r.pg.sha256;

function printReport(unsorted: Report[]): void {
  const reports = [...unsorted].sort((a, b) => (a.name < b.name ? -1 : 1));
  const width = Math.max(5, ...reports.map((r) => r.name.length));
  console.log(`${'table'.padEnd(width)}  ${'sqlite'.padStart(8)}  ${'postgres'.padStart(8)}  sha256 (sqlite)   result`);
  for (const r of reports) {
    const ok = matches(r);
    console.log(
      `${r.name.padEnd(width)}  ${String(r.sqlite.rows).padStart(8)}  ${String(r.pg.rows).padStart(8)}  ` +
        `${r.sqlite.sha256.slice(0, 16)}  ${ok ? 'ok' : `DIFFERS (postgres ${r.pg.sha256.slice(0, 16)})`}`,
    );
  }
}

async function readPg(db: Db | Tx, pairs: Pair[], source: Map<string, Report['sqlite']>): Promise<Report[]> {
  const reports: Report[] = [];
  for (const pair of pairs) {
    const rows = byName(await db.select().from(pair.pg), pair.pgKeys);
    reports.push({ name: pair.name, sqlite: source.get(pair.name)!, pg: tableChecksum(rows, pair) });
  }
  return reports;
}

function parseCommandLine(): { from: string; to: string } {
  let values: { from?: string | undefined; to?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const args = z
    .object({
      to: z.string().refine(isPostgresUrl),
      from: z.string().min(1),
    })
    .safeParse({ to: values.to, from: values.from ?? process.env.DATABASE_PATH ?? './data/vitality.db' });
  if (!args.success) {
    console.error(values.to === undefined ? USAGE : `--to must be a postgres:// (or postgresql://) URL.\n\n${USAGE}`);
    process.exit(2);
  }
  return args.data;
}

function openSource(path: string): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Refused(`Cannot open the SQLite database ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const journal = z
    .object({ entries: z.array(z.object({ when: z.number() })) })
    .parse(JSON.parse(readFileSync(SQLITE_JOURNAL, 'utf8')));
  let applied: number;
  try {
    applied = z
      .object({ n: z.number() })
      .parse(sqlite.prepare('select count(*) as n from __drizzle_migrations').get()).n;
  } catch {
    applied = 0;
  }
  if (applied !== journal.entries.length) {
    sqlite.close();
    throw new Refused(
      applied < journal.entries.length
        ? `${path} has ${applied} of this version's ${journal.entries.length} migrations applied. Start the current ` +
            'Vitality on it once (it migrates the file at start), stop it, then copy.'
        : `${path} was migrated by a newer Vitality (${applied} migrations, this version knows ` +
            `${journal.entries.length}): copy it with that version.`,
    );
  }
  return sqlite;
}

async function copy(tx: Tx, pairs: Pair[], readSqlite: (pair: Pair) => Row[]): Promise<void> {
  // Nobody else writes while the copy runs (a Vitality started on the target waits); reads go on.
  await tx.execute(sql.raw(`lock table ${pairs.map((p) => `"${p.name}"`).join(', ')} in exclusive mode`));
  for (const pair of pairs) {
    const found = await tx.execute(sql`select exists (select 1 from ${pair.pg}) as found`);
    if (found.rows[0]?.found === true) {
      throw new Refused(
        `The target database is not empty: table ${pair.name} already holds rows. db:copy only fills a new, ` +
          'empty database; it never merges into a live one.',
      );
    }
  }
  for (const pair of pairs) {
    const rows = readSqlite(pair);
    // A row referencing a row of its own table not inserted yet (a unit moved under a later one, a manager with
    // a higher id) goes in with that column empty, set once every row is in.
    const inserted = new Map(pair.selfRefs.map((ref) => [ref.target, new Set<unknown>()]));
    const later: { row: Row; column: string }[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH).map((row) => {
        const copy: Record<string, unknown> = { ...row };
        for (const ref of pair.selfRefs) {
          if (row[ref.column] !== null && !inserted.get(ref.target)!.has(row[ref.column])) {
            copy[ref.column] = null;
            later.push({ row, column: ref.column });
          }
        }
        for (const ref of pair.selfRefs) inserted.get(ref.target)!.add(row[ref.target]);
        return toKeys(copy, pair.pgKeys);
      });
      if (batch.length > 0) await tx.insert(pair.pg).values(batch as never);
    }
    for (const { row, column } of later) {
      const where = pair.key.map((name) => eq(getTableColumns(pair.pg)[pair.pgKeys.get(name)!]!, row[name]));
      await tx
        .update(pair.pg)
        .set({ [pair.pgKeys.get(column)!]: row[column] } as never)
        .where(and(...where));
    }
  }
  // Explicit ids leave the identity sequences at 1: move each past the highest id copied.
  const identities = await tx.execute<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of identities.rows) {
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce(max("${column}"), 0) + 1, false) from "${table}"`,
      ),
    );
  }
}

async function main(): Promise<number> {
  const { from, to } = parseCommandLine();
  const pairs = tablePairs();
  const sqlite = openSource(from);
  const db = openPostgres(to, { max: 2 });
  try {
    try {
      await db.$client.query('select 1');
    } catch (err) {
      throw new Refused(`Cannot reach PostgreSQL at --to: ${err instanceof Error ? err.message : String(err)}`);
    }
    await runPgMigrations(db);
    const known = new Set(readPgJournal().entries.map((e) => e.when));
    if ((await appliedPgMigrations(db)).some((when) => !known.has(when))) {
      throw new Refused('The target database was migrated by a newer Vitality: copy with that version.');
    }

    // One read transaction: every table from the same snapshot of the file. A table is read when it is copied
    // and let go after, so only the largest table is in memory at once.
    sqlite.exec('begin');
    const sdb = sqliteDrizzle(sqlite);
    const source = new Map<string, Report['sqlite']>();
    const readSqlite = (pair: Pair): Row[] => {
      const rows = sortRows(byName(sdb.select().from(pair.sqlite).all(), pair.sqliteKeys), pair);
      source.set(pair.name, tableChecksum(rows, pair));
      return rows;
    };

    let inTransaction: Report[] = [];
    try {
      await db.transaction(async (tx) => {
        await copy(tx, pairs, readSqlite);
        inTransaction = await readPg(tx, pairs, source);
        if (!inTransaction.every(matches)) throw new Differs();
      });
    } catch (err) {
      if (err instanceof Refused) throw err;
      if (err instanceof Differs) {
        printReport(inTransaction);
        console.error('\nThe copy differs from the SQLite database: rolled back, the target holds no rows.');
        return 1;
      }
      const why = err instanceof Error ? err.message : String(err);
      throw new Refused(`The copy failed and was rolled back; the target holds no rows. ${why}`, { cause: err });
    }
    // Read back what was committed, by new queries, not the rows the copy sent.
    const reports = await readPg(db, pairs, source);
    printReport(reports);
    if (!reports.every(matches)) {
      console.error('\nAfter the commit, the PostgreSQL database differs from the SQLite one (see above).');
      return 1;
    }
    const total = reports.reduce((n, r) => n + r.pg.rows, 0);
    console.log(`\nCopied ${total} rows in ${reports.length} tables from ${from}; every count and checksum matches.`);
    return 0;
  } finally {
    sqlite.close();
    await db.$client.end();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof Refused) console.error(err.message);
  else console.error('db:copy failed:', err);
  process.exitCode = 1;
}
