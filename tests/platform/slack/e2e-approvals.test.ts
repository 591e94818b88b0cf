// Approvals and point claims end to end on Slack (issue 7), through the real adapter, the real Bolt app and
// the Web API emulator. Slack's natural path, used throughout:
// - `/vitality claim` answers with the claim card; its form is a button (`form:claim`) that opens the claim
//   as a modal (views.open with the press's trigger_id); the claim comes back as `view_submission`.
// - Approvers decide with the buttons on their approval card (block_actions `approval.approve`).
// - Reject: the Reject button opens the reason modal at once (and turns the card into the reason form, whose
//   button reopens it if the modal is dismissed); a reason is required: an empty one is answered with
//   `response_action: 'errors'`. The applicant's Edit opens the prefilled claim form the same way.
// - A returned claim: the applicant's card gets "Edit and resubmit" (`claim.edit`), which turns it into the
//   prefilled claim form; its button opens the modal that submits `claim.resubmit`.
// - A transfer is started with the slash command `/vitality transfer <unit> ; <reason>` (there is no form).
// Assertions are on the Slack payloads the emulator received and on the database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postedChannel } from '../../emulators/slack/web-api.js';
import {
  buttonsOf,
  command,
  deliver,
  linkByHome,
  messageNow,
  messagesIn,
  messageWithButton,
  modalOpenedBy,
  openModal,
  pressButton,
  radio,
  refOf,
  settle,
  startSlackE2E,
  submitModal,
  textOfBlocks,
  typed,
  type ModalView,
  type SlackE2E,
  type SlackMessage,
} from './e2e-kit.js';

const USERS = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'liu.yang', 'chen.jing', 'song.tao', 'liu.qiang', 'huang.jing'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('approvals-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const tagId = async (nameZh: string) =>
  ((await k.h.sql.row('select id from value_tags where name_zh = ?', nameZh)) as { id: number }).id;
const balance = async (user: string) =>
  (
    (await k.h.sql.row(
      'select coalesce(sum(points), 0) as b from ledger_entries where employee_id = ?',
      await k.empId(user),
    )) as { b: number }
  ).b;
const ledger = async (user: string) =>
  await k.h.sql.rows(
    'select kind, points, source from ledger_entries where employee_id = ? order by id',
    await k.empId(user),
  );
const latestRequest = async () =>
  ((await k.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
const request = async (rid: number) =>
  (await k.h.sql.row('select status, step_index as step, approvers from approval_requests where id = ?', rid)) as {
    status: string;
    step: number;
    approvers: string;
  };
const decisions = async (rid: number) =>
  (await k.h.sql.rows(
    'select kind, actor_id as actor, comment from approval_decisions where request_id = ? order by id',
    rid,
  )) as { kind: string; actor: number | null; comment: string | null }[];
const text = (m: SlackMessage) => textOfBlocks(m.blocks);
const hasButton = (m: SlackMessage, kind: string) =>
  buttonsOf(m.blocks).some((b) => b.value !== undefined && refOf(b).k === kind);
const unitOf = async (user: string) => (await k.h.employeeByEmail(`${user}@qingyun.example`))!.unitId;

/** Fill the claim modal the way a person does: pick the tag (radio buttons), describe, give the value. */
async function claimValues(view: ModalView, v: { tag: string; description: string; amount: string; unit: string }) {
  const tagBlock = view.blocks.find((b) => b.block_id === 'tag')!;
  expect(tagBlock.element!.type).toBe('radio_buttons');
  const option = tagBlock.element!.options!.find((o) => o.text!.text.startsWith(`${v.tag} · `))!;
  expect(option.value).toBe(String(await tagId(v.tag)));
  return { tag: radio(option.value), description: typed(v.description), amount: typed(v.amount), unit: radio(v.unit) };
}

/** /vitality claim → the claim card → its button → the modal → submit. Returns the request id. */
async function claimViaModal(
  user: string,
  v: { tag: string; description: string; amount: string; unit: string },
): Promise<number> {
  const before = (await latestRequest()) ?? 0;
  await command(k, user, 'claim');
  const formCard = messagesIn(k, k.dm(user)).at(-1)!;
  const launcher = buttonsOf(formCard.blocks).find((b) => b.action_id === 'form:claim')!;
  expect(refOf(launcher)).toEqual({ k: 'claim.submit' });
  const view = await openModal(k, user, formCard);
  expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
    'tag',
    'description',
    'amount',
    'unit',
    'note',
  ]);
  const sub = await submitModal(k, user, view, await claimValues(view, v));
  expect([sub.status, sub.body]).toEqual([200, '']);
  expect(sub.res.outcome).toBe('handled');
  const rid = await latestRequest();
  expect(rid).toBeGreaterThan(before);
  // The claim card the modal came from now says the claim was submitted.
  await vi.waitFor(() => expect(messageNow(k, formCard).text).toContain('申请已提交'), { timeout: 10_000 });
  expect(text(messageNow(k, formCard))).toMatch(new RegExp(`申请 #${rid} 已交给 \\S`));
  await settle(k);
  return rid;
}

/** Press a decision button on the approver's current card for the request, and wait for what it caused. */
async function decide(user: string, rid: number, kind = 'approval.approve') {
  const card = messageWithButton(k, user, kind, String(rid));
  const pressed = await pressButton(k, user, card, kind);
  await settle(k);
  return { ...pressed, card };
}

describe('Slack: point claims', () => {
  it('a claim approved by the manager lands points and notifies the applicant and the manager', async () => {
    const rid = await claimViaModal('zhang.wei', {
      tag: '流程优化',
      description: 'Renegotiated the produce contract',
      amount: '15',
      unit: 'percent',
    });
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 0,
      approvers: JSON.stringify([await k.empId('li.ming')]),
    });
    // The manager's card on Slack, with the claim's details and the decision buttons.
    const approverCard = messageWithButton(k, 'li.ming', 'approval.approve', String(rid));
    expect(approverCard.text).toContain(`积分申请 #${rid}`);
    expect(text(approverCard)).toContain('张伟 Wei Zhang');
    expect(text(approverCard)).toContain('15%');
    expect(
      buttonsOf(approverCard.blocks)
        .filter((b) => b.value)
        .map((b) => refOf(b).k),
    ).toEqual([
      'approval.approve',
      'approval.adjust',
      'approval.return',
      'approval.reject',
      // Issue 24: approve with a comment, hand over, add an approver (no earlier step yet: no send back), CC.
      'approval.comment',
      'approval.handover',
      'approval.addsign',
      'approval.cc',
    ]);
    // …and a plain link to the request's page in the mini-app (Slack opens it in the browser).
    expect(
      buttonsOf(approverCard.blocks)
        .filter((b) => b.url)
        .map((b) => b.url),
    ).toEqual([`${k.h.app.config.publicBaseUrl}/app/requests/${rid}`]);
    // The applicant's progress card.
    const progress = messageWithButton(k, 'zhang.wei', 'approval.cancel', String(rid));
    expect(text(progress)).toContain('审批中');

    const before = k.emu.calls.length;
    const { res } = await decide('li.ming', rid);
    expect(res).toMatchObject({ outcome: 'handled', toast: { text: '已通过' } });
    expect((await request(rid)).status).toBe('approved');
    expect(await ledger('zhang.wei')).toEqual([{ kind: 'award', points: 120, source: `request:${rid}` }]);
    // Both cards were redrawn in place: approved, no more buttons to decide or cancel.
    expect(text(messageNow(k, approverCard))).toContain('已通过');
    expect(hasButton(messageNow(k, approverCard), 'approval.approve')).toBe(false);
    expect(text(messageNow(k, progress))).toContain('已通过');
    expect(hasButton(messageNow(k, progress), 'approval.cancel')).toBe(false);
    // Both were told the points landed, by a new DM each.
    const posts = k.emu.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    const toWei = posts.filter((c) => postedChannel(c) === k.dm('zhang.wei'));
    const toMing = posts.filter((c) => postedChannel(c) === k.dm('li.ming'));
    expect(toWei).toHaveLength(1);
    expect(toWei[0]!.args.text).toContain('+120 积分');
    expect(toMing).toHaveLength(1);
    expect(String(toMing[0]!.args.text)).toContain('张伟 Wei Zhang 因「流程优化」获得 120 积分');
  });

  it('a 200-point claim (解决重大问题) needs HR too', async () => {
    const rid = await claimViaModal('zhang.wei', {
      tag: '解决重大问题',
      description: 'Fixed the outage in the ordering system',
      amount: '200000',
      unit: 'cny',
    });
    const { res } = await decide('li.ming', rid);
    expect(res.toast?.text).toBe('已同意，进入下一步');
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 1,
      approvers: JSON.stringify([await k.empId('lin.xiaowen')]),
    });
    expect(await balance('zhang.wei')).toBe(120);
    // HR now has a card on Slack for it, and approves there.
    const hrCard = messageWithButton(k, 'lin.xiaowen', 'approval.approve', String(rid));
    expect(text(hrCard)).toContain('¥200,000');
    await decide('lin.xiaowen', rid);
    expect((await request(rid)).status).toBe('approved');
    expect(await balance('zhang.wei')).toBe(320);
    expect((await decisions(rid)).map((d) => [d.kind, d.actor])).toEqual([
      ['submit', await k.empId('zhang.wei')],
      ['approve', await k.empId('li.ming')],
      ['approve', await k.empId('lin.xiaowen')],
    ]);
    expect(messagesIn(k, k.dm('zhang.wei')).at(-1)!.text).toContain('+200 积分');
  });

  it('Return for changes with a reason (asked in a modal) returns the claim; the applicant edits and resubmits', async () => {
    const rid = await claimViaModal('liu.yang', {
      tag: '成本控制',
      description: 'Saved money',
      amount: '',
      unit: 'cny',
    });
    const applicantCard = messageWithButton(k, 'liu.yang', 'approval.cancel', String(rid));
    // Return on the card: one press opens the reason modal; the card becomes the reason form (its button
    // reopens the same modal if this one is dismissed).
    const { res, card, payload } = await decide('li.ming', rid, 'approval.return');
    expect(res.outcome).toBe('handled');
    const view = await modalOpenedBy(k, payload);
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['reason']);
    const reasonCard = messageNow(k, card);
    const launcher = buttonsOf(reasonCard.blocks).find((b) => b.action_id?.startsWith('form:'))!;
    expect(refOf(launcher)).toMatchObject({ k: 'approval.return', id: String(rid) });
    const reopened = await openModal(k, 'li.ming', reasonCard);
    expect(reopened.blocks).toEqual(view.blocks);

    // A blank reason: the modal shows the error on the reason field and nothing changes.
    const blank = await submitModal(k, 'li.ming', view, { reason: typed('   ') });
    expect(blank.status).toBe(200);
    expect(JSON.parse(blank.body)).toEqual({
      response_action: 'errors',
      errors: { reason: '退回或驳回都需要填写原因。' },
    });
    expect((await request(rid)).status).toBe('pending');

    const ok = await submitModal(k, 'li.ming', view, { reason: typed('How much was saved?') });
    expect([ok.status, ok.body]).toEqual([200, '']);
    await settle(k);
    expect((await request(rid)).status).toBe('returned');
    expect((await decisions(rid)).at(-1)).toEqual({
      kind: 'return',
      actor: await k.empId('li.ming'),
      comment: 'How much was saved?',
    });
    expect(await ledger('liu.yang')).toEqual([]);
    // The applicant's card, redrawn in place: returned, with the reason and the edit button.
    const returned = messageNow(k, applicantCard);
    expect(text(returned)).toContain('已退回修改');
    expect(text(returned)).toContain('How much was saved?');
    expect(hasButton(returned, 'claim.edit')).toBe(true);
    await vi.waitFor(() => expect(text(messageNow(k, card))).toContain('已退回修改'), { timeout: 10_000 });

    // Edit and resubmit: one press opens the prefilled claim form (the card turns into it too); it submits claim.resubmit.
    const edit = await pressButton(k, 'liu.yang', returned, 'claim.edit');
    const editView = await modalOpenedBy(k, edit.payload);
    await vi.waitFor(
      () =>
        expect(buttonsOf(messageNow(k, applicantCard).blocks).some((b) => b.action_id?.startsWith('form:'))).toBe(true),
      { timeout: 10_000 },
    );
    expect(JSON.parse(editView.private_metadata).a).toMatchObject({ k: 'claim.resubmit', id: String(rid) });
    const desc = editView.blocks.find((b) => b.block_id === 'description')!;
    expect(desc.element!.initial_value).toBe('Saved money');
    expect(editView.blocks.find((b) => b.block_id === 'tag')!.element!.initial_option!.value).toBe(
      String(await tagId('成本控制')),
    );
    const resubmitted = await submitModal(k, 'liu.yang', editView, {
      ...(await claimValues(editView, {
        tag: '成本控制',
        description: 'Saved money on packaging',
        amount: '30000',
        unit: 'cny',
      })),
    });
    expect([resubmitted.status, resubmitted.body]).toEqual([200, '']);
    expect(resubmitted.res.toast?.text).toBe('已重新提交');
    await settle(k);
    expect(await request(rid)).toMatchObject({ status: 'pending', step: 0 });
    // The manager is asked again with a new card; the old one stays "returned".
    const again = messageWithButton(k, 'li.ming', 'approval.approve', String(rid));
    expect(again.ts).not.toBe(card.ts);
    expect(text(again)).toContain('¥30,000');
    await decide('li.ming', rid);
    expect((await request(rid)).status).toBe('approved');
    expect(await ledger('liu.yang')).toEqual([{ kind: 'award', points: 100, source: `request:${rid}` }]);
  });

  it('the same callback delivered twice (and a double click) produce one decision', async () => {
    const rid = await claimViaModal('chen.jing', {
      tag: '招聘效率',
      description: 'Hired three engineers in a month',
      amount: '3',
      unit: 'other',
    });
    const { payload, res, card } = await decide('li.ming', rid);
    expect(res.outcome).toBe('handled');
    // Slack delivers the very same block_actions again (same trigger_id): acknowledged, ignored.
    const retry = await deliver(k, payload);
    expect(retry.outcome).toBe('duplicate');
    // A second click on the (stale) card is a new interaction: refused to the presser alone (no card in the
    // answer: the card is not redrawn by a refusal); the decision itself already redrew it.
    const click = await pressButton(k, 'li.ming', { ...card }, 'approval.approve');
    expect(click.res).toMatchObject({
      outcome: 'invalid',
      toast: { text: '这一步已经处理过了，卡片已更新为最新状态。' },
    });
    expect(click.res.card).toBeUndefined();
    await settle(k);
    expect(hasButton(messageNow(k, card), 'approval.approve')).toBe(false);
    expect((await decisions(rid)).map((d) => d.kind)).toEqual(['submit', 'approve']);
    expect(await ledger('chen.jing')).toEqual([{ kind: 'award', points: 100, source: `request:${rid}` }]);
    expect(
      await k.h.sql.row(
        "select count(*) as n from inbound_events where platform = 'slack' and event_id = ?",
        `act:${String(payload.trigger_id)}`,
      ),
    ).toEqual({ n: 1 });
  });
});

describe('Slack: transfers', () => {
  it('/vitality transfer 杭州西湖店 ; 离家更近 goes current head → HR → receiving head, then moves the employee', async () => {
    const shanghai = await unitOf('song.tao');
    const hangzhou = ((await k.h.sql.row("select id from org_units where name = '杭州西湖店'")) as { id: number }).id;
    expect(shanghai).not.toBe(hangzhou);
    await command(k, 'song.tao', 'transfer 杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    const progress = messageWithButton(k, 'song.tao', 'approval.cancel', String(rid));
    expect(progress.text).toContain(`调岗申请 #${rid}`);
    expect(text(progress)).toContain('离家更近');
    for (const approver of ['liu.qiang', 'lin.xiaowen', 'huang.jing']) {
      // The org changes only when the flow completes.
      expect(await unitOf('song.tao')).toBe(shanghai);
      expect(JSON.parse((await request(rid)).approvers)).toEqual([await k.empId(approver)]);
      await decide(approver, rid);
    }
    expect((await request(rid)).status).toBe('approved');
    expect(await unitOf('song.tao')).toBe(hangzhou);
    expect(
      await k.h.sql.row(
        'select from_unit_id as f, to_unit_id as t, source from transfers where employee_id = ? order by id desc limit 1',
        await k.empId('song.tao'),
      ),
    ).toEqual({ f: shanghai, t: hangzhou, source: `request:${rid}` });
    // The applicant's one card shows the whole timeline, with every approver, and the outcome.
    const timeline = text(messageNow(k, progress));
    expect(timeline).toContain('已通过');
    for (const who of ['刘强 Qiang Liu', '林晓雯 Sharon Lin', '黄静 Jing Huang']) expect(timeline).toContain(who);
    expect(hasButton(messageNow(k, progress), 'approval.cancel')).toBe(false);
  });
});
