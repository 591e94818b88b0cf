// npm run db:copy (scripts/db-copy.ts), run as the operator runs it, against a throwaway PostgreSQL cluster:
// the demo organisation with its history (npm run demo:seed into a temp SQLite file) is copied with every row,
// id and value (counts and checksums recomputed here from both databases), the identity sequences continue
// after the copied ids, the SQLite file is left untouched, and bad input is refused with a message.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { getTableColumns, is, type Column } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type PgDb } from '../../src/db/pg/connection.js';
import * as pgSchema from '../../src/db/pg/schema.js';
import * as sqliteSchema from '../../src/db/sqlite/schema.js';
import { tableChecksum, type Row } from '../../src/db/table-checksum.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with tsx as a child process; resolves with its exit code and output, whatever the code. */
function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { env: { ...process.env, NODE_ENV: 'test', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const copyTo = (from: string, to: string | undefined): Promise<Run> =>
  runScript('scripts/db-copy.ts', ['--from', from, ...(to === undefined ? [] : ['--to', to])]);

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const byName = (rows: Record<string, unknown>[], columns: Record<string, Column>): Row[] =>
  rows.map((row) =>
    Object.fromEntries(Object.entries(columns).map(([key, column]) => [column.name, row[key]] as const)),
  );

const sqliteTables = Object.values(sqliteSchema).filter((value) => is(value, SQLiteTable));
const pgTables = new Map(
  Object.values(pgSchema)
    .filter((value) => is(value, PgTable))
    .map((table) => [pgTableConfig(table).name, table] as const),
);

let dir = '';
let source = '';
let cluster: PostgresCluster | undefined;
let main: PgDb | undefined;
/** drizzle on the cluster's first database, the one the main copy goes into. */
function pgDb(): PgDb {
  if (main === undefined) throw new Error('no pool');
  return main;
}
let sourceHash = '';
const targets: pg.Client[] = [];

/** A new empty database on the cluster, with a client on it (ended in afterAll). */
async function database(name: string): Promise<pg.Client & { url: string }> {
  await pgDb().$client.query(`create database ${name}`);
  const url = cluster!.url.replace(/\/vitality$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  targets.push(client);
  return Object.assign(client, { url });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vitality-db-copy-'));
  source = join(dir, 'vitality.db');
  const [seeded, started] = await Promise.all([
    runScript('scripts/demo-seed.ts', [], { DATABASE_PATH: source }),
    startPostgres(),
  ]);
  cluster = started;
  expect(seeded.code, seeded.stderr).toBe(0);
  main = openPostgres(cluster.url, { max: 2 });
  sourceHash = fileHash(source);
}, 180_000);

afterAll(async () => {
  for (const client of targets) await client.end();
  await main?.$client.end();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
  it('without --to, or with a URL that is not PostgreSQL, prints the usage and exits 2', async () => {
    const missing = await copyTo(source, undefined);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: npm run db:copy -- --to postgres://');
    const mysql = await copyTo(source, 'mysql://127.0.0.1/vitality');
    expect(mysql.code).toBe(2);
    expect(mysql.stderr).toContain('--to must be a postgres://');
  });

  it('refuses a SQLite file whose migrations are not all applied, before touching the target', async () => {
    const old = join(dir, 'old.db');
    copyFileSync(source, old);
    const file = new Database(old);
    file
      .prepare('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)')
      .run();
    file.close();
    const run = await copyTo(old, cluster!.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Start the current Vitality on it once');
    const tables = await pgDb().$client.query(
      "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('copies every table with its rows, ids and values, checked by count and checksum', async () => {
    const run = await copyTo(source, cluster!.url);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('every count and checksum matches');
    expect(run.stdout).not.toContain('DIFFERS');

    // Recomputed here from both databases, not taken from the script's report.
    const file = new Database(source, { readonly: true });
    const sdb = sqliteDrizzle(file);
    const counts: Record<string, number> = {};
    try {
      for (const table of sqliteTables) {
        const config = sqliteTableConfig(table);
        const pgTable = pgTables.get(config.name)!;
        const composite = config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name));
        const shape = {
          columns: config.columns.map((c) => c.name),
          key: composite.length > 0 ? composite : config.columns.filter((c) => c.primary).map((c) => c.name),
        };
        const fromSqlite = tableChecksum(byName(sdb.select().from(table).all(), getTableColumns(table)), shape);
        const fromPg = tableChecksum(byName(await pgDb().select().from(pgTable), getTableColumns(pgTable)), shape);
        expect({ table: config.name, ...fromPg }).toEqual({ table: config.name, ...fromSqlite });
        counts[config.name] = fromPg.rows;
      }
    } finally {
      file.close();
    }
    for (const table of [
      'org_units',
      'employees',
      'employee_roles',
      'survey_waves',
      'survey_participation',
      'survey_responses',
      'survey_answers',
      'ledger_entries',
      'approval_requests',
      'approval_decisions',
      'audit_log',
    ]) {
      expect({ table, rows: (counts[table] ?? 0) > 0 }).toEqual({ table, rows: true });
    }
    expect(fileHash(source)).toBe(sourceHash);
  });

  it('moves the identity sequences past the copied ids', async () => {
    const before = await pgDb().$client.query<{ max: number }>('select max(id) as max from employees');
    const [person] = await pgDb().insert(pgSchema.employees).values({ name: 'Zhao Lei' }).returning();
    expect(person!.id).toBe(before.rows[0]!.max + 1);
    const [entry] = await pgDb()
      .insert(pgSchema.ledgerEntries)
      .values({ employeeId: person!.id, kind: 'award', points: 1, source: 'test' })
      .returning();
    const ledger = await pgDb().$client.query<{ max: number }>(
      'select max(id) as max from ledger_entries where id < $1',
      [entry!.id],
    );
    expect(entry!.id).toBe(ledger.rows[0]!.max + 1);
  });

  it('copies rows that reference a later row of their own table (a unit moved under a newer one, a cycle)', async () => {
    const moved = join(dir, 'moved.db');
    copyFileSync(source, moved);
    const file = new Database(moved);
    // Foreign keys are off on this connection (SQLite's default): a cycle of managers is possible in a real file.
    const top = file.prepare('select max(id) as id from org_units').get() as { id: number };
    file.prepare('update org_units set parent_id = ? where id = (select min(id) from org_units)').run(top.id);
    const last = file.prepare('select max(id) as id from employees').get() as { id: number };
    file.prepare('update employees set manager_id = ? where id = (select min(id) from employees)').run(last.id);
    file.close();
    const target = await database('moved');
    const run = await copyTo(moved, target.url);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const unit = await target.query('select parent_id from org_units where id = (select min(id) from org_units)');
    expect(unit.rows).toEqual([{ parent_id: top.id }]);
    const person = await target.query('select manager_id from employees where id = (select min(id) from employees)');
    expect(person.rows).toEqual([{ manager_id: last.id }]);
  });

  it('rolls back a copy that fails part-way: the target holds no rows', async () => {
    const bad = join(dir, 'bad.db');
    copyFileSync(source, bad);
    const file = new Database(bad);
    // PostgreSQL's text cannot hold a NUL character; SQLite's can. survey_comments is among the last tables copied.
    file
      .prepare('update survey_comments set text = text || char(0) where id = (select min(id) from survey_comments)')
      .run();
    file.close();
    const target = await database('failed');
    const run = await copyTo(bad, target.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The copy failed and was rolled back');
    const tables = await target.query(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    expect(tables.rows.length).toBe(pgTables.size);
    for (const { table_name: table } of tables.rows as { table_name: string }[]) {
      const rows = await target.query(`select count(*)::int as n from "${table}"`);
      expect({ table, rows: rows.rows[0] }).toEqual({ table, rows: { n: 0 } });
    }
  });

  it('refuses a target that already holds rows, naming the table, and changes nothing', async () => {
    const before = await pgDb().$client.query<{ n: number }>('select count(*)::int as n from employees');
    const run = await copyTo(source, cluster!.url);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/table [a-z_]+ already holds rows/);
    expect(await pgDb().$client.query('select count(*)::int as n from employees')).toMatchObject({ rows: before.rows });
    expect(fileHash(source)).toBe(sourceHash);
  });
});
