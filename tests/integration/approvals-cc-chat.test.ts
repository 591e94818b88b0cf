// Issue 24 in chat, on the sandbox: an approver copies (抄送) colleagues from the approval card. The CC button
// opens a form (work emails and why); the copied person gets an information card without decision buttons and can
// open the request in the mini-app; the timeline says who copied whom, when and why. Copying someone who has left,
// someone already copied or an unknown address is refused at the people field, and nothing is written.
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import type { FlowDefinition } from '../../src/domain/approvals/flow-schema.js';
import { ensureDefaultFlows } from '../../src/domain/approvals/requests.js';
import { actionOf, command, hasAction, lastCard, press, textOfCard } from '../support/cards.js';
import { useHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  Number(((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id);
/** Everything a CC could change: the request row and its timeline. */
const stored = async (rid: number) => ({
  request: await h.sql.row('select status, approvers, version, seats from approval_requests where id = ?', rid),
  decisions: (await h.sql.rows(
    'select kind, actor_id, comment, detail, at from approval_decisions where request_id = ? order by id',
    rid,
  )) as { kind: string; actor_id: number | null; comment: string | null; detail: string | null; at: string }[],
});
const managerStep: FlowDefinition['steps'][number] = {
  id: 'manager',
  name: { 'zh-CN': '直属上级审批', en: 'Manager review' },
  approver: { type: 'manager' },
  onReject: 'end',
};

async function claim(who: number): Promise<number> {
  await ensureDefaultFlows(h.app.db);
  const flow: FlowDefinition = {
    key: 'point-claim',
    name: { 'zh-CN': '积分申请', en: 'Point claim' },
    steps: [managerStep],
  };
  await h.sql.run('update approval_flows set definition = ? where key = ?', JSON.stringify(flow), flow.key);
  const before = await latestRequest();
  await command(h, who, 'claim', '流程优化 ; Shorter stand-ups');
  expect(await latestRequest()).toBeGreaterThan(before);
  return await latestRequest();
}

const buttonUrls = (card: CardView) =>
  card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.flatMap((x) => (x.url ? [x.url] : [])) : []));

describe('CC from the approval card in chat (issue 24)', () => {
  it('the approver copies a colleague: an information card, the mini-app opens, the timeline says who, when and why', async () => {
    const [wei, ming, tao] = [await id('zhang.wei'), await id('li.ming'), await id('song.tao')];
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    // Song Tao was not asked: before the CC the mini-app refuses him the request.
    const taoS = await sandboxSession(h, tao);
    expect((await call(h, 'GET', `/api/requests/${rid}`, { session: taoS })).status).toBe(403);
    // Only the deciding approver's card carries CC; the applicant's does not.
    expect(hasAction(await lastCard(h, wei, key), 'approval.cc')).toBe(false);
    const form = await press(h, ming, actionOf(await lastCard(h, ming, key), 'approval.cc'));
    const submit = actionOf(form.card!, 'approval.cc');

    const res = await press(h, ming, submit, { people: 'song.tao@qingyun.example', reason: '门店排班需要他知悉' });
    expect(res.toast?.text).toBe('已抄送。');
    const after = await stored(rid);
    expect(after.request).toMatchObject({ status: 'pending', approvers: JSON.stringify([ming]) });
    const cc = after.decisions.at(-1)!;
    expect(cc).toMatchObject({ kind: 'cc', actor_id: ming, comment: '门店排班需要他知悉' });
    expect(JSON.parse(cc.detail!)).toEqual({ people: [tao] });
    expect(Number.isNaN(Date.parse(cc.at))).toBe(false);

    // Tao's card: informational, no decision or further-action buttons, a link to the request in the mini-app.
    const taoCard = await lastCard(h, tao, key);
    expect(textOfCard(taoCard)).toContain('仅供知悉');
    for (const k of ['approval.approve', 'approval.reject', 'approval.cc', 'approval.handover'])
      expect(hasAction(taoCard, k)).toBe(false);
    expect(buttonUrls(taoCard).some((u) => u.endsWith(`/requests/${rid}`))).toBe(true);
    const opened = await call(h, 'GET', `/api/requests/${rid}`, { session: taoS });
    expect(opened.status).toBe(200);
    expect(opened.body.request).toMatchObject({ id: rid, canDecide: false, copied: true });

    // The applicant's copy is redrawn with the CC in its timeline: who copied whom and why.
    const weiText = textOfCard(await lastCard(h, wei, key));
    expect(weiText).toContain('抄送');
    expect(weiText).toContain('门店排班需要他知悉');
  });

  it('copying someone already copied, someone who has left or an unknown address: refused at the field, nothing written', async () => {
    const [wei, ming, liuYang] = [await id('zhang.wei'), await id('li.ming'), await id('liu.yang')];
    const rid = await claim(wei);
    const key = `approval:${rid}`;
    const formFor = async () =>
      actionOf((await press(h, ming, actionOf(await lastCard(h, ming, key), 'approval.cc'))).card!, 'approval.cc');
    await press(h, ming, await formFor(), { people: 'song.tao@qingyun.example', reason: '知悉' });
    const before = await stored(rid);

    const again = await press(h, ming, await formFor(), { people: 'song.tao@qingyun.example', reason: '再抄送' });
    expect(again).toMatchObject({ outcome: 'invalid', fieldErrors: { people: '你选择的人都已在抄送名单中。' } });

    await h.sql.run('update employees set active = false where id = ?', liuYang);
    const left = await press(h, ming, await formFor(), {
      people: 'song.tao@qingyun.example, liu.yang@qingyun.example',
      reason: '知悉',
    });
    expect(left).toMatchObject({ outcome: 'invalid', fieldErrors: { people: '此人已离职。' } });

    const unknown = await press(h, ming, await formFor(), { people: 'nobody@qingyun.example', reason: '知悉' });
    expect(unknown).toMatchObject({
      outcome: 'invalid',
      fieldErrors: { people: 'nobody@qingyun.example: 此人不存在。' },
    });
    const noReason = await press(h, ming, await formFor(), { people: 'sun.li@qingyun.example', reason: ' ' });
    expect(noReason.outcome).toBe('invalid');
    // The applicant cannot be copied from the approver's card either.
    const applicant = await press(h, ming, await formFor(), { people: 'zhang.wei@qingyun.example', reason: '知悉' });
    expect(applicant).toMatchObject({ outcome: 'invalid', fieldErrors: { people: '不能选择申请人。' } });

    expect(await stored(rid)).toEqual(before);
  });

  it("the mini-app's CC takes the same why, kept in the timeline", async () => {
    const [wei, ming, tao] = [await id('zhang.wei'), await id('li.ming'), await id('song.tao')];
    const rid = await claim(wei);
    const version = ((await stored(rid)).request as { version: number }).version;
    const res = await call(h, 'POST', `/api/approvals/${rid}/more`, {
      session: await sandboxSession(h, ming),
      body: { action: 'cc', version, people: [tao], reason: '请知悉排班' },
    });
    expect(res.status).toBe(200);
    expect((await stored(rid)).decisions.at(-1)).toMatchObject({ kind: 'cc', actor_id: ming, comment: '请知悉排班' });
  });

  it('someone who is not the current approver cannot open the CC form', async () => {
    const [wei, tao] = [await id('zhang.wei'), await id('song.tao')];
    const rid = await claim(wei);
    const card = await lastCard(h, await id('li.ming'), `approval:${rid}`);
    const before = await stored(rid);
    const res = await press(h, tao, actionOf(card, 'approval.cc'));
    expect(res).toMatchObject({ outcome: 'invalid', toast: { text: '这一步不需要你审批。' } });
    expect(await stored(rid)).toEqual(before);
  });
});
