// On PostgreSQL an outbox claim takes its row FOR UPDATE SKIP LOCKED (claimRow): a row another instance holds
// locked this instant is passed over at once, never waited for. Held here by an open transaction on another
// connection; a claim that waited would never return while it stays open (the transaction ends only after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { closeDatabase, openConfiguredDatabase, postgresPool } = await import('../../src/db/connection.js');
const { enqueue } = await import('../../src/bot/outbox.js');
const { claimRow } = await import('../../src/domain/delivery/outbox-store.js');

type Db = Awaited<ReturnType<typeof openConfiguredDatabase>>;
let db: Db;

beforeAll(async () => {
  db = await openConfiguredDatabase({ databaseUrl: await createDatabase(process.env.DATABASE_URL!), databasePath: '' });
});
afterAll(async () => {
  await closeDatabase(db);
  await cluster?.stop();
});

describe('outbox claims on PostgreSQL', () => {
  it('pass over a row another connection holds locked, and take it once it is let go', async () => {
    const now = 3_000_000;
    const id = await enqueue(
      db,
      {
        platform: 'slack',
        op: 'send',
        recipient: { kind: 'user', platformUserId: 'U1' },
        message: { kind: 'text', text: 'hi' },
      },
      now,
    );
    const claim = () => claimRow(db, id, { attempts: 1, owner: 'me', leaseUntil: now + 60_000, now });
    const other = await postgresPool(db)!.connect();
    try {
      await other.query('begin');
      await other.query('select id from outbox where id = $1 for update', [id]);
      expect(await claim()).toBe(false);
      await other.query('rollback');
      expect(await claim()).toBe(true);
    } finally {
      other.release();
    }
  });
});
