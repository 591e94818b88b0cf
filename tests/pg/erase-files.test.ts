// erasePerson on PostgreSQL, read as someone holding the data folder would: once the erasure has committed and
// the tables it touched were rewritten (VACUUM FULL, scrubDeletedRows), no file of the database's own folder
// (base/<oid>: every table, index and TOAST file) holds the person's name or e-mail. An untouched copy of the
// same organisation holds all three in its files, so the check can fail. The write-ahead log (pg_wal) keeps them
// until its segments are recycled, as the README's "Anonymity on PostgreSQL" says; it is not looked at here.
// The SQLite counterpart (the database file and its WAL) is in tests/integration/privacy-erase-domain.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

// The tables the domain uses are chosen when src/db/schema.ts loads: PostgreSQL's, since DATABASE_URL is set
// before the first import of src (a run on PostgreSQL has set it already).
let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { closeDatabase, inTransaction, openConfiguredDatabase, postgresPool } =
  await import('../../src/db/connection.js');
const { seedDemoOrg } = await import('../../src/domain/org/demo-org.js');
const { erasePerson } = await import('../../src/domain/privacy/erase-person.js');

type Db = Awaited<ReturnType<typeof openConfiguredDatabase>>;
const TRACES = ['何俊', 'Jun He', 'he.jun@qingyun.example'];
const NOW = new Date('2030-01-01T00:00:00Z');

afterAll(async () => {
  await cluster?.stop();
});

async function seeded(): Promise<{ db: Db; url: string }> {
  const url = await createDatabase(process.env.DATABASE_URL!);
  const db = await openConfiguredDatabase({ databaseUrl: url, databasePath: '' });
  await seedDemoOrg(db);
  return { db, url };
}

const one = async <T>(db: Db, text: string, params: unknown[] = []): Promise<T> =>
  (await postgresPool(db)!.query(text, params)).rows[0] as T;

/** Every file of the database's folder, after a checkpoint has written what the server held in memory. */
async function folderBytes(url: string): Promise<Buffer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    const { dir } = (await client.query<{ dir: string }>("select current_setting('data_directory') as dir")).rows[0]!;
    const { oid } = (
      await client.query<{ oid: string }>('select oid::text from pg_database where datname = current_database()')
    ).rows[0]!;
    const folder = join(dir, 'base', oid);
    return Buffer.concat(
      readdirSync(folder)
        .map((name) => join(folder, name))
        .filter((file) => statSync(file).isFile())
        .map((file) => readFileSync(file)),
    );
  } finally {
    await client.end();
  }
}

describe('erasePerson and the database files (PostgreSQL)', () => {
  it("leaves the name and e-mail in none of the database's table or index files", async () => {
    const control = await seeded();
    await closeDatabase(control.db);
    const untouched = await folderBytes(control.url);
    for (const trace of TRACES) expect(untouched.includes(Buffer.from(trace)), trace).toBe(true);

    const { db, url } = await seeded();
    const idOf = async (email: string) =>
      (await one<{ id: number }>(db, 'select id from employees where email = $1', [`${email}@qingyun.example`])).id;
    const he = await idOf('he.jun');
    const hr = await idOf('lin.xiaowen');
    const fileBefore = await one<{ n: string }>(db, "select pg_relation_filenode('employees')::text as n");
    await postgresPool(db)!.query('update employees set active = false where id = $1', [he]);
    const erased = await inTransaction(
      db,
      async () => await erasePerson(db, he, { kind: 'employee', employeeId: hr }, NOW),
    );
    expect(erased).toMatchObject({ ok: true });
    // The rewrite runs right after the commit, on the pool; wait for the table's new file (VACUUM FULL writes
    // one; the old one is emptied at once and removed at the next checkpoint).
    const filenode = async () =>
      (await one<{ n: string }>(db, "select pg_relation_filenode('employees')::text as n")).n;
    for (let i = 0; i < 100 && (await filenode()) === fileBefore.n; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await filenode()).not.toBe(fileBefore.n);
    await closeDatabase(db);

    const bytes = await folderBytes(url);
    for (const trace of TRACES) expect(bytes.includes(Buffer.from(trace)), trace).toBe(false);
  });

  it('a shutdown right after the erasure waits for the rewrite rather than cutting it off', async () => {
    const { db, url } = await seeded();
    const { id: he } = await one<{ id: number }>(db, 'select id from employees where email = $1', [
      'he.jun@qingyun.example',
    ]);
    const { id: hr } = await one<{ id: number }>(db, 'select id from employees where email = $1', [
      'lin.xiaowen@qingyun.example',
    ]);
    await postgresPool(db)!.query('update employees set active = false where id = $1', [he]);
    const erased = await inTransaction(
      db,
      async () => await erasePerson(db, he, { kind: 'employee', employeeId: hr }, NOW),
    );
    expect(erased).toMatchObject({ ok: true });
    await closeDatabase(db);

    const bytes = await folderBytes(url);
    for (const trace of TRACES) expect(bytes.includes(Buffer.from(trace)), trace).toBe(false);
  });
});
