// Property test of the points ledger: random sequences of claims, redemptions, decisions and adjustments
// through the real domain functions on a real database (SQLite, or PostgreSQL on a run with DATABASE_URL).
// Whatever happens: every balance equals the sum of its entries and a model's expectation, never goes
// negative, and no entry is ever changed or removed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeDatabase, inTransaction, type Db } from '../../src/db/connection.js';
import { act, submitRequest } from '../../src/domain/approvals/requests.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { ensureDefaultCatalogue, listRewards, listTags } from '../../src/domain/points/catalogue.js';
import { appendEntry, balanceOf } from '../../src/domain/points/ledger.js';
import { seededDbs } from '../support/seeded-db.js';
import { sqlFor } from '../support/sql.js';

type Op =
  | { type: 'claim'; who: number; tag: number; approve: boolean }
  | { type: 'redeem'; who: number; reward: number }
  | { type: 'decide'; approve: boolean }
  | { type: 'adjust'; who: number; points: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('claim' as const),
    who: fc.integer({ min: 0, max: 1 }),
    tag: fc.integer({ min: 0, max: 7 }),
    approve: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('redeem' as const),
    who: fc.integer({ min: 0, max: 1 }),
    reward: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ type: fc.constant('decide' as const), approve: fc.boolean() }),
  fc.record({
    type: fc.constant('adjust' as const),
    who: fc.integer({ min: 0, max: 1 }),
    points: fc.integer({ min: -400, max: 400 }),
  }),
);

// Each run starts from the demo organisation and the default catalogue, in a database of its own.
const seededDb = seededDbs(async (db) => {
  await seedDemoOrg(db);
  await ensureDefaultCatalogue(db);
});

async function setup() {
  const db = await seededDb();
  const idOf = async (email: string) =>
    ((await sqlFor(db).row('select id from employees where email = ?', `${email}@qingyun.example`)) as { id: number })
      .id;
  return {
    db,
    people: [await idOf('zhang.wei'), await idOf('liu.yang')],
    manager: await idOf('li.ming'),
    hr: await idOf('lin.xiaowen'),
  };
}

const entries = async (db: Db) => await sqlFor(db).rows('select * from ledger_entries order by id');

describe('points ledger (property)', () => {
  it('balances equal the sum of entries and the model, never go negative, and entries never change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 30 }), async (ops) => {
        const { db, people, manager, hr } = await setup();
        const tags = await listTags(db);
        const rewards = await listRewards(db);
        const model = new Map(people.map((p) => [p, 0]));
        const openRedemptions: { id: number; who: number; cost: number; version: number }[] = [];
        let now = Date.parse('2026-11-23T00:00:00Z');
        let previous: unknown[] = [];

        for (const op of ops) {
          now += 60_000;
          const at = new Date(now);
          await inTransaction(db, async () => {
            if (op.type === 'claim') {
              const who = people[op.who]!;
              const tag = tags[op.tag]!;
              const r = await submitRequest(db, {
                applicantId: who,
                payload: { kind: 'point_claim', tagId: tag.id, description: 'x', quantities: [], points: tag.points },
                now: at,
              });
              if (!r.ok) throw new Error('claim refused');
              // Approve every step (manager, then HR when ≥ 150), or reject at the first.
              let req = r.request;
              while (req.status === 'pending') {
                const actor = req.approvers.includes(manager) ? manager : hr;
                const d = await act(db, {
                  requestId: req.id,
                  event: op.approve
                    ? { type: 'approve', actorId: actor }
                    : { type: 'reject', actorId: actor, reason: 'no' },
                  expectedVersion: req.version,
                  now: at,
                });
                if (!d.ok) throw new Error(d.code);
                req = d.request;
              }
              if (req.status === 'approved') model.set(who, model.get(who)! + tag.points);
            } else if (op.type === 'redeem') {
              const who = people[op.who]!;
              const reward = rewards[op.reward]!;
              const r = await submitRequest(db, {
                applicantId: who,
                payload: { kind: 'redemption', rewardId: reward.id, cost: reward.cost },
                now: at,
              });
              expect(r.ok).toBe(model.get(who)! >= reward.cost);
              if (r.ok) {
                model.set(who, model.get(who)! - reward.cost);
                openRedemptions.push({ id: r.request.id, who, cost: reward.cost, version: r.request.version });
              }
            } else if (op.type === 'decide') {
              const open = openRedemptions.shift();
              if (open) {
                const d = await act(db, {
                  requestId: open.id,
                  event: op.approve ? { type: 'approve', actorId: hr } : { type: 'reject', actorId: hr, reason: 'no' },
                  expectedVersion: open.version,
                  now: at,
                });
                expect(d.ok).toBe(true);
                if (!op.approve) model.set(open.who, model.get(open.who)! + open.cost);
              }
            } else {
              const who = people[op.who]!;
              const r = await appendEntry(db, {
                employeeId: who,
                kind: 'adjustment',
                points: op.points,
                source: 'adjustment:test',
              });
              expect(r.ok).toBe(model.get(who)! + op.points >= 0);
              if (r.ok) model.set(who, model.get(who)! + op.points);
            }
          });
          for (const p of people) {
            const sum = (
              (await sqlFor(db).row(
                'select coalesce(sum(points), 0) as s from ledger_entries where employee_id = ?',
                p,
              )) as { s: number }
            ).s;
            expect(await balanceOf(db, p)).toBe(sum);
            expect(sum).toBe(model.get(p));
            expect(sum).toBeGreaterThanOrEqual(0);
          }
          const now_ = await entries(db);
          expect(now_.slice(0, previous.length)).toEqual(previous);
          previous = now_;
        }
        // The database itself refuses edits (there is at least one row for the triggers to see).
        await appendEntry(db, { employeeId: people[0]!, kind: 'adjustment', points: 1, source: 'adjustment:test' });
        await expect(sqlFor(db).run('update ledger_entries set points = 1')).rejects.toThrow(/append-only/);
        await expect(sqlFor(db).run('delete from ledger_entries')).rejects.toThrow(/append-only/);
        await closeDatabase(db);
      }),
      { numRuns: 60 },
    );
    // Sixty databases: on PostgreSQL with the machine busy this can take longer than the default 30 s.
  }, 180_000);
});
