// No request waits on nobody: when a step's own approvers cannot decide (the delegate is the applicant, the
// manager has left, the unit has no head, nobody holds the role…) the step goes to the approver's manager,
// then HR, then admins, and the timeline says why; when nobody at all can decide, the request ends with the
// reason. End to end in the sandbox for the delegation case, and on the domain over real SQLite for the rest.
import { describe, expect, it } from 'vitest';
import { approvalViewFor } from '../../src/bot/features/approval-views.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connection.js';
import {
  act,
  loadRequest,
  overdueWork,
  submitRequest,
  type RequestPayload,
  type RequestView,
} from '../../src/domain/approvals/requests.js';
import { approvalsReport } from '../../src/domain/approvals/turnaround.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { getPerson } from '../../src/domain/org/employees.js';
import { appendEntry, balanceOf } from '../../src/domain/points/ledger.js';
import type { Locale } from '../../src/bot/port.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { freshDb } from '../support/db.js';
import { readsOf } from '../support/harness-reads.js';
import { useHarness, type Harness } from '../support/harness.js';
import { sqlFor } from '../support/sql.js';

describe('a manager delegates to a report who then claims (sandbox, end to end)', () => {
  let h: Harness;
  useHarness((started) => (h = started));

  const { id, tagId, latestRequest } = readsOf(() => h);
  const row = async (rid: number) =>
    (await h.sql.row('select status, approvers from approval_requests where id = ?', rid)) as {
      status: string;
      approvers: string;
    };
  const decisions = async (rid: number) =>
    (await h.sql.rows(
      'select kind, actor_id as actor from approval_decisions where request_id = ? order by id',
      rid,
    )) as { kind: string; actor: number | null }[];
  let submitted = '';
  async function claim(who: number) {
    await command(h, who, 'claim');
    const answer = await press(h, who, actionOf(await lastCard(h, who), 'claim.submit'), {
      tag: String(await tagId('流程优化')),
      description: 'Shorter stand-ups',
      amount: '3',
      unit: 'hours',
    });
    submitted = answer.card ? textOfCard(answer.card) : '';
    return await latestRequest();
  }

  it("goes to the delegator's manager, says why in both languages, and that person can approve it", async () => {
    const ming = await id('li.ming');
    const emily = await id('emily.carter'); // reports to Ming; reads English
    const ceo = await id('chen.zhiyuan'); // Ming's manager; reads Chinese
    await command(h, ming, 'delegate', 'emily.carter@qingyun.example 2099-12-31');

    const rid = await claim(emily);
    expect(JSON.parse((await row(rid)).approvers)).toEqual([ceo]);
    // The applicant is told who has it now, not "your manager".
    expect(submitted).toContain(`Request #${rid} is with 陈志远 Zhiyuan Chen.`);
    expect(await decisions(rid)).toEqual([
      { kind: 'submit', actor: emily },
      { kind: 'reroute', actor: null },
    ]);
    const ceoCard = await lastCard(h, ceo, `approval:${rid}`);
    expect(textOfCard(ceoCard)).toContain('转给 陈志远 Zhiyuan Chen：李明 Ming Li 的委托人是申请人本人');
    const emilyCard = textOfCard(await lastCard(h, emily, `approval:${rid}`));
    expect(emilyCard).toContain("Routed to 陈志远 Zhiyuan Chen: 李明 Ming Li's delegate is the applicant");
    expect(emilyCard).toContain('Waiting for **Manager review**: 陈志远 Zhiyuan Chen');
    expect(
      await h.sql.rows(
        "select actor_kind as actor from audit_log where action = 'approval.reroute' and subject = ?",
        `request:${rid}`,
      ),
    ).toEqual([{ actor: 'system' }]);

    // The applicant still cannot decide it; the delegator's manager can.
    expect((await press(h, emily, actionOf(ceoCard, 'approval.approve'))).toast?.text).toBe(
      'This step is not waiting on you.',
    );
    expect((await press(h, ceo, actionOf(ceoCard, 'approval.approve'))).toast?.text).toBe('已通过');
    expect((await row(rid)).status).toBe('approved');
    expect(
      await h.sql.row(
        'select points from ledger_entries where employee_id = ? and source = ?',
        emily,
        `request:${rid}`,
      ),
    ).toEqual({ points: 120 });
  });

  it("the delegation still works for the delegator's other reports", async () => {
    const rid = await claim(await id('liu.yang'));
    expect(JSON.parse((await row(rid)).approvers)).toEqual([await id('emily.carter')]);
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit']);
    expect(textOfCard(await lastCard(h, await id('emily.carter'), `approval:${rid}`))).toContain(
      'A delegate is deciding for an approver who is away.',
    );
  });
});

// The domain on real SQLite (real migrations, the demo org), one fresh database per case.
const config = loadConfig({});
const NOW = new Date('2026-03-02T02:00:00Z');
const HOUR = 60 * 60 * 1000;
const claimOf = (points = 120): RequestPayload => ({
  kind: 'point_claim',
  tagId: 1,
  description: 'Shorter stand-ups',
  quantities: [{ amount: 3, unit: 'hours', text: '3h' }],
  points,
});

async function org() {
  const db = await freshDb();
  await seedDemoOrg(db);
  const id = async (user: string) =>
    ((await sqlFor(db).row('select id from employees where email = ?', `${user}@qingyun.example`)) as { id: number })
      .id;
  const leaves = async (user: string) =>
    await sqlFor(db).run('update employees set active = false where id = ?', await id(user));
  const dropRoles = async (...roles: string[]) =>
    await sqlFor(db).run(`delete from employee_roles where role in (${roles.map(() => '?').join(',')})`, ...roles);
  const audits = async (rid: number) =>
    (await sqlFor(db).rows(
      'select action, actor_kind as actor, detail from audit_log where subject = ? order by id',
      `request:${rid}`,
    )) as { action: string; actor: string; detail: string }[];
  return { db, id, leaves, dropRoles, audits };
}

async function submit(db: Db, applicantId: number, payload: RequestPayload, now = NOW): Promise<RequestView> {
  const r = await submitRequest(db, { applicantId, payload, now });
  if (!r.ok) throw new Error(r.code);
  return r.request;
}

async function approve(db: Db, req: RequestView, actorId: number, now = NOW) {
  const r = await act(db, {
    requestId: req.id,
    event: { type: 'approve', actorId },
    expectedVersion: req.version,
    now,
  });
  if (!r.ok) throw new Error(r.code);
  return r;
}

const view = async (db: Db, req: RequestView, viewerId: number, locale: Locale) =>
  await approvalViewFor(db, config, req, viewerId, locale);
const timelineText = async (db: Db, req: RequestView, viewerId: number, locale: Locale) =>
  (await view(db, req, viewerId, locale)).timeline.map((e) => `${e.who} · ${e.what} — ${e.comment ?? ''}`);

describe('the manager has left', () => {
  it("a claim goes to the manager's manager, the timeline says the manager has left, and that person approves it", async () => {
    const { db, id, leaves, audits } = await org();
    await leaves('li.ming');
    const req = await submit(db, await id('zhang.wei'), claimOf());
    expect(req.approvers).toEqual([await id('chen.zhiyuan')]);
    expect(req.decisions.at(-1)).toMatchObject({
      kind: 'reroute',
      actorId: null,
      reroute: {
        reason: 'approver_inactive',
        about: await id('li.ming'),
        tier: 'manager',
        to: [await id('chen.zhiyuan')],
      },
    });
    expect((await timelineText(db, req, await id('zhang.wei'), 'en')).at(-1)).toBe(
      'Vitality · rerouted (Manager review) — Routed to 陈志远 Zhiyuan Chen: 李明 Ming Li has left',
    );
    expect((await timelineText(db, req, await id('zhang.wei'), 'zh-CN')).at(-1)).toBe(
      '元气 Vitality · 转交 (直属上级审批) — 转给 陈志远 Zhiyuan Chen：李明 Ming Li 已离职',
    );
    expect(await view(db, req, await id('chen.zhiyuan'), 'zh-CN')).toMatchObject({
      canDecide: true,
      routingNote: '转给 陈志远 Zhiyuan Chen：李明 Ming Li 已离职',
    });
    expect((await audits(req.id)).map((a) => [a.action, a.actor])).toEqual([
      ['approval.submit', 'employee'],
      ['approval.reroute', 'system'],
    ]);
    const done = await approve(db, req, await id('chen.zhiyuan'));
    expect(done.outcome).toBe('approved');
    expect(await balanceOf(db, await id('zhang.wei'))).toBe(120);
  });

  it('an approver who leaves while the step waits: escalation goes above them', async () => {
    const { db, id, leaves } = await org();
    const req = await submit(db, await id('zhang.wei'), claimOf());
    expect(req.approvers).toEqual([await id('li.ming')]);
    await leaves('li.ming');
    const { escalated } = await overdueWork(db, new Date(NOW.getTime() + 73 * HOUR), {
      remindAfterMs: 24 * HOUR,
      escalateAfterMs: 72 * HOUR,
    });
    expect(escalated.map((e) => [e.request.id, e.asked])).toEqual([[req.id, [await id('chen.zhiyuan')]]]);
    const after = (await loadRequest(db, req.id))!;
    expect(after.approvers).toEqual([await id('chen.zhiyuan')]);
    expect((await timelineText(db, after, await id('zhang.wei'), 'en')).at(-1)).toBe(
      'Vitality · escalated (overdue) (Manager review) — Escalated to 陈志远 Zhiyuan Chen',
    );
    expect((await approve(db, after, await id('chen.zhiyuan'), new Date(NOW.getTime() + 74 * HOUR))).outcome).toBe(
      'approved',
    );
  });
});

describe('the delegation cases on the domain', () => {
  it('a resubmission re-resolves: a delegation set meanwhile to the applicant sends it to the grand-manager', async () => {
    const { db, id } = await org();
    const wei = await id('zhang.wei');
    const req = await submit(db, wei, claimOf());
    const returned = await act(db, {
      requestId: req.id,
      event: { type: 'return', actorId: await id('li.ming'), reason: 'Add the numbers' },
      expectedVersion: req.version,
      now: NOW,
    });
    expect(returned.ok && returned.outcome).toBe('returned');
    await sqlFor(db).run(
      "insert into delegations (from_id, to_id, until) values (?, ?, '2099-12-31')",
      await id('li.ming'),
      wei,
    );
    const again = await act(db, { requestId: req.id, event: { type: 'resubmit', actorId: wei }, now: NOW });
    expect(again.ok && again.request.approvers).toEqual([await id('chen.zhiyuan')]);
    expect(again.ok && again.request.reroute).toEqual({
      reason: 'delegate_is_applicant',
      about: await id('li.ming'),
      tier: 'manager',
      to: [await id('chen.zhiyuan')],
    });
  });

  it("escalation goes to the delegator's manager, not the delegate's", async () => {
    const { db, id } = await org();
    // Ming (reports to the CEO) hands his approvals to Qiang Liu (reports to Li Sun).
    await sqlFor(db).run(
      "insert into delegations (from_id, to_id, until) values (?, ?, '2099-12-31')",
      await id('li.ming'),
      await id('liu.qiang'),
    );
    const req = await submit(db, await id('yang.fan'), claimOf());
    expect(req.approvers).toEqual([await id('liu.qiang')]);
    expect(req.principals).toEqual([await id('li.ming')]);
    await overdueWork(db, new Date(NOW.getTime() + 73 * HOUR), {
      remindAfterMs: 24 * HOUR,
      escalateAfterMs: 72 * HOUR,
    });
    expect((await loadRequest(db, req.id))!.approvers).toEqual([await id('chen.zhiyuan')]);
  });
});

describe('the unit has no head', () => {
  it('a transfer whose receiving unit has no head: the last step (started later in the flow) goes to HR, saying so', async () => {
    const { db, id, audits } = await org();
    const hangzhou = ((await sqlFor(db).row("select id from org_units where name = '杭州西湖店'")) as { id: number })
      .id;
    await sqlFor(db).run('update org_units set head_employee_id = null where id = ?', hangzhou);
    const tao = await id('song.tao');
    let req = await submit(db, tao, {
      kind: 'transfer',
      fromUnitId: await loadUnit(db, tao),
      toUnitId: hangzhou,
      reason: 'Closer to home',
    });
    expect(req.approvers).toEqual([await id('liu.qiang')]);
    req = (await approve(db, req, await id('liu.qiang'))).request;
    expect(req.approvers).toEqual([await id('lin.xiaowen')]);
    const third = await approve(db, req, await id('lin.xiaowen'));
    expect(third.outcome).toBe('advanced');
    expect(third.asked).toEqual([await id('lin.xiaowen')]);
    req = third.request;
    expect(req).toMatchObject({
      status: 'pending',
      stepIndex: 2,
      approvers: [await id('lin.xiaowen')],
      reroute: { reason: 'no_head', unitId: hangzhou, tier: 'hr' },
    });
    expect((await timelineText(db, req, tao, 'zh-CN')).at(-1)).toBe(
      '元气 Vitality · 转交 (接收部门负责人) — 转给 林晓雯 Sharon Lin：杭州西湖店没有负责人',
    );
    expect((await view(db, req, tao, 'en')).routingNote).toBe('Routed to 林晓雯 Sharon Lin: 杭州西湖店 has no head');
    expect(
      (await audits(req.id)).filter((a) => a.action === 'approval.reroute').map((a) => JSON.parse(a.detail) as unknown),
    ).toEqual([
      { step: 'receiving-head', reason: 'no_head', unitId: hangzhou, to: [await id('lin.xiaowen')], tier: 'hr' },
    ]);
    expect((await approve(db, req, await id('lin.xiaowen'))).outcome).toBe('approved');
    expect(await loadUnit(db, tao)).toBe(hangzhou);
  });

  it('a unit head who is the applicant: their own manager decides', async () => {
    const { db, id } = await org();
    const qiang = await id('liu.qiang'); // head of 上海徐汇店
    const hangzhou = ((await sqlFor(db).row("select id from org_units where name = '杭州西湖店'")) as { id: number })
      .id;
    const req = await submit(db, qiang, {
      kind: 'transfer',
      fromUnitId: await loadUnit(db, qiang),
      toUnitId: hangzhou,
      reason: 'Closer to home',
    });
    expect(req.approvers).toEqual([await id('sun.li')]);
    expect(req.reroute).toMatchObject({ reason: 'approver_is_applicant', about: qiang, tier: 'manager' });
  });
});

describe('no one at all can decide', () => {
  it('a redemption when nobody holds HR or admin ends at once: rejected by the system with the reason, audited, the held points released', async () => {
    const { db, id, dropRoles, audits } = await org();
    const wei = await id('zhang.wei');
    await appendEntry(db, { employeeId: wei, kind: 'award', points: 500, source: 'test' });
    await dropRoles('hr', 'admin');
    const r = await submitRequest(db, {
      applicantId: wei,
      payload: { kind: 'redemption', rewardId: 1, cost: 300 },
      now: NOW,
    });
    expect(r.ok && r.asked).toEqual([]);
    const req = (await loadRequest(db, r.ok ? r.request.id : -1))!;
    expect(req).toMatchObject({ status: 'rejected', approvers: [] });
    expect(req.decisions.map((d) => [d.kind, d.actorId])).toEqual([
      ['submit', wei],
      ['reject', null],
    ]);
    expect(await balanceOf(db, wei)).toBe(500);
    const note =
      '此步骤无人可以审批：没有人担任HR，HR 和管理员中也没有可以审批的人。申请已终止，待有人可以审批后请重新提交。';
    expect(await view(db, req, wei, 'zh-CN')).toMatchObject({
      status: 'rejected',
      routingNote: note,
      canDecide: false,
    });
    expect((await timelineText(db, req, wei, 'zh-CN')).at(-1)).toBe(
      `元气 Vitality · 终止：无人可以审批 (HR 审批) — ${note}`,
    );
    expect((await view(db, req, wei, 'en')).routingNote).toBe(
      'No one can approve this step: no one has the HR role, and no one in HR or among the admins can either. The request has ended; submit it again once someone can approve it.',
    );
    expect((await audits(req.id)).map((a) => [a.action, a.actor])).toEqual([
      ['approval.submit', 'employee'],
      ['approval.unroutable', 'system'],
    ]);
    // HR's turnaround counts it as rejected, but no approver took any time over it.
    const hr = (await getPerson(db, await id('lin.xiaowen')))!;
    const report = await approvalsReport(db, {
      viewer: { ...hr, roles: ['employee', 'hr'] },
      days: 30,
      now: NOW,
      overdueAfterMs: 24 * HOUR,
    });
    expect(report.ok && report.report.flows).toEqual([
      expect.objectContaining({
        flowKey: 'redemption',
        submitted: 1,
        rejected: 1,
        medianHoursPerStep: undefined,
        medianHoursToDecision: undefined,
      }),
    ]);
  });

  it("the applicant as the only HR person and admin: the HR step goes to the applicant's manager (the approver's manager comes before HR)", async () => {
    const { db, id, dropRoles } = await org();
    const wei = await id('zhang.wei');
    await dropRoles('hr', 'admin');
    await sqlFor(db).run("insert into employee_roles (employee_id, role) values (?, 'hr'), (?, 'admin')", wei, wei);
    const req = await submit(db, wei, claimOf(200));
    const r = await approve(db, req, await id('li.ming'));
    // The HR step names only the applicant; the next in the order is that approver's manager: Ming again.
    expect(r).toMatchObject({
      outcome: 'advanced',
      unroutable: false,
      request: { approvers: [await id('li.ming')], reroute: { reason: 'approver_is_applicant', tier: 'manager' } },
    });
  });

  it('the CEO as the only HR and admin claims: nobody can decide, the request ends', async () => {
    const { db, id, dropRoles } = await org();
    const ceo = await id('chen.zhiyuan');
    await dropRoles('hr', 'admin');
    await sqlFor(db).run("insert into employee_roles (employee_id, role) values (?, 'hr'), (?, 'admin')", ceo, ceo);
    const req = await submit(db, ceo, claimOf());
    expect(req).toMatchObject({
      status: 'rejected',
      approvers: [],
      reroute: { reason: 'no_manager', tier: 'none', to: [] },
    });
    expect((await view(db, req, ceo, 'en')).routingNote).toContain(
      'No one can approve this step: the applicant has no manager',
    );
    expect(await balanceOf(db, ceo)).toBe(0);
  });

  it('a claim whose HR step nobody can take ends when the manager approves; the approver is told', async () => {
    const { db, id, leaves, dropRoles } = await org();
    const wei = await id('zhang.wei');
    await dropRoles('admin');
    await leaves('lin.xiaowen'); // the only HR person
    const req = await submit(db, wei, claimOf(200));
    // Nobody active holds HR: the rule names nobody (so no approver's manager), HR and admins are empty.
    const r = await approve(db, req, await id('li.ming'));
    expect(r).toMatchObject({
      outcome: 'rejected',
      unroutable: true,
      asked: [],
      request: { status: 'rejected', stepIndex: 1 },
    });
    expect(await balanceOf(db, wei)).toBe(0);
    expect((await timelineText(db, r.request, wei, 'en')).slice(-2)).toEqual([
      '李明 Ming Li · approved (Manager review) — ',
      'Vitality · ended: no one can approve (HR review) — No one can approve this step: no one has the HR role, and no one in HR or among the admins can either. The request has ended; submit it again once someone can approve it.',
    ]);
  });

  it('at escalation: the approver has left and nobody is above or in HR/admin — the request ends, saying who left', async () => {
    const { db, id, leaves, dropRoles, audits } = await org();
    const ceo = await id('chen.zhiyuan');
    const req = await submit(db, ceo, claimOf());
    expect(req.approvers).toEqual([await id('lin.xiaowen')]);
    await leaves('lin.xiaowen');
    await dropRoles('admin');
    const { escalated } = await overdueWork(db, new Date(NOW.getTime() + 73 * HOUR), {
      remindAfterMs: 24 * HOUR,
      escalateAfterMs: 72 * HOUR,
    });
    expect(escalated.map((e) => e.request.status)).toEqual(['rejected']);
    const after = (await loadRequest(db, req.id))!;
    expect((await view(db, after, ceo, 'zh-CN')).routingNote).toContain('此步骤无人可以审批：林晓雯 Sharon Lin 已离职');
    expect((await audits(req.id)).map((a) => a.action)).toEqual([
      'approval.submit',
      'approval.reroute',
      'approval.unroutable',
    ]);
  });

  it('at escalation with nobody new to go to, the step stays with approvers who can decide and they keep being reminded', async () => {
    const { db, id } = await org();
    const ceo = await id('chen.zhiyuan');
    const req = await submit(db, ceo, claimOf()); // → HR, whose manager is the applicant
    const cfg = { remindAfterMs: 24 * HOUR, escalateAfterMs: 72 * HOUR };
    const later = await overdueWork(db, new Date(NOW.getTime() + 73 * HOUR), cfg);
    expect(later.escalated).toEqual([]);
    expect(later.remind.map((r) => r.id)).toEqual([req.id]);
    expect(await loadRequest(db, req.id)).toMatchObject({
      status: 'pending',
      approvers: [await id('lin.xiaowen')],
      version: req.version,
    });
    expect((await overdueWork(db, new Date(NOW.getTime() + 74 * HOUR), cfg)).remind).toEqual([]);
  });
});

async function loadUnit(db: Db, employeeId: number): Promise<number> {
  return ((await sqlFor(db).row('select unit_id as u from employees where id = ?', employeeId)) as { u: number }).u;
}
