// Issue 7 on DingTalk, end to end through the real adapter, the real dingtalk-stream client and the
// emulator. The DingTalk path:
// - claims are made with the text command `/claim <tag> ; <what> ; <value>` sent as a robot message —
//   a DingTalk card cannot take typed text, so the claim form (description, value) cannot be filled on a card;
// - Approve is the button on the approver's template card (a Stream card callback, acked, the card then
//   updated in place through PUT /v1.0/card/instances);
// - a return's or rejection's reason is typed, so it is the text command `/return <id> <reason>` or
//   `/reject <id> <reason>` (pressing Return or Reject on the card only turns it into a link to the mini-app form);
// - a transfer is `/transfer <unit> ; <reason>`, each approver approving on their card.
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { readsOf } from '../../support/harness-reads.js';
import {
  approvalCardOf,
  buttonParams,
  buttonsOf,
  dingId,
  sayAs,
  useLinkedDingTalkE2E,
  wait,
  type DingTalkE2E,
} from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const people = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'liu.yang', 'david.kim', 'song.tao', 'liu.qiang', 'huang.jing'];
const { id, tagId, balance, latestRequest, request, decisions } = readsOf(() => h);

const cardsTo = (user: string) =>
  [...emu.api.cards.values()].filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}`);
const textOf = (c: Card) => `${c.cardParamMap.title} ${c.cardParamMap.subtitle} ${c.cardParamMap.markdown}`;

const say = async (user: string, text: string): Promise<void> => void (await sayAs(kit!, user, text));
const approvalCard = (user: string, rid: number): Promise<Card> => approvalCardOf(kit!, user, rid);
const paramsOf = buttonParams;

/** Says something; resolves with the text of the new cards the bot sent that person once it includes
 *  `expected` (the outbox may still be delivering one of several cards when drainOutbox returns). */
async function reply(
  user: string,
  text: string,
  expected: () => string | RegExp | Promise<string | RegExp>,
): Promise<string> {
  const before = new Set(cardsTo(user).map((c) => c.outTrackId));
  await say(user, text);
  const fresh = () =>
    cardsTo(user)
      .filter((c) => !before.has(c.outTrackId))
      .map(textOf)
      .join('\n');
  const want = await expected();
  await vi.waitFor(() => expect(fresh()).toMatch(want), wait);
  return fresh();
}

/** The DingTalk card of request `rid` sent to `user` (found through the outbox row that delivered it). */

/** Taps a button on a card as `user` (one Stream card callback); resolves with the frame id once the core
 *  answered it. `button`: a `k` on the card as it is now, or params captured from it earlier. */
async function tap(
  user: string,
  c: Card,
  button: string | Record<string, string>,
  expected = 'handled',
): Promise<string> {
  const params = typeof button === 'string' ? paramsOf(c, button) : button;
  const frame = emu.pushCardCallback(cardCallback({ userId: dingId(user), outTrackId: c.outTrackId, params }));
  await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual([expected]), wait);
  return frame;
}

async function claim(user: string, args: string): Promise<number> {
  // The answer to a text claim: "request #<id> is with <approver>" (in the applicant's language).
  await reply(
    user,
    `/claim ${args}`,
    async () => new RegExp(`申请 #${await latestRequest()} 已交给 \\S|Request #${await latestRequest()} is with \\S`),
  );
  return await latestRequest();
}

useLinkedDingTalkE2E(people, (started) => {
  kit = started;
  ({ emu, h } = started);
});

describe('point claims on DingTalk', () => {
  it('a claim approved by the manager on the card lands points and notifies the applicant and the manager', async () => {
    const [wei, ming] = [await id('zhang.wei'), await id('li.ming')];
    const start = await balance(wei);
    const rid = await claim('zhang.wei', '流程优化 ; Renegotiated the produce contract ; 15%');
    const card = await approvalCard('li.ming', rid);
    expect(textOf(card)).toContain('张伟 Wei Zhang');
    expect(textOf(card)).toContain('15%');
    expect(
      buttonsOf(card)
        .filter((b) => b.k)
        .map((b) => b.k),
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
    // The "open in app" link opens the request's page inside DingTalk.
    expect(JSON.stringify(buttonsOf(card))).toContain(
      `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(`http://127.0.0.1:3000/app/requests/${rid}`)}`,
    );
    const progress = await approvalCard('zhang.wei', rid);
    expect(buttonsOf(progress).map((b) => b.k)).not.toContain('approval.approve');

    const landedBefore = { wei: cardsTo('zhang.wei').length, ming: cardsTo('li.ming').length };
    await tap('li.ming', card, 'approval.approve');
    await h.drainOutbox();
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBe(start + 120);
    expect(
      await h.sql.row(
        'select kind, points, source from ledger_entries where employee_id = ? order by id desc limit 1',
        wei,
      ),
    ).toEqual({ kind: 'award', points: 120, source: `request:${rid}` });
    // The approver's card and the applicant's progress card are redrawn in place: approved, no buttons.
    await vi.waitFor(() => {
      for (const c of [emu.api.cards.get(card.outTrackId)!, emu.api.cards.get(progress.outTrackId)!]) {
        expect(c.cardParamMap.subtitle).toBe('已通过');
        expect(buttonsOf(c).some((b) => b.k?.startsWith('approval.'))).toBe(false);
      }
    }, wait);
    expect(emu.api.cards.get(progress.outTrackId)!.updates).toBeGreaterThan(0);
    // Both get a new "points landed" card.
    await vi.waitFor(() => {
      expect(cardsTo('zhang.wei').slice(landedBefore.wei).map(textOf).join('\n')).toContain('+120 积分');
      expect(cardsTo('li.ming').slice(landedBefore.ming).map(textOf).join('\n')).toContain(
        '张伟 Wei Zhang 因「流程优化」获得 120 积分',
      );
    }, wait);
    expect(await decisions(rid)).toEqual([
      { kind: 'submit', actor: wei, comment: null },
      { kind: 'approve', actor: ming, comment: null },
    ]);
  });

  it('a 200-point claim (解决重大问题) needs HR too', async () => {
    const wei = await id('zhang.wei');
    const start = await balance(wei);
    const rid = await claim('zhang.wei', '解决重大问题 ; Fixed the checkout outage before Singles Day ; ¥200000');
    await tap('li.ming', await approvalCard('li.ming', rid), 'approval.approve');
    expect(await request(rid)).toMatchObject({
      status: 'pending',
      step: 1,
      approvers: JSON.stringify([await id('lin.xiaowen')]),
    });
    expect(await balance(wei)).toBe(start);
    await h.drainOutbox();
    const hrCard = await approvalCard('lin.xiaowen', rid);
    expect(textOf(hrCard)).toContain('¥200,000');
    await tap('lin.xiaowen', hrCard, 'approval.approve');
    expect((await request(rid)).status).toBe('approved');
    expect(await balance(wei)).toBe(start + 200);
    expect((await decisions(rid)).map((d) => [d.kind, d.actor])).toEqual([
      ['submit', wei],
      ['approve', await id('li.ming')],
      ['approve', await id('lin.xiaowen')],
    ]);
    await h.drainOutbox();
    const managerCard = await approvalCard('li.ming', rid);
    await vi.waitFor(
      () => expect(emu.api.cards.get(managerCard.outTrackId)!.cardParamMap.subtitle).toBe('已通过'),
      wait,
    );
  });

  it('a return with a reason (the /return text command) returns the claim to the applicant', async () => {
    const [yang, ming] = [await id('liu.yang'), await id('li.ming')];
    const start = await balance(yang);
    const rid = await claim('liu.yang', '成本控制 ; Saved money on packaging');
    const card = await approvalCard('li.ming', rid);
    // Return on the card asks for a reason the card cannot take: it becomes a link to the mini-app form.
    await tap('li.ming', card, 'approval.return');
    await vi.waitFor(
      () =>
        expect(buttonsOf(emu.api.cards.get(card.outTrackId)!)).toEqual([
          { label: '打开表单', style: 'primary', url: `${h.app.config.publicBaseUrl}/app` },
        ]),
      wait,
    );
    expect((await request(rid)).status).toBe('pending');
    // Without a reason the command is refused and nothing changes.
    await reply('li.ming', `/return ${rid}`, () => '退回或驳回都需要填写原因');
    expect((await request(rid)).status).toBe('pending');

    await reply('li.ming', `/return ${rid} How much was saved?`, () => '已退回修改');
    expect((await request(rid)).status).toBe('returned');
    expect((await decisions(rid)).at(-1)).toEqual({ kind: 'return', actor: ming, comment: 'How much was saved?' });
    expect(await balance(yang)).toBe(start);
    // The applicant's card is redrawn in place with the reason and a button to edit and resubmit.
    const mine = await approvalCard('liu.yang', rid);
    await vi.waitFor(() => {
      const now = emu.api.cards.get(mine.outTrackId)!;
      expect(textOf(now)).toContain('How much was saved?');
      expect(buttonsOf(now).map((b) => b.k)).toContain('claim.edit');
    }, wait);
  });

  it('a transfer (current head → HR → receiving head) completes and only then moves the employee', async () => {
    const tao = await id('song.tao');
    const shanghai = (await h.employeeByEmail('song.tao@qingyun.example'))!.unitId;
    const hangzhou = ((await h.sql.row("select id from org_units where name = '杭州西湖店'")) as { id: number }).id;
    await say('song.tao', '/transfer 杭州西湖店 ; 离家更近');
    const rid = await latestRequest();
    expect(await h.sql.row('select applicant_id as a from approval_requests where id = ?', rid)).toEqual({
      a: tao,
    });
    for (const approver of ['liu.qiang', 'lin.xiaowen', 'huang.jing']) {
      expect((await h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(shanghai);
      expect(JSON.parse((await request(rid)).approvers)).toEqual([await id(approver)]);
      const c = await approvalCard(approver, rid);
      expect(textOf(c)).toContain('离家更近');
      await tap(approver, c, 'approval.approve');
      await h.drainOutbox();
    }
    expect((await request(rid)).status).toBe('approved');
    expect((await h.employeeByEmail('song.tao@qingyun.example'))!.unitId).toBe(hangzhou);
    expect(
      await h.sql.row(
        'select from_unit_id as f, to_unit_id as t, source from transfers where employee_id = ? order by id desc limit 1',
        tao,
      ),
    ).toEqual({ f: shanghai, t: hangzhou, source: `request:${rid}` });
    // The applicant saw the whole timeline on one card, updated in place.
    const progress = await approvalCard('song.tao', rid);
    await vi.waitFor(() => {
      const timeline = textOf(emu.api.cards.get(progress.outTrackId)!);
      for (const who of ['刘强 Qiang Liu', '林晓雯 Sharon Lin', '黄静 Jing Huang']) expect(timeline).toContain(who);
      expect(emu.api.cards.get(progress.outTrackId)!.cardParamMap.subtitle).toBe('已通过');
    }, wait);
  });

  it('the same card callback delivered twice produces one decision', async () => {
    const kim = await id('david.kim');
    const start = await balance(kim);
    const rid = await claim('david.kim', `${await tagId('招聘效率')} ; Hired three engineers in a month ; 3`);
    const card = await approvalCard('li.ming', rid);
    const approve = paramsOf(card, 'approval.approve'); // the card is redrawn without it after the decision
    const frame = await tap('li.ming', card, approve);
    // DingTalk pushes the same frame again (same messageId): acked again, answered 'duplicate', not applied.
    emu.stream.redeliver(frame);
    await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual(['handled', 'duplicate']), wait);
    await vi.waitFor(() => expect(emu.stream.acks.filter((a) => a.messageId === frame)).toHaveLength(2), wait);
    // A second real tap on the old card (a new frame) is stale: refused, and the card shows the decision.
    await tap('li.ming', card, approve, 'invalid');
    await h.drainOutbox();
    expect((await decisions(rid)).filter((d) => d.kind === 'approve')).toHaveLength(1);
    expect(await h.sql.row('select count(*) as n from ledger_entries where source = ?', `request:${rid}`)).toEqual({
      n: 1,
    });
    expect(await balance(kim)).toBe(start + 100);
    await vi.waitFor(() => expect(emu.api.cards.get(card.outTrackId)!.cardParamMap.subtitle).toBe('已通过'), wait);
  });
});
