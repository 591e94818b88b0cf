// Approvals and point claims on Feishu, end to end (issue 7), through the real server, the Feishu adapter,
// the real Lark SDK and the local emulator. Feishu's natural path is used throughout:
// - a claim is filed with `/claim` in a 1:1 chat, which sends a card JSON 2.0 form container (tag select,
//   description/amount inputs, unit select); submitting it is a card.action.trigger callback with form_value;
// - approvers decide with the Approve button on the card they received (callback; the answer carries a toast and
//   the redrawn card); Reject first answers with a reason form in place, whose submit carries the reason in
//   form_value; the applicant's Edit button answers with the pre-filled claim form, resubmitted the same way;
// - a transfer is started with the text command `/transfer <unit> ; <reason>` (there is no transfer form);
// - every other copy of a request's card is redrawn with PATCH im/v1/messages/:id from the outbox.
// Assertions read what the emulator received (sent cards and their patches, callback answers) and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, type El, type FeishuE2E, openId, type Ref, refOn, startFeishuE2E, textOf } from './e2e-kit.js';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import { newEventId } from '../../emulators/feishu/sender.js';

const TOKEN = 'vt-approvals-e2e';

const PEOPLE = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'liu.yang', 'david.kim', 'song.tao', 'liu.qiang', 'huang.jing'];
const tagId = async (nameZh: string) =>
  ((await f.h.sql.row('select id from value_tags where name_zh = ?', nameZh)) as { id: number }).id;
const balance = async (who: number) =>
  (
    (await f.h.sql.row('select coalesce(sum(points), 0) as b from ledger_entries where employee_id = ?', who)) as {
      b: number;
    }
  ).b;
const latestRequest = async () =>
  ((await f.h.sql.row('select max(id) as id from approval_requests')) as { id: number | null }).id ?? 0;
const request = async (rid: number) =>
  (await f.h.sql.row('select status, step_index as step, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    step: number;
    approvers: string;
  };
const decisions = async (rid: number) =>
  (await f.h.sql.rows(
    'select kind, actor_id as actor, comment from approval_decisions where request_id = ? order by id',
    rid,
  )) as { kind: string; actor: number | null; comment: string | null }[];

/** The person's Feishu message whose current card offers action `k` for request `rid` (the newest one). */
function messageWith(user: string, k: string, rid: number): { message: EmuMessage; ref: Ref } {
  const found = f
    .messagesTo(user)
    .filter((m) => m.msg_type === 'interactive')
    .map((message) => ({ message, ref: refOn(current(message), k, rid) }))
    .filter((x): x is { message: EmuMessage; ref: Ref } => x.ref !== undefined);
  if (!found.length) throw new Error(`${user} has no Feishu card with ${k} for request ${rid}`);
  return found.at(-1)!;
}

/** The copy of the request's card a person got on Feishu (the message sent with that card key). */
async function requestMessage(user: string, rid: number): Promise<EmuMessage> {
  const rows = (await f.h.outbox()).filter(
    (r) =>
      r.platform === 'feishu' &&
      r.op === 'send' &&
      r.cardKey === `approval:${rid}` &&
      JSON.parse(r.recipient).platformUserId === openId(user),
  );
  expect(rows.length, `${user} got the card of request ${rid}`).toBeGreaterThan(0);
  const messageId = (JSON.parse(rows.at(-1)!.sentRef!) as { messageId: string }).messageId;
  return f.emu.messages.get(messageId)!;
}

/** `/claim` in chat → the form card on Feishu → submit it with form_value. Returns the new request id. */
async function claimByForm(
  user: string,
  tag: string,
  description: string,
  amount: string,
  unit: string,
): Promise<number> {
  const before = await latestRequest();
  await f.say(user, '/claim');
  const formCard = f.messagesTo(user).at(-1)!;
  const card = current(formCard);
  const form = card.body.elements.find((e) => e['tag'] === 'form')!;
  expect(form).toBeDefined();
  const tagSelect = (form['elements'] as El[]).find((e) => e['tag'] === 'select_static' && e['name'] === 'tag')!;
  const names = (await f.h.sql.row(
    'select name_zh as zh, name_en as en, points from value_tags where id = ?',
    await tagId(tag),
  )) as { zh: string; en: string; points: number };
  const wanted = String(await tagId(tag));
  const option = (tagSelect['options'] as { value: string; text: { content: string } }[]).find(
    (o) => o.value === wanted,
  )!;
  // Labelled in the person's language, with the points.
  expect([`${names.zh} · ${names.points}`, `${names.en} · ${names.points}`]).toContain(option.text.content);
  const submit = refOn(card, 'claim.submit')!;
  expect(submit).toBeDefined();
  const answer = await f.press(user, formCard, submit, { tag: option.value, description, amount, unit });
  const rid = await latestRequest();
  expect(rid).toBe(before + 1);
  // The confirmation is in the person's language (david.kim uses English).
  expect(answer.toast?.type).toBe('success');
  expect(['申请已提交', 'Claim submitted']).toContain(answer.toast?.content);
  expect(textOf(answer.card!.data)).toMatch(new RegExp(`申请 #${rid} 已交给 \\S|Request #${rid} is with \\S`));
  await f.settle();
  return rid;
}

let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: TOKEN, link: PEOPLE });
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('point claims on Feishu', () => {
  it('a claim approved by the manager lands points (ledger) and notifies the applicant and the manager', async () => {
    const rid = await claimByForm('zhang.wei', '流程优化', 'Renegotiated the produce contract', '15%', 'percent');
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 0,
      approvers: JSON.stringify([await f.id('li.ming')]),
    });
    // The applicant got a progress card, the manager a card with the claim and Approve / Reject.
    const progress = await requestMessage('zhang.wei', rid);
    expect(refOn(current(progress), 'approval.approve')).toBeUndefined();
    const { message, ref } = messageWith('li.ming', 'approval.approve', rid);
    expect(message).toBe(await requestMessage('li.ming', rid));
    expect(textOf(current(message))).toContain('张伟 Wei Zhang');
    expect(textOf(current(message))).toContain('15%');
    expect(refOn(current(message), 'approval.reject', rid)).toBeDefined();
    expect(refOn(current(message), 'approval.return', rid)).toBeDefined();

    const landedBefore = { wei: f.messagesTo('zhang.wei').length, ming: f.messagesTo('li.ming').length };
    const answer = await f.press('li.ming', message, ref);
    expect(answer.toast).toEqual({ type: 'success', content: '已通过' });
    expect(refOn(answer.card!.data, 'approval.approve')).toBeUndefined();
    expect(textOf(answer.card!.data)).toContain('已通过');
    expect((await request(rid)).status).toBe('approved');
    expect(
      await f.h.sql.rows(
        'select kind, points, source from ledger_entries where employee_id = ? order by id',
        await f.id('zhang.wei'),
      ),
    ).toEqual([{ kind: 'award', points: 120, source: `request:${rid}` }]);
    expect(await balance(await f.id('zhang.wei'))).toBe(120);

    await f.settle();
    // The applicant's progress card is redrawn in place (PATCH) with the decision and who made it.
    expect(progress.patches.length).toBeGreaterThan(0);
    expect(textOf(current(progress))).toContain('已通过');
    expect(textOf(current(progress))).toContain('李明');
    // Both get a new "points landed" card on Feishu.
    const toWei = f
      .messagesTo('zhang.wei')
      .slice(landedBefore.wei)
      .map((m) => textOf(current(m)));
    const toMing = f
      .messagesTo('li.ming')
      .slice(landedBefore.ming)
      .map((m) => textOf(current(m)));
    expect(toWei).toHaveLength(1);
    expect(toWei[0]).toContain('+120 积分');
    expect(toMing).toHaveLength(1);
    expect(toMing[0]).toContain('张伟 Wei Zhang 因「流程优化」获得 120 积分');
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });

  it('a 200-point claim (解决重大问题) needs HR after the manager', async () => {
    const rid = await claimByForm('zhang.wei', '解决重大问题', 'Fixed the checkout outage', '40', 'hours');
    const manager = messageWith('li.ming', 'approval.approve', rid);
    expect((await f.press('li.ming', manager.message, manager.ref)).toast).toEqual({
      type: 'success',
      content: '已同意，进入下一步',
    });
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 1,
      approvers: JSON.stringify([await f.id('lin.xiaowen')]),
    });
    expect(await balance(await f.id('zhang.wei'))).toBe(120);
    await f.settle();
    // HR now has the card on Feishu; the manager's copy no longer offers a decision.
    expect(refOn(current(manager.message), 'approval.approve')).toBeUndefined();
    const hr = messageWith('lin.xiaowen', 'approval.approve', rid);
    expect(textOf(current(hr.message))).toContain('解决重大问题');
    expect((await f.press('lin.xiaowen', hr.message, hr.ref)).toast).toEqual({ type: 'success', content: '已通过' });
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(await f.id('zhang.wei'))).toBe(320);
    expect((await decisions(rid)).map((d) => [d.kind, d.actor])).toEqual([
      ['submit', await f.id('zhang.wei')],
      ['approve', await f.id('li.ming')],
      ['approve', await f.id('lin.xiaowen')],
    ]);
    await f.settle();
    expect(f.messagesTo('zhang.wei').some((m) => textOf(current(m)).includes('+200 积分'))).toBe(true);
  });

  it('Return for changes, with a reason, returns the claim to the applicant, who edits and resubmits it', async () => {
    const rid = await claimByForm('liu.yang', '成本控制', 'Saved money', '', 'cny');
    const approverCard = messageWith('li.ming', 'approval.return', rid);
    // Return asks for the reason first: the callback answer replaces the card with a reason form.
    const ask = await f.press('li.ming', approverCard.message, approverCard.ref);
    const reasonForm = ask.card!.data.body.elements.find((e) => e['tag'] === 'form')!;
    expect((reasonForm['elements'] as El[]).find((e) => e['tag'] === 'input')).toMatchObject({
      name: 'reason',
      required: true,
    });
    const submitReject = refOn(ask.card!.data, 'approval.return', rid)!;
    expect(submitReject).toEqual(approverCard.ref);
    expect((await request(rid)).status).toBe('pending');
    // A blank reason is refused with an error toast and changes nothing.
    const blank = await f.press('li.ming', approverCard.message, submitReject, { reason: '  ' });
    expect(blank.toast).toEqual({ type: 'error', content: '退回或驳回都需要填写原因。' });
    expect((await request(rid)).status).toBe('pending');
    const rejected = await f.press('li.ming', approverCard.message, submitReject, { reason: 'How much was saved?' });
    expect(rejected.toast).toEqual({ type: 'success', content: '已退回申请人' });
    expect((await request(rid)).status).toBe('returned');
    expect((await decisions(rid)).at(-1)).toEqual({
      kind: 'return',
      actor: await f.id('li.ming'),
      comment: 'How much was saved?',
    });

    await f.settle();
    // The applicant's card is redrawn with the reason and an Edit button.
    const progress = await requestMessage('liu.yang', rid);
    expect(textOf(current(progress))).toContain('How much was saved?');
    expect(textOf(current(progress))).toContain('已退回修改');
    const edit = refOn(current(progress), 'claim.edit', rid)!;
    expect(edit).toBeDefined();
    const editAnswer = await f.press('liu.yang', progress, edit);
    const editForm = editAnswer.card!.data;
    expect(textOf(editForm)).toContain('Saved money');
    const resubmit = refOn(editForm, 'claim.resubmit', rid)!;
    const again = await f.press('liu.yang', progress, resubmit, {
      tag: String(await tagId('成本控制')),
      description: 'Saved money on packaging',
      amount: '¥30,000',
      unit: 'cny',
    });
    expect(again.toast?.type).toBe('success');
    expect(await request(rid)).toMatchObject({ status: 'pending', step: 0 });
    await f.settle();
    const second = messageWith('li.ming', 'approval.approve', rid);
    expect(textOf(current(second.message))).toContain('¥30,000');
    await f.press('li.ming', second.message, second.ref);
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(await f.id('liu.yang'))).toBe(100);
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit', 'return', 'resubmit', 'approve']);
  });

  it('the same callback delivered twice (same event_id) produces one decision; a second click is refused', async () => {
    const rid = await claimByForm('david.kim', '招聘效率', 'Cut time-to-hire for two roles', '10', 'hours');
    const { message, ref } = messageWith('li.ming', 'approval.approve', rid);
    const eventId = newEventId();
    const first = await f.press('li.ming', message, ref, undefined, eventId);
    expect(first.toast).toEqual({ type: 'success', content: '已通过' });
    // Feishu re-pushes the same event: acknowledged, nothing applied.
    expect(await f.press('li.ming', message, ref, undefined, eventId)).toEqual({});
    // A double click is a new event with the same (now stale) value: a warning toast for the presser only, and
    // no card in the answer (a refusal never replaces the card; the decision already did).
    const click = await f.press('li.ming', message, ref);
    expect(click.toast).toEqual({ type: 'warning', content: '这一步已经处理过了，卡片已更新为最新状态。' });
    expect(click.card).toBeUndefined();
    expect((await decisions(rid)).filter((d) => d.kind === 'approve')).toHaveLength(1);
    expect(await balance(await f.id('david.kim'))).toBe(100);
    expect(
      await f.h.sql.row('select count(*) as n from ledger_entries where employee_id = ?', await f.id('david.kim')),
    ).toEqual({ n: 1 });
  });
});

describe('transfers on Feishu', () => {
  it('song.tao: /transfer 杭州西湖店 ; 离家更近 → liu.qiang → lin.xiaowen → huang.jing, then the move', async () => {
    const tao = await f.id('song.tao');
    const fromUnit = (await f.h.employeeByEmail('song.tao@qingyun.example'))!.unitId;
    const before = await latestRequest();
    await f.say('song.tao', '/transfer 杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    expect(rid).toBe(before + 1);
    const hangzhou = ((await f.h.sql.row("select id from org_units where name = '杭州西湖店'")) as { id: number }).id;
    for (const approver of ['liu.qiang', 'lin.xiaowen', 'huang.jing']) {
      expect((await f.h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(fromUnit);
      expect(JSON.parse((await request(rid)).approvers)).toEqual([await f.id(approver)]);
      const { message, ref } = messageWith(approver, 'approval.approve', rid);
      expect(textOf(current(message))).toContain('杭州西湖店');
      expect(textOf(current(message))).toContain('离家更近');
      const answer = await f.press(approver, message, ref);
      expect(answer.toast?.type).toBe('success');
      await f.settle();
    }
    expect((await request(rid)).status).toBe('approved');
    expect((await f.h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(hangzhou);
    expect(
      await f.h.sql.row(
        'select from_unit_id as f, to_unit_id as t, source from transfers where employee_id = ? order by id desc limit 1',
        tao,
      ),
    ).toEqual({ f: fromUnit, t: hangzhou, source: `request:${rid}` });
    // The applicant's one card on Feishu shows the whole timeline.
    const timeline = textOf(current(await requestMessage('song.tao', rid)));
    expect(timeline).toContain('已通过');
    for (const who of ['刘强 Qiang Liu', '林晓雯 Sharon Lin', '黄静 Jing Huang']) expect(timeline).toContain(who);
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });
});
