// Issue 24's approval actions, persisted, on both databases: a parallel step (会签) counts each approval once and
// moves on only when all approved; hand over (转交), add-sign (加签), send back to an earlier step (退回到指定节点),
// CC (抄送) and urge (催办) are each one timeline row with who/when/why and one audit row; refusals (oneself,
// someone who left, someone who already decided, too soon, a parallel step with nobody) write nothing; a double
// press of the same card applies once.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import {
  act,
  ensureDefaultFlows,
  loadRequest,
  submitRequest,
  type ActInput,
  type RequestPayload,
  type RequestView,
} from '../../src/domain/approvals/requests.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { balanceOf } from '../../src/domain/points/ledger.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2026-12-07T02:00:00.000Z');
const HOUR = 3_600_000;
const CLAIM: RequestPayload = {
  kind: 'point_claim',
  tagId: 1,
  description: 'Shorter stand-ups',
  quantities: [],
  points: 40,
};

async function org() {
  const db = await freshDb();
  await seedDemoOrg(db);
  await ensureDefaultFlows(db);
  const sql = sqlFor(db);
  const id = async (user: string) =>
    ((await sql.row('select id from employees where email = ?', `${user}@qingyun.example`)) as { id: number }).id;
  /** Everything a refusal must leave alone: the request row, its timeline, the audit log. */
  const snapshot = async (rid: number) => ({
    request: await sql.row('select * from approval_requests where id = ?', rid),
    decisions: await sql.rows('select * from approval_decisions where request_id = ? order by id', rid),
    audit: await sql.rows('select id from audit_log order by id'),
  });
  const setFlow = async (flow: FlowDefinition) =>
    await sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
  const audits = async (rid: number) =>
    (
      (await sql.rows('select action from audit_log where subject = ? order by id', `request:${rid}`)) as {
        action: string;
      }[]
    ).map((a) => a.action);
  return { db, sql, id, snapshot, setFlow, audits };
}

async function submit(db: Db, applicantId: number, payload = CLAIM): Promise<RequestView> {
  const r = await submitRequest(db, { applicantId, payload, now: NOW });
  if (!r.ok) throw new Error(r.code);
  return r.request;
}

async function run(db: Db, req: RequestView, event: ActInput['event'], now = NOW) {
  const r = await act(db, { requestId: req.id, event, expectedVersion: req.version, now });
  if (!r.ok) throw new Error(`${event.type}: ${r.code}`);
  return r;
}

const step = (id: string, over: Partial<FlowDefinition['steps'][number]> = {}): FlowDefinition['steps'][number] => ({
  id,
  name: { 'zh-CN': id, en: id },
  approver: { type: 'manager' },
  onReject: 'end',
  ...over,
});

describe('a parallel step (会签)', () => {
  it('waits until every approver approved, each approval once, comments kept; a double press applies once', async () => {
    const { db, id, setFlow, snapshot, audits } = await org();
    const [wei, ming, sharon] = [await id('zhang.wei'), await id('li.ming'), await id('lin.xiaowen')];
    await setFlow({
      key: 'point-claim',
      name: { 'zh-CN': '积分申请', en: 'Point claim' },
      steps: [step('panel', { mode: 'all', approver: { type: 'people', employeeIds: [ming, sharon] } })],
    });
    const req = await submit(db, wei);
    expect(req.approvers.sort()).toEqual([ming, sharon].sort());
    expect(req.seats.rounds).toEqual([{ people: [ming, sharon], mode: 'all', approved: [] }]);

    const first = await run(db, req, { type: 'approve', actorId: ming, comment: '  Nice work ' });
    expect(first.outcome).toBe('counted');
    expect(first.request).toMatchObject({ status: 'pending', approvers: [sharon] });
    // The same press again (a platform retry of the card Ming saw): refused as stale, nothing written.
    const before = await snapshot(req.id);
    const again = await act(db, {
      requestId: req.id,
      event: { type: 'approve', actorId: ming },
      expectedVersion: req.version,
      now: NOW,
    });
    expect(again).toMatchObject({ ok: false, code: 'stale' });
    expect(await snapshot(req.id)).toEqual(before);

    const last = await run(db, first.request, { type: 'approve', actorId: sharon });
    expect(last.outcome).toBe('approved');
    expect(await balanceOf(db, wei)).toBe(40);
    const done = (await loadRequest(db, req.id))!;
    expect(done.decisions.map((d) => [d.kind, d.actorId, d.comment])).toEqual([
      ['submit', wei, null],
      ['approve', ming, 'Nice work'],
      ['approve', sharon, null],
    ]);
    expect(await audits(req.id)).toEqual(['approval.submit', 'approval.approve', 'approval.approve']);
  });

  it('a parallel step whose people are nobody refuses the submission and writes nothing', async () => {
    const { db, sql, id, setFlow } = await org();
    await sql.run("delete from employee_roles where role = 'admin'");
    await setFlow({
      key: 'point-claim',
      name: { 'zh-CN': '积分申请', en: 'Point claim' },
      steps: [step('manager'), step('admins', { mode: 'all', approver: { type: 'role', role: 'admin' } })],
    });
    const count = async () => (await sql.row('select count(*) as n from approval_requests')) as { n: number };
    const before = Number((await count()).n);
    const r = await submitRequest(db, { applicantId: await id('zhang.wei'), payload: CLAIM, now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'no_approvers', step: { en: 'admins' } });
    expect(Number((await count()).n)).toBe(before);
  });
});

describe('hand over, add-sign, send back, CC, urge', () => {
  it('hand over (转交): the new person decides; oneself or someone who left is refused and nothing is written', async () => {
    const { db, sql, id, snapshot, audits } = await org();
    const [wei, ming, sunLi, liuYang] = [
      await id('zhang.wei'),
      await id('li.ming'),
      await id('sun.li'),
      await id('liu.yang'),
    ];
    const req = await submit(db, wei);
    await sql.run('update employees set active = false where id = ?', liuYang);
    const before = await snapshot(req.id);
    for (const [to, code] of [
      [ming, 'self'],
      [liuYang, 'person_left'],
      [wei, 'is_applicant'],
    ] as const) {
      const r = await act(db, {
        requestId: req.id,
        event: { type: 'hand_over', actorId: ming, to, reason: 'Away' },
        expectedVersion: req.version,
        now: NOW,
      });
      expect(r).toMatchObject({ ok: false, code });
    }
    expect(await snapshot(req.id)).toEqual(before);

    const h = await run(db, req, { type: 'hand_over', actorId: ming, to: sunLi, reason: 'Away this week' });
    expect(h).toMatchObject({ outcome: 'handed_over', asked: [sunLi], request: { approvers: [sunLi] } });
    expect(h.request.decisions.at(-1)).toMatchObject({
      kind: 'hand_over',
      actorId: ming,
      comment: 'Away this week',
      detail: { person: sunLi },
    });
    expect((await run(db, h.request, { type: 'approve', actorId: sunLi })).outcome).toBe('approved');
    expect(await audits(req.id)).toEqual(['approval.submit', 'approval.hand_over', 'approval.approve']);
  });

  it('add-sign (加签) before: the added person first, then back to the approver; someone who decided is refused', async () => {
    const { db, id, snapshot } = await org();
    const [wei, ming, sharon] = [await id('zhang.wei'), await id('li.ming'), await id('lin.xiaowen')];
    const req = await submit(db, wei);
    const added = await run(db, req, {
      type: 'add_sign',
      actorId: ming,
      person: sharon,
      position: 'before',
      reason: 'HR should see it',
    });
    expect(added).toMatchObject({ outcome: 'signed', asked: [sharon], request: { approvers: [sharon], stepIndex: 0 } });
    const back = await run(db, added.request, { type: 'approve', actorId: sharon });
    expect(back).toMatchObject({ outcome: 'counted', asked: [ming], request: { approvers: [ming], stepIndex: 0 } });
    const before = await snapshot(req.id);
    const twice = await act(db, {
      requestId: req.id,
      event: { type: 'add_sign', actorId: ming, person: sharon, position: 'after', reason: 'Again' },
      expectedVersion: back.request.version,
      now: NOW,
    });
    expect(twice).toMatchObject({ ok: false, code: 'already_decided' });
    expect(await snapshot(req.id)).toEqual(before);
    expect((await run(db, back.request, { type: 'approve', actorId: ming })).outcome).toBe('approved');
    expect((await loadRequest(db, req.id))!.decisions.map((d) => [d.kind, d.actorId, d.detail ?? null])).toEqual([
      ['submit', wei, null],
      ['add_sign', ming, { person: sharon, position: 'before' }],
      ['approve', sharon, null],
      ['approve', ming, null],
    ]);
  });

  it('send back (退回到指定节点) to an earlier step: its approver decides again', async () => {
    const { db, id, setFlow } = await org();
    const [wei, ming, sharon] = [await id('zhang.wei'), await id('li.ming'), await id('lin.xiaowen')];
    await setFlow({
      key: 'point-claim',
      name: { 'zh-CN': '积分申请', en: 'Point claim' },
      steps: [step('manager'), step('hr', { approver: { type: 'role', role: 'hr' } })],
    });
    const req = await submit(db, wei);
    const up = await run(db, req, { type: 'approve', actorId: ming });
    expect(up.request).toMatchObject({ stepIndex: 1, approvers: [sharon], seats: { path: [0, 1] } });
    const later = await act(db, {
      requestId: req.id,
      event: { type: 'send_back', actorId: sharon, toStep: 'hr', reason: 'x' },
      expectedVersion: up.request.version,
      now: NOW,
    });
    expect(later).toMatchObject({ ok: false, code: 'not_earlier' });
    const back = await run(db, up.request, {
      type: 'send_back',
      actorId: sharon,
      toStep: 'manager',
      reason: 'Add numbers',
    });
    expect(back).toMatchObject({ outcome: 'sent_back', asked: [ming], request: { stepIndex: 0, approvers: [ming] } });
    expect(back.request.decisions.at(-1)).toMatchObject({ kind: 'send_back', detail: { toStep: 'manager' } });
  });

  it('CC (抄送) and urge (催办): informed people never decide; urging twice within a day is refused', async () => {
    const { db, id, snapshot, audits } = await org();
    const [wei, ming, tao] = [await id('zhang.wei'), await id('li.ming'), await id('song.tao')];
    const req = await submit(db, wei);
    const cc = await run(db, req, { type: 'cc', actorId: ming, people: [tao] });
    expect(cc).toMatchObject({
      outcome: 'copied',
      copied: [tao],
      request: { approvers: [ming], seats: { cc: [tao] } },
    });
    expect((await act(db, { requestId: req.id, event: { type: 'approve', actorId: tao }, now: NOW })).ok).toBe(false);

    const urged = await run(db, cc.request, { type: 'urge', actorId: wei, now: new Date(NOW.getTime() + HOUR) });
    expect(urged.outcome).toBe('urged');
    const before = await snapshot(req.id);
    const soon = await act(db, {
      requestId: req.id,
      event: { type: 'urge', actorId: wei, now: new Date(NOW.getTime() + 5 * HOUR) },
      now: new Date(NOW.getTime() + 5 * HOUR),
    });
    expect(soon).toMatchObject({ ok: false, code: 'urge_too_soon' });
    expect(await snapshot(req.id)).toEqual(before);
    const nextDay = new Date(NOW.getTime() + 26 * HOUR);
    expect((await run(db, urged.request, { type: 'urge', actorId: wei, now: nextDay }, nextDay)).outcome).toBe('urged');
    expect(await audits(req.id)).toEqual(['approval.submit', 'approval.cc', 'approval.urge', 'approval.urge']);
  });
});
