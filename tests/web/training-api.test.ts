// Training records end to end on a seeded history (both databases): three closed cycles of the team scheme
// in one store, a course recommended for a low attitude, enrolled, approved, attended and completed; the
// mini-app API's refusals (someone else's record, skipping, going back, a request not yet approved) change
// nothing; after a transfer the receiving store head sees the person's earlier enrolments and the old head
// does not; and HR reads the course's effect with the numbers the history was built to give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movePerson } from '../../src/domain/org/transfer-move.js';
import { startHarness, type Harness } from '../support/harness.js';
import { attitudeCycle, enrolInAttitudeCourse, HR, personId, STORE, unitIdOf } from '../support/training-history.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const id = async (user: string) => await personId(h, user);
const unitId = async (name: string) => await unitIdOf(h, name);
const cycle = async (attitude: Record<string, number>, openAt: string, closeAt: string) =>
  await attitudeCycle(h, attitude, openAt, closeAt);

const records = async (s: Session, employeeId?: number) =>
  await call(h, 'GET', `/api/training${employeeId ? `?employeeId=${employeeId}` : ''}`, { session: s });
const mark = async (s: Session, recId: number, to: string) =>
  await call(h, 'POST', `/api/training/${recId}/mark`, { session: s, body: { to } });
const progressRows = async () => await h.sql.rows('select recommendation_id, state from training_progress order by 1');

/** When Qing Ye completed the course (marked by HR now, on the server's clock). */
let completedAt = '';
const DAY = 24 * 60 * 60 * 1000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('training records', () => {
  let yeRec: number;
  let jiangRec: number;
  let ye: Session;

  it('an approved enrolment starts enrolled; a pending one shows requested, with the course and its materials', async () => {
    await h.sql.run(
      "update courses set materials = 'Read: https://example.com/ownership' where dimension = 'attitude'",
    );
    const c1 = await cycle({ 'ye.qing': 2, 'jiang.tao': 2, 'pan.yue': 4, 'sophia.lee': 3 }, '2026-01-01', '2026-01-10');
    yeRec = await enrolInAttitudeCourse(h, 'ye.qing', c1);
    jiangRec = await enrolInAttitudeCourse(h, 'jiang.tao', c1, false);
    ye = await sandboxSession(h, await id('ye.qing'));
    const mine = await records(ye);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      canMark: true,
      records: [
        {
          id: yeRec,
          // In her language (zh-CN).
          course: '主动性与责任感工作坊',
          dimension: '工作态度',
          materials: 'Read: https://example.com/ownership',
          state: 'enrolled',
          attendedAt: null,
          completedAt: null,
        },
      ],
    });
    const jiang = await records(await sandboxSession(h, await id('jiang.tao')));
    expect(jiang.body).toMatchObject({ records: [{ id: jiangRec, state: 'requested' }] });
  });

  it('refusals say why and change nothing: skipping, not approved yet, someone else’s, a stranger', async () => {
    const skip = await mark(ye, yeRec, 'completed');
    expect([skip.status, skip.body.error]).toEqual([409, '请先标记已参加，再标记已完成。']);
    const jiang = await sandboxSession(h, await id('jiang.tao'));
    const pending = await mark(jiang, jiangRec, 'attended');
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('not_enrolled');
    // Her store head (en) may look but not mark; someone from another department is told there is no such record.
    const tom = await sandboxSession(h, await id('tom.harris'));
    const byHead = await mark(tom, yeRec, 'attended');
    expect([byHead.status, byHead.body.error]).toEqual([403, 'Only the person or HR can mark this training.']);
    const stranger = await mark(await sandboxSession(h, await id('zhang.wei')), yeRec, 'attended');
    expect(stranger.status).toBe(404);
    expect((await records(await sandboxSession(h, await id('zhang.wei')), await id('ye.qing'))).status).toBe(403);
    const bad = await mark(ye, yeRec, 'enrolled');
    expect(bad.status).toBe(400);
    expect(await progressRows()).toEqual([]);
  });

  it('the person marks attended, HR marks completed; going back is refused; each mark is audited', async () => {
    expect((await mark(ye, yeRec, 'attended')).body).toEqual({ state: 'attended' });
    const again = await mark(ye, yeRec, 'attended');
    expect([again.status, again.body.code]).toEqual([409, 'backwards']);
    const hr = await sandboxSession(h, await id(HR));
    expect((await mark(hr, yeRec, 'completed')).body).toEqual({ state: 'completed' });
    expect((await mark(ye, yeRec, 'attended')).body.code).toBe('backwards');
    const [done] = (await records(ye)).body.records as { state: string; attendedAt: string; completedAt: string }[];
    expect(done!.state).toBe('completed');
    expect(done!.attendedAt <= done!.completedAt).toBe(true);
    completedAt = done!.completedAt;
    const audit = await h.sql.rows<{ action: string; actor: number; subject: string }>(
      "select action, actor_employee_id as actor, subject from audit_log where action like 'course.%ed' order by id",
    );
    expect(audit).toEqual([
      { action: 'course.attended', actor: await id('ye.qing'), subject: `recommendation:${yeRec}` },
      { action: 'course.completed', actor: await id(HR), subject: `recommendation:${yeRec}` },
    ]);
  });

  it('after a transfer the receiving store head sees her training, enrolments from before included; the old head does not', async () => {
    const yeId = await id('ye.qing');
    const moved = await movePerson(h.app.db, {
      employeeId: yeId,
      toUnitId: await unitId('杭州西湖店'),
      reason: null,
      source: 'test',
      effectiveDate: new Date().toISOString().slice(0, 10),
      now: new Date(),
    });
    expect(moved).toBeDefined();
    const huang = await sandboxSession(h, await id('huang.jing'));
    const team = await call(h, 'GET', '/api/team/training', { session: huang });
    expect(team.body).toMatchObject({
      canMark: false,
      people: [{ id: yeId, records: [{ id: yeRec, state: 'completed' }] }],
    });
    expect((await records(huang, yeId)).body).toMatchObject({ person: { id: yeId }, canMark: false });
    const tom = await sandboxSession(h, await id('tom.harris'));
    const tomTeam = await call(h, 'GET', '/api/team/training', { session: tom });
    expect((tomTeam.body.people as { id: number }[]).map((p) => p.id)).toEqual([await id('jiang.tao')]);
    expect((await records(tom, yeId)).status).toBe(403);
    // An employee who heads nothing has no team view.
    expect((await call(h, 'GET', '/api/team/training', { session: ye })).status).toBe(403);
  });
});

describe('course effect for HR', () => {
  it('the dimension before vs after completion: 2 → 3.5 for the one who completed, 3 → 2.83 for the others', async () => {
    // Two more cycles after Qing Ye completed the course (now), once she is back in the store.
    await movePerson(h.app.db, {
      employeeId: await id('ye.qing'),
      toUnitId: await unitId(STORE),
      reason: null,
      source: 'test',
      effectiveDate: fromNow(1).slice(0, 10),
      now: new Date(fromNow(1)),
    });
    await cycle({ 'ye.qing': 3, 'jiang.tao': 2, 'pan.yue': 4, 'sophia.lee': 3 }, fromNow(2), fromNow(30));
    await cycle({ 'ye.qing': 4, 'jiang.tao': 2, 'pan.yue': 3, 'sophia.lee': 3 }, fromNow(60), fromNow(90));
    const hr = await sandboxSession(h, await id(HR));
    const r = await call(h, 'GET', '/api/hr/courses/effects', { session: hr });
    expect(r.status).toBe(200);
    const attitude = (r.body.courses as { dimension: string }[]).find((c) => c.dimension === '工作态度');
    expect(attitude).toEqual({
      id: expect.any(Number),
      course: '主动性与责任感工作坊',
      dimension: '工作态度',
      completions: 1,
      splitAt: completedAt,
      // Qing Ye: 2 before; 3 and 4 after.
      completed: { people: 1, before: 2, after: 3.5, change: 1.5 },
      // Yue Pan 4 → 3.5, Sophia Lee 3 → 3, Tao Jiang 2 → 2.
      others: { people: 3, before: 3, after: 2.83, change: -0.17 },
    });
    // Nobody completed the others: no figures.
    expect(
      (r.body.courses as { completions: number; completed: unknown }[]).filter((c) => c.completions === 0).length,
    ).toBeGreaterThan(0);
    // Only HR.
    expect(
      (await call(h, 'GET', '/api/hr/courses/effects', { session: await sandboxSession(h, await id('tom.harris')) }))
        .status,
    ).toBe(403);
  });
});
