// The mini-app's further approval actions (issue 24): approve with a comment, hand over, add-sign, send back,
// CC and urge through POST /api/approvals/:id/more — each answered with the request as it now is (its timeline
// naming the action), each refusal a 400 at its field in the viewer's language with nothing written, a stale
// version a 409. A copied person may open the request.
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../src/domain/approvals/requests.js';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  Number(((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);
const row = async (rid: number) =>
  (await h.sql.row('select status, approvers, version, step_index from approval_requests where id = ?', rid)) as {
    status: string;
    approvers: string;
    version: number;
    step_index: number;
  };
const decisions = async (rid: number) =>
  Number(
    ((await h.sql.row('select count(*) as n from approval_decisions where request_id = ?', rid)) as { n: number }).n,
  );

async function claimByChat(user: string): Promise<number> {
  await sandboxClient(h).send(await id(user), '/claim 流程优化 ; Shorter stand-ups');
  return await latestRequest();
}

describe('further approval actions in the mini-app', () => {
  it('hand over, add-sign, CC, approve with a comment; refusals at their field, nothing written', async () => {
    const [ming, sharon, tao] = [await id('li.ming'), await id('lin.xiaowen'), await id('song.tao')];
    const mingS = await sandboxSession(h, ming);
    const rid = await claimByChat('zhang.wei');
    const more = async (session: typeof mingS, body: Record<string, unknown>) =>
      await call(h, 'POST', `/api/approvals/${rid}/more`, {
        session,
        body: { version: (await row(rid)).version, ...body },
      });

    // Whom the approver may name: active people, not the applicant, not themselves; nobody else may ask.
    const people = await call(h, 'GET', `/api/approvals/${rid}/people`, { session: mingS });
    const ids = (people.body.people as { id: number }[]).map((p) => p.id);
    expect(ids).toContain(sharon);
    expect(ids).not.toContain(ming);
    expect(ids).not.toContain(await id('zhang.wei'));
    const outsider = await call(h, 'GET', `/api/approvals/${rid}/people`, { session: await sandboxSession(h, tao) });
    expect(outsider.status).toBe(403);

    const before = await row(rid);
    const self = await more(mingS, { action: 'hand_over', personId: ming, reason: 'x' });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'self', fields: { personId: '不能选择你自己。' } });
    const applicant = await more(mingS, {
      action: 'add_sign',
      personId: await id('zhang.wei'),
      position: 'after',
      reason: 'x',
    });
    expect(applicant.body).toMatchObject({ code: 'is_applicant' });
    expect(await row(rid)).toEqual(before);
    const stale = await call(h, 'POST', `/api/approvals/${rid}/more`, {
      session: mingS,
      body: { action: 'cc', version: before.version - 1, people: [tao] },
    });
    expect(stale.status).toBe(409);

    const cc = await more(mingS, { action: 'cc', people: [tao] });
    expect(cc.status).toBe(200);
    expect(cc.body.outcome).toBe('copied');
    // The copied person may open the request, and is told it is for their information.
    const taoView = await call(h, 'GET', `/api/requests/${rid}`, { session: await sandboxSession(h, tao) });
    expect(taoView.status).toBe(200);
    expect(taoView.body.request).toMatchObject({ copied: true, canDecide: false });

    const added = await more(mingS, { action: 'add_sign', personId: sharon, position: 'after', reason: 'HR too' });
    expect(added.body).toMatchObject({ outcome: 'signed', request: { canDecide: true } });
    const approved = await more(mingS, { action: 'approve', comment: 'Good one' });
    expect(approved.body.outcome).toBe('counted');
    expect(JSON.parse((await row(rid)).approvers)).toEqual([sharon]);
    const timeline = (approved.body.request as { timeline: { what: string; comment?: string }[] }).timeline;
    expect(timeline.map((e) => e.comment)).toEqual(
      expect.arrayContaining(['Good one', '林晓雯 Sharon Lin（在其之后审批）: HR too']),
    );

    const handed = await more(await sandboxSession(h, sharon), {
      action: 'hand_over',
      personId: await id('zhou.ting'),
      reason: 'On leave',
    });
    expect(handed.body.outcome).toBe('handed_over');
    expect(JSON.parse((await row(rid)).approvers)).toEqual([await id('zhou.ting')]);
  });

  it('send back to an earlier step and urge: the applicant only, once a day', async () => {
    await ensureDefaultFlows(h.app.db);
    const flow: FlowDefinition = {
      key: 'point-claim',
      name: { 'zh-CN': '积分申请', en: 'Point claim' },
      steps: [
        { id: 'manager', name: { 'zh-CN': '上级', en: 'Manager' }, approver: { type: 'manager' }, onReject: 'end' },
        { id: 'hr', name: { 'zh-CN': 'HR', en: 'HR' }, approver: { type: 'role', role: 'hr' }, onReject: 'end' },
      ],
    };
    await h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
    const [ming, sharon] = [await id('li.ming'), await id('lin.xiaowen')];
    const rid = await claimByChat('zhang.wei');
    const more = async (who: number, body: Record<string, unknown>) =>
      await call(h, 'POST', `/api/approvals/${rid}/more`, {
        session: await sandboxSession(h, who),
        body: { version: (await row(rid)).version, ...body },
      });
    expect((await more(ming, { action: 'approve' })).body.outcome).toBe('advanced');
    const hrView = await call(h, 'GET', `/api/requests/${rid}`, { session: await sandboxSession(h, sharon) });
    expect((hrView.body.request as { more?: unknown }).more).toEqual({ sendBack: [{ id: 'manager', name: '上级' }] });
    const n = await decisions(rid);
    const bad = await more(sharon, { action: 'send_back', toStep: 'hr', reason: 'x' });
    expect(bad.body).toMatchObject({ code: 'not_earlier', fields: { toStep: '只能退回到该申请已经过的节点。' } });
    expect(await decisions(rid)).toBe(n);
    const back = await more(sharon, { action: 'send_back', toStep: 'manager', reason: 'Numbers please' });
    expect(back.body.outcome).toBe('sent_back');
    expect(await row(rid)).toMatchObject({ step_index: 0, approvers: JSON.stringify([ming]) });

    expect((await more(ming, { action: 'urge' })).status).toBe(403);
    const wei = await id('zhang.wei');
    expect((await more(wei, { action: 'urge' })).body.outcome).toBe('urged');
    const again = await more(wei, { action: 'urge' });
    expect(again.body).toMatchObject({ code: 'urge_too_soon' });
  });
});
