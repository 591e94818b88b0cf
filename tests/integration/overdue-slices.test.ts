// The minute tick's overdue approvals in slices (issue 22): more due requests than one slice holds are each
// reminded once and escalated once, whether the slices run in one tick, in two ticks at once or on two
// connections; a request reminded within the period is not picked again; and the scan reads through the
// approval_requests indexes, not the whole pending backlog.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tick, type TickPacing } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, isPostgres, openConfiguredDatabase, postgresPool, type Db } from '../../src/db/connection.js';
import {
  overdueQueries,
  overdueSlice,
  submitRequest,
  type OverdueCursor,
  type OverdueItem,
} from '../../src/domain/approvals/requests.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { ownDatabase } from '../support/own-database.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const HOUR = 60 * 60 * 1000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' });
const cfg = { remindAfterMs: 24 * HOUR, escalateAfterMs: 72 * HOUR };
/** Two requests a slice, so seven due requests take four slices. */
const SMALL: TickPacing = { sliceRows: 2, sliceMs: 60_000, budgetMs: 60_000 };
const platforms = new Set(['sandbox'] as const);
const COUNT = 7;

async function opened(): Promise<{ open: () => Promise<Db>; file: string }> {
  const own = await ownDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-overdue-')), 'test.db'));
  return {
    open: () => openConfiguredDatabase({ databasePath: own.DATABASE_PATH, databaseUrl: own.DATABASE_URL }),
    file: own.DATABASE_PATH,
  };
}

/** One minute's tick at `now` in a process of its own on the SQLite file (tests/support/tick-process.ts). */
async function tickProcess(file: string, now: Date): Promise<{ errors: string[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'tests/support/tick-process.ts', file, new Date(now.getTime() - 1_000).toISOString(), '1'],
    { timeout: 120_000 },
  );
  return JSON.parse(stdout) as { errors: string[] };
}

/** COUNT claims waiting on Ming Li (Wei Zhang's manager), submitted at NOW. */
async function claims(db: Db): Promise<number[]> {
  await seedDemoOrg(db);
  const sql = sqlFor(db);
  const wei = (await sql.row<{ id: number }>("select id from employees where email = 'zhang.wei@qingyun.example'"))!.id;
  const ids: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    const r = await unitOfWork(db, (tx) =>
      submitRequest(tx, {
        applicantId: wei,
        payload: { kind: 'point_claim', tagId: 1, description: `Claim ${i}`, quantities: [], points: 120 },
        now: NOW,
      }),
    );
    if (!r.ok) throw new Error(r.code);
    ids.push(r.request.id);
  }
  return ids;
}

/** Per request: reminder cards enqueued (sends to the current approvers) and escalations on its timeline. */
async function counts(db: Db, ids: number[]) {
  const sql = sqlFor(db);
  const out: { sends: number; escalations: number; approvers: number[] }[] = [];
  for (const id of ids) {
    const sends = await sql.row<{ n: number }>(
      "select count(*) as n from outbox where card_key = ? and op = 'send'",
      `approval:${id}`,
    );
    const escalations = await sql.row<{ n: number }>(
      "select count(*) as n from approval_decisions where request_id = ? and kind = 'escalate'",
      id,
    );
    const row = await sql.row<{ approvers: string }>('select approvers from approval_requests where id = ?', id);
    out.push({
      sends: Number(sends!.n),
      escalations: Number(escalations!.n),
      approvers: JSON.parse(row!.approvers) as number[],
    });
  }
  return out;
}

const personId = async (db: Db, user: string) =>
  (await sqlFor(db).row<{ id: number }>('select id from employees where email = ?', `${user}@qingyun.example`))!.id;

describe('overdue approvals in slices', () => {
  it('a slice takes at most its rows and says where the next starts; the slices together do each request once', async () => {
    const { open } = await opened();
    const db = await open();
    const ids = await claims(db);
    const sizes: number[] = [];
    const reminded: number[] = [];
    for (let from: OverdueCursor | undefined = { phase: 'escalate' }; from;) {
      const cursor: OverdueCursor = from;
      const s: { items: OverdueItem[]; next: OverdueCursor | undefined } = await unitOfWork(db, (tx) =>
        overdueSlice(tx, at(25), cfg, cursor, { rows: 3 }),
      );
      sizes.push(s.items.length);
      reminded.push(...s.items.map((i) => i.request.id));
      from = s.next;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(reminded.sort((a, b) => a - b)).toEqual(ids);
    await closeDatabase(db);
  });

  it('more due than one slice: each reminded once, not again within the period, then escalated once', async () => {
    const { open } = await opened();
    const db = await open();
    const ids = await claims(db);
    const ming = await personId(db, 'li.ming');
    const ceo = await personId(db, 'chen.zhiyuan');

    expect((await tick(db, config, platforms, at(23), SMALL)).approvalsReminded).toBe(0);
    const first = await tick(db, config, platforms, at(25), SMALL);
    expect(first).toMatchObject({ approvalsReminded: COUNT, approvalsEscalated: 0, approvalsLeft: false });
    expect(await counts(db, ids)).toEqual(ids.map(() => ({ sends: 1, escalations: 0, approvers: [ming] })));
    // Reminded 1 h ago, within the period: not picked again.
    expect((await tick(db, config, platforms, at(26), SMALL)).approvalsReminded).toBe(0);
    expect(await counts(db, ids)).toEqual(ids.map(() => ({ sends: 1, escalations: 0, approvers: [ming] })));

    const escalated = await tick(db, config, platforms, at(73), SMALL);
    expect(escalated).toMatchObject({ approvalsReminded: 0, approvalsEscalated: COUNT });
    expect((await tick(db, config, platforms, at(73.5), SMALL)).approvalsEscalated).toBe(0);
    const after = await counts(db, ids);
    expect(after.map((c) => [c.escalations, c.approvers])).toEqual(ids.map(() => [1, [ceo]]));
    await closeDatabase(db);
  });

  it('a time budget spent leaves the rest due for the next minute, which does it', async () => {
    const { open } = await opened();
    const db = await open();
    const ids = await claims(db);
    const none = await tick(db, config, platforms, at(25), { ...SMALL, budgetMs: 0 });
    expect(none).toMatchObject({ approvalsReminded: 0, approvalsLeft: true });
    expect((await tick(db, config, platforms, at(25.1), SMALL)).approvalsReminded).toBe(COUNT);
    expect((await counts(db, ids)).map((c) => c.sends)).toEqual(ids.map(() => 1));
    await closeDatabase(db);
  });

  it('two ticks at once, on one connection and on two instances: none twice', async () => {
    const { open, file } = await opened();
    const a = await open();
    const ids = await claims(a);
    const ceo = await personId(a, 'chen.zhiyuan');

    const same = await Promise.all([
      tick(a, config, platforms, at(25), SMALL),
      tick(a, config, platforms, at(25), SMALL),
    ]);
    expect(same.map((r) => r.approvalsReminded).reduce((x, y) => x + y)).toBe(COUNT);
    expect((await counts(a, ids)).map((c) => c.sends)).toEqual(ids.map(() => 1));

    // Two instances: on PostgreSQL a second pool in this process; on SQLite a second process (one process
    // holds one connection to its file: two here would wait on each other's write lock inside one event loop).
    const both = async (hours: number) => {
      if (!isPostgres(a)) {
        const runs = await Promise.all([tickProcess(file, at(hours)), tickProcess(file, at(hours))]);
        expect(runs.flatMap((r) => r.errors)).toEqual([]);
        return;
      }
      const b = await open();
      await Promise.all([tick(a, config, platforms, at(hours), SMALL), tick(b, config, platforms, at(hours), SMALL)]);
      await closeDatabase(b);
    };
    await both(50);
    expect((await counts(a, ids)).map((c) => c.sends)).toEqual(ids.map(() => 2));
    await both(73);
    expect((await counts(a, ids)).map((c) => [c.escalations, c.approvers])).toEqual(ids.map(() => [1, [ceo]]));
    await closeDatabase(a);
  });

  it('the overdue queries read through the indexes, never a scan of approval_requests', async () => {
    const { open } = await opened();
    const db = await open();
    const plans: string[] = [];
    for (const after of [undefined, { startedAt: NOW.toISOString(), id: 3 }]) {
      const q = overdueQueries(db, at(100), cfg, after, 200);
      for (const query of [q.escalating, q.neverReminded(200), q.reminderLapsed(200)]) {
        const { sql, params } = query.toSQL();
        if (isPostgres(db)) {
          // PostgreSQL plans by its statistics (a seq scan wins on a tiny table): with seq scans priced out,
          // the plan shows each condition is one an index can serve.
          const client = await postgresPool(db)!.connect();
          try {
            await client.query('set enable_seqscan = off');
            const r = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, params);
            plans.push(r.rows.map((row) => row['QUERY PLAN']).join('\n'));
          } finally {
            await client.query('reset enable_seqscan');
            client.release();
          }
        } else
          plans.push(
            (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[])
              .map((r) => r.detail)
              .join('\n'),
          );
      }
    }
    for (const plan of plans) {
      expect(plan).toMatch(/approval_requests_status_(started|reminded)_idx/);
      expect(plan).not.toMatch(/SCAN approval_requests|Seq Scan/);
      // SQLite's plan does not depend on statistics: no sort either (on PostgreSQL, a sort of the rows the
      // index condition found — due rows only — may win on a near-empty table).
      if (!isPostgres(db)) expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    await closeDatabase(db);
  });
});
