// migrations/pg on a real PostgreSQL server (a throwaway cluster, tests/support/postgres.ts): drizzle's
// node-postgres migrator applies them to an empty database, every table of src/db/pg/schema.ts is there, and
// the append-only tables refuse UPDATE, DELETE and TRUNCATE as their SQLite triggers do (audit_log rows up to
// the retention mark excepted).
import { readFileSync } from 'node:fs';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/pg/schema.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

const MIGRATIONS = 'migrations/pg';
const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
const tableNames = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableConfig(table).name)
  .sort();

let cluster: PostgresCluster | undefined;
let pool: pg.Pool | undefined;
let db: NodePgDatabase<typeof schema>;

const query = (text: string) => {
  if (pool === undefined) throw new Error('no pool');
  return pool.query(text);
};

beforeAll(async () => {
  cluster = await startPostgres();
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  // Stopping the cluster ends any connection still closing with 57P01 ("terminating connection due to
  // administrator command"): expected at teardown. Anything else is a real failure and is thrown.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
});

afterAll(async () => {
  await pool?.end();
  await cluster?.stop();
});

describe('PostgreSQL migrations', () => {
  it('apply every migration of the journal and create every table of the schema', async () => {
    const applied = await query('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(applied.rows).toEqual([{ n: journal.entries.length }]);
    const tables = await query(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    );
    expect(tableNames.length).toBeGreaterThan(40);
    expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual(tableNames);
  });

  it('fill defaults as SQLite does: ISO timestamps in UTC with milliseconds, booleans, identities', async () => {
    const [unit] = await db
      .insert(schema.orgUnits)
      .values({ name: 'Qingyun', kind: 'company', path: 'Qingyun' })
      .returning();
    const [person] = await db.insert(schema.employees).values({ name: 'Li Wei', unitId: unit!.id }).returning();
    expect(unit).toMatchObject({ id: 1, active: true, parentId: null });
    expect(person!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(person!.createdAt) - Date.now())).toBeLessThan(60_000);
  });

  describe('append-only tables', () => {
    let employeeId = 0;
    beforeAll(async () => {
      const [person] = await db.insert(schema.employees).values({ name: 'Wang Fang' }).returning();
      employeeId = person!.id;
      await db.insert(schema.ledgerEntries).values({ employeeId, kind: 'award', points: 5, source: 'request:1' });
      await db.insert(schema.approvalFlows).values({ key: 'points', definition: '{}' });
      const [request] = await db
        .insert(schema.approvalRequests)
        .values({ flowKey: 'points', flowSnapshot: '{}', applicantId: employeeId, payload: '{}', stepStartedAt: 'x' })
        .returning();
      await db
        .insert(schema.approvalDecisions)
        .values({ requestId: request!.id, stepIndex: 0, actorId: employeeId, kind: 'submit' });
      await db.insert(schema.auditLog).values({ actorKind: 'system', action: 'test.one', hash: 'h1' });
      await db.insert(schema.auditLog).values({ actorKind: 'system', action: 'test.two', hash: 'h2' });
      await db.insert(schema.auditPrune).values({ uptoId: 0, uptoHash: 'h0', at: 'x' });
    });

    it.each([
      ['ledger_entries', 'points = points + 1'],
      ['approval_decisions', "comment = 'edited'"],
      ['audit_log', "action = 'edited'"],
      ['audit_prune', 'upto_id = upto_id + 1'],
    ])('%s refuses UPDATE, DELETE and TRUNCATE', async (table, change) => {
      const before = await query(`select * from ${table} order by id`);
      expect(before.rows.length).toBeGreaterThan(0);
      await expect(query(`update ${table} set ${change}`)).rejects.toThrow(`${table} is append-only`);
      await expect(query(`delete from ${table}`)).rejects.toThrow(`${table} is append-only`);
      await expect(query(`truncate ${table} cascade`)).rejects.toThrow(`${table} is append-only`);
      expect((await query(`select * from ${table} order by id`)).rows).toEqual(before.rows);
    });

    it('audit_log allows deleting rows up to the latest retention mark only', async () => {
      const rows = await query('select id from audit_log order by id');
      const [first, second] = rows.rows.map((row: { id: number }) => row.id);
      await db.insert(schema.auditPrune).values({ uptoId: first!, uptoHash: 'h1', at: 'y' });
      await expect(query(`delete from audit_log where id = ${second!}`)).rejects.toThrow('audit_log is append-only');
      await query(`delete from audit_log where id <= ${first!}`);
      expect((await query('select id from audit_log order by id')).rows).toEqual([{ id: second }]);
    });
  });
});
