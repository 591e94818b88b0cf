// A PostgreSQL database upgraded by a newer Vitality (a rolled-back deploy, an old instance left running): as on
// SQLite (tests/integration/start-newer-database.test.ts), this version refuses to start, names the migrations it
// does not know and its own newest one, exits non-zero, and leaves the database as it found it.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, runPgMigrations } from '../../src/db/pg/connection.js';
import { freePort } from '../support/free-port.js';
import { runMainUntilExit } from '../support/main-process.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

const journal = JSON.parse(readFileSync('migrations/pg/meta/_journal.json', 'utf8')) as {
  entries: { when: number; tag: string }[];
};
const newest = journal.entries.at(-1)!;

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => cluster?.stop());

/** A database this version migrated. */
async function migratedDatabase(): Promise<string> {
  const url = await createDatabase(cluster.url);
  const db = openPostgres(url, { max: 1 });
  await runPgMigrations(db);
  await db.$client.end();
  return url;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Everything a start could change: the tables, the migrations applied, the people. */
const snapshot = (url: string) =>
  withClient(url, async (c) => ({
    tables: (
      await c.query<{ name: string }>(
        "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') order by 1",
      )
    ).rows.map((r) => r.name),
    migrations: (await c.query('select id, hash, created_at from drizzle.__drizzle_migrations order by id')).rows,
    employees: (await c.query<{ n: number }>('select count(*)::int as n from employees')).rows[0]!.n,
  }));

describe('a PostgreSQL database newer than the code', () => {
  it('is refused at start with a plain reason naming the versions, a non-zero exit, and nothing changed', async () => {
    const url = await migratedDatabase();
    const future = newest.when + 86_400_000;
    // What a newer version's next migration leaves behind.
    await withClient(url, (c) =>
      c.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [
        'a-migration-from-the-future',
        future,
      ]),
    );
    const before = await snapshot(url);
    expect(before.employees).toBe(0);

    const r = await runMainUntilExit({
      DATABASE_URL: url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DEMO_SEED: 'auto',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 migration(s) this version of Vitality does not know');
    // The unknown migration by the time it was made, and this version's newest by its name.
    expect(r.stderr).toContain(new Date(future).toISOString().slice(0, 10));
    expect(r.stderr).toContain(newest.tag);
    expect(r.stderr).not.toContain('    at '); // a reason, not a stack trace

    // Nothing was written: no demo organisation seeded, no table or migration row added.
    expect(await snapshot(url)).toEqual(before);
  }, 60_000);

  it('starts on a database this version migrated itself', async () => {
    const url = await migratedDatabase();
    // Started and serving until killed (no exit code of its own); the demo organisation it seeds shows it ran.
    const r = await runMainUntilExit(
      { DATABASE_URL: url, PORT: String(await freePort()), HOST: '127.0.0.1', DEMO_SEED: 'always' },
      20_000,
    );
    expect(r.stderr).not.toContain('does not know');
    expect(r.code).toBeNull();
    expect((await snapshot(url)).employees).toBeGreaterThan(0);
  }, 60_000);
});
