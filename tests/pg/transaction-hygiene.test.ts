// PostgreSQL transaction hygiene. Independent reads inside a unit of work run in Promise.all; on PostgreSQL they
// all reach the transaction's one client, which node-postgres runs in turn but warns about ("Calling
// client.query() when the client is already executing a query", refused by pg 9): the pool's clients queue their
// queries (src/db/pg/connection.ts), so callers need not care. And the table rewrite after deleting rows
// (scrubDeletedRows) reports a failure to the logger and tries once more, rather than dropping it.
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

// The tables the domain uses are chosen when src/db/schema.ts loads: PostgreSQL's, since DATABASE_URL is set
// before the first import of src (a run on PostgreSQL has set it already).
let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { closeDatabase, inTransaction, openConfiguredDatabase, scrubDeletedRows } =
  await import('../../src/db/connection.js');

type Db = Awaited<ReturnType<typeof openConfiguredDatabase>>;
let db: Db;
let url: string;
const lines: { level: 'warn' | 'error'; obj: { err?: unknown; tables?: unknown }; msg: string }[] = [];
const warnings: Error[] = [];
/** Raw SQL through the handle the domain holds (so inside a unit of work it runs on the transaction); the handle
 *  is typed as SQLite's, the dialect the domain's types are written against. */
const execute = <T extends Record<string, unknown>>(query: SQL) => (db as unknown as NodePgDatabase).execute<T>(query);
const onWarning = (w: Error) => warnings.push(w);
const ALREADY_EXECUTING = 'Calling client.query() when the client is already executing a query';
/** process 'warning' events are emitted on a later tick. */
const settle = () => new Promise((r) => setImmediate(r));

beforeAll(async () => {
  url = await createDatabase(process.env.DATABASE_URL!);
  db = await openConfiguredDatabase(
    { databaseUrl: url, databasePath: '' },
    {
      warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
      error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    },
  );
  process.on('warning', onWarning);
}, 120_000);

afterAll(async () => {
  process.off('warning', onWarning);
  if (db) await closeDatabase(db);
  await cluster?.stop();
});

describe('queries in parallel inside a PostgreSQL transaction', () => {
  it('20 reads in Promise.all all run in the transaction, with their own results, and pg warns of nothing', async () => {
    const results = await inTransaction(db, async () => {
      // Written in this transaction, so visible only on its client.
      await execute(sql`insert into inbound_events (platform, event_id) values ('sandbox', 'in-flight')`);
      return await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const r = await execute<{ i: number; seen: number; tx: string }>(
            sql`select ${i}::int as i, pg_sleep(0.005), txid_current()::text as tx,
                (select count(*)::int from inbound_events where event_id = 'in-flight') as seen`,
          );
          return r.rows[0]!;
        }),
      );
    });
    expect(results.map((r) => r.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results.every((r) => r.seen === 1)).toBe(true);
    expect(new Set(results.map((r) => r.tx)).size).toBe(1);
    await settle();
    expect(warnings.filter((w) => w.message.includes(ALREADY_EXECUTING))).toEqual([]);
  });

  it('(the check can fail: the same reads on a bare client do make pg warn)', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('begin');
      await Promise.all(Array.from({ length: 20 }, (_, i) => client.query('select $1::int, pg_sleep(0.005)', [i])));
      await client.query('commit');
    } finally {
      await client.end();
    }
    await settle();
    expect(warnings.some((w) => w.message.includes(ALREADY_EXECUTING))).toBe(true);
  });
});

describe('scrubDeletedRows on PostgreSQL', () => {
  it('logs a failed rewrite, tries once more later, and logs the second failure as an error', async () => {
    scrubDeletedRows(db, ['no_such_table'], 10);
    await vi.waitFor(() => expect(lines.map((l) => l.level)).toEqual(['warn', 'error']), { timeout: 10_000 });
    for (const l of lines) {
      expect(l.obj.tables).toEqual(['no_such_table']);
      expect(String(l.obj.err)).toContain('no_such_table');
    }
    expect(lines[1]!.msg).toContain('old row versions stay');
  });
});
