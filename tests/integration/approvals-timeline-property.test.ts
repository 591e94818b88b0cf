// Property test of approvals against the stored timeline (issue 24): random sequences of approve, reject, hand
// over, add-sign, send back, urge and cancel — by random people, the wrong ones included, sometimes on a stale
// version — go through the real act() on a real database (SQLite, or PostgreSQL under vitest.pg.config.ts), each
// in its own unit of work. Whatever happens: the request ends in at most one final state and never changes after
// it; every accepted action has exactly one decision row naming its actor, kind and time (and one audit entry);
// a refused action writes nothing — not the request row, not the timeline, not the audit log.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../src/db/connection.js';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { act, ensureDefaultFlows, submitRequest } from '../../src/domain/approvals/requests.js';
import type { FlowEvent } from '../../src/domain/approvals/transitions.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { ensureDefaultCatalogue, listTags } from '../../src/domain/points/catalogue.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { seededDbs } from '../support/seeded-db.js';
import { sqlFor } from '../support/sql.js';

type Action = 'approve' | 'reject' | 'hand_over' | 'add_sign' | 'send_back' | 'urge' | 'cancel';
interface Step {
  action: Action;
  /** Index into the people pool: the applicant, the approvers and bystanders alike. */
  actor: number;
  /** Whom a hand over or add-sign names. */
  other: number;
  position: 'before' | 'after';
  /** Hours since the previous action (an urge is allowed once per step per day). */
  gap: number;
  /** Press on the version before the current one (a stale card). */
  stale: boolean;
  blankReason: boolean;
  /** Act as someone entitled (a current approver; the applicant for urge and cancel) rather than `actor`. */
  entitled: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  // Weighted so that sequences often get past the first step before someone ends them.
  action: fc.oneof(
    { arbitrary: fc.constant<Action>('approve'), weight: 4 },
    { arbitrary: fc.constantFrom<Action>('hand_over', 'add_sign', 'send_back'), weight: 6 },
    { arbitrary: fc.constantFrom<Action>('urge', 'reject', 'cancel'), weight: 2 },
  ),
  actor: fc.integer({ min: 0, max: 5 }),
  other: fc.integer({ min: 0, max: 5 }),
  position: fc.constantFrom<'before' | 'after'>('before', 'after'),
  gap: fc.integer({ min: 0, max: 30 }),
  stale: fc.boolean(),
  blankReason: fc.boolean(),
  entitled: fc.boolean(),
});

const FINAL = ['approved', 'rejected', 'cancelled'];
/** Two steps (the applicant's manager, then HR's Sharon), so a request can be sent back to the first. */
const flowWith = (hr: number): FlowDefinition => ({
  key: 'point-claim',
  name: { 'zh-CN': '积分申请', en: 'Point claim' },
  steps: [
    { id: 'manager', name: { 'zh-CN': '直属上级', en: 'Manager' }, approver: { type: 'manager' }, onReject: 'end' },
    {
      id: 'hr',
      name: { 'zh-CN': '人事', en: 'HR' },
      approver: { type: 'person', employeeId: hr },
      onReject: 'end',
    },
  ],
});

const seededDb = seededDbs(async (db) => {
  await seedDemoOrg(db);
  await ensureDefaultCatalogue(db);
  await ensureDefaultFlows(db);
});

let db: Db;
let people: number[];
let tagId: number;
beforeAll(async () => {
  db = await seededDb();
  const idOf = async (user: string) =>
    ((await sqlFor(db).row('select id from employees where email = ?', `${user}@qingyun.example`)) as { id: number })
      .id;
  // The applicant first, then his manager, HR, and three colleagues who are not on the request.
  people = [];
  for (const u of ['zhang.wei', 'li.ming', 'lin.xiaowen', 'sun.li', 'song.tao', 'liu.yang']) people.push(await idOf(u));
  const flow = flowWith(people[2]!);
  await sqlFor(db).run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
  tagId = (await listTags(db))[0]!.id;
});
afterAll(async () => {
  if (db) await closeDatabase(db);
});

const requestRow = async (id: number) =>
  await sqlFor(db).row(
    'select status, step_index, version, approvers, asked, seats from approval_requests where id = ?',
    id,
  );
const timeline = async (id: number) =>
  (await sqlFor(db).rows(
    'select kind, actor_id, step_index, comment, detail, at from approval_decisions where request_id = ? order by id',
    id,
  )) as { kind: string; actor_id: number | null; at: string }[];
const audits = async (id: number) =>
  (await sqlFor(db).rows(
    'select action, actor_employee_id from audit_log where subject = ? order by id',
    `request:${id}`,
  )) as {
    action: string;
    actor_employee_id: number | null;
  }[];

function eventOf(s: Step, actorId: number, toStep: string, now: Date): FlowEvent {
  const reason = s.blankReason ? ' ' : 'because';
  const other = people[s.other]!;
  switch (s.action) {
    case 'approve':
      return { type: 'approve', actorId };
    case 'reject':
      return { type: 'reject', actorId, reason };
    case 'hand_over':
      return { type: 'hand_over', actorId, to: other, reason };
    case 'add_sign':
      return { type: 'add_sign', actorId, person: other, position: s.position, reason };
    case 'send_back':
      return { type: 'send_back', actorId, toStep, reason };
    case 'urge':
      return { type: 'urge', actorId, now };
    case 'cancel':
      return { type: 'cancel', actorId };
  }
}

describe('approvals against the stored timeline (property, issue 24)', () => {
  it('at most one final state, never left; one decision row per accepted action; refused actions write nothing', async () => {
    let clock = Date.parse('2026-11-02T01:00:00Z');
    const accepted = new Set<Action>();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 20 }), async (steps) => {
        clock += 7 * 24 * 3_600_000;
        const submitted = await unitOfWork(db, async (tx) =>
          submitRequest(tx, {
            applicantId: people[0]!,
            payload: { kind: 'point_claim', tagId, description: 'property', quantities: [], points: 10 },
            now: new Date(clock),
          }),
        );
        if (!submitted.ok) throw new Error(submitted.code);
        const id = submitted.request.id;
        expect((await timeline(id)).map((d) => d.kind)).toEqual(['submit']);
        let finals = 0;

        for (const s of steps) {
          clock += s.gap * 3_600_000 + 1_000;
          const now = new Date(clock);
          const before = { row: await requestRow(id), timeline: await timeline(id), audits: await audits(id) };
          const version = (before.row as { version: number }).version;
          const waiting = JSON.parse((before.row as { approvers: string }).approvers) as number[];
          const actorId = !s.entitled
            ? people[s.actor]!
            : s.action === 'urge' || s.action === 'cancel'
              ? people[0]!
              : (waiting[s.actor % Math.max(waiting.length, 1)] ?? people[s.actor]!);
          const r = await unitOfWork(db, async (tx) =>
            act(tx, {
              requestId: id,
              event: eventOf(s, actorId, s.other % 3 ? 'manager' : 'hr', now),
              expectedVersion: s.stale ? version - 1 : version,
              now,
            }),
          );
          const after = { row: await requestRow(id), timeline: await timeline(id), audits: await audits(id) };
          const status = (after.row as { status: string }).status;
          const wasFinal = FINAL.includes((before.row as { status: string }).status);

          if (!r.ok) {
            // Refused: nothing at all is written.
            expect(after).toEqual(before);
            refused++;
            continue;
          }
          accepted.add(s.action);
          // Accepted: never after the end, never on a stale card; exactly one new decision row, the action's own.
          expect(wasFinal).toBe(false);
          expect(s.stale).toBe(false);
          expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline);
          expect(after.timeline.slice(before.timeline.length)).toEqual([
            expect.objectContaining({ kind: s.action, actor_id: actorId, at: now.toISOString() }),
          ]);
          expect(after.audits.slice(before.audits.length)).toEqual([
            { action: `approval.${s.action}`, actor_employee_id: actorId },
          ]);
          expect((after.row as { version: number }).version).toBe(version + 1);
          if (FINAL.includes(status)) finals++;
        }

        // At most one final state, and the stored timeline ends with the decision that made it.
        expect(finals).toBeLessThanOrEqual(1);
        const stored = await timeline(id);
        const status = ((await requestRow(id)) as { status: string }).status;
        const last = stored.at(-1)!;
        if (status === 'rejected') expect(last.kind).toBe('reject');
        if (status === 'cancelled') expect(last.kind).toBe('cancel');
        if (status === 'approved') expect(last.kind).toBe('approve');
        if (status === 'pending') expect(stored.filter((d) => ['reject', 'cancel'].includes(d.kind))).toEqual([]);
        // Every row names its actor and time: no decision in this flow is the system's.
        for (const d of stored) {
          expect(d.actor_id).not.toBeNull();
          expect(Number.isNaN(Date.parse(d.at))).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
    console.info('accepted', [...accepted]);
    // The runs exercised both sides: actions were accepted (at least approvals) and refused.
    expect(accepted.has('approve')).toBe(true);
    expect(refused).toBeGreaterThan(0);
  }, 180_000);
});
