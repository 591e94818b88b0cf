// Many units of work that each append to the audit log at once (a burst of approvals: every decision is audited).
// Each reads the chain's last row and appends after it, so under SERIALIZABLE any two overlapping ones conflict and
// PostgreSQL aborts one. The press bench (issue 22) lost about a thousand approvals that way at 50 connections: the
// retries ran out. Every unit must commit, once, and the chain must still verify.
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { closeDatabase, openConfiguredDatabase } = await import('../../src/db/connection.js');
const { unitOfWork } = await import('../../src/domain/unit-of-work.js');
const { audit, verifyAuditChain } = await import('../../src/domain/audit.js');
const { sqlFor } = await import('../support/sql.js');

type Db = Awaited<ReturnType<typeof openConfiguredDatabase>>;
let db: Db;

beforeAll(async () => {
  db = await openConfiguredDatabase({ databaseUrl: await createDatabase(process.env.DATABASE_URL!), databasePath: '' });
});
afterAll(async () => {
  await closeDatabase(db);
  await cluster?.stop();
});

describe('PostgreSQL: a burst of audited units of work', () => {
  it('commits every one exactly once and keeps the chain intact', async () => {
    const N = 120;
    const runs = await Promise.allSettled(
      Array.from({ length: N }, async (_, i) => {
        await unitOfWork(db, async (tx) => {
          // A little work before and after, as a decision does: the window in which another unit commits. (Raw
          // SQL through the unit's own handle, so it runs on the transaction's connection.)
          await (tx as unknown as NodePgDatabase).execute(sql`select id from audit_log order by id desc limit 5`);
          await audit(tx, { kind: 'system' }, 'bench.burst', `unit:${i}`);
          await (tx as unknown as NodePgDatabase).execute(sql`select count(*) from audit_log`);
        });
      }),
    );
    expect(runs.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(
      [],
    );
    const rows = await sqlFor(db).rows<{ subject: string }>(
      "select subject from audit_log where action = 'bench.burst' order by id",
    );
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(N);
    expect(await verifyAuditChain(db)).toEqual({ intact: true, rows: expect.any(Number) as number });
  });
});
