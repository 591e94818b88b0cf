// Announcements with read receipts (issue 25 §3) on DingTalk, end to end through the Stream adapter and the
// emulator: HR's `/announce` (a robot message) reaches every member of a store exactly once as an interactive
// card although DingTalk answers 429 during the fan-out; one member acknowledges with a card callback frame (a
// redelivered frame and a second tap change nothing); HR's status names her; the one reminder reaches only
// the others.
import { describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { buttonParams, buttonsOf, dingId, sayAs, useLinkedDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';
import type { CardView } from '../../../cards/view.js';

const STORE = ['tom.harris', 'ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
const CREATE = '/v1.0/card/instances/createAndDeliver';
let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
useLinkedDingTalkE2E(['lin.xiaowen', ...STORE], (started) => {
  kit = started;
  ({ emu, h } = started);
});

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

/** The DingTalk cards of announcement #annId (or its reminder) delivered to the person. */
async function cardsOf(user: string, annId: number, reminder = false): Promise<Card[]> {
  const key = `announce:${annId}${reminder ? ':remind' : ''}`;
  const rows = (await h.outbox()).filter(
    (r) =>
      r.platform === 'dingtalk' &&
      r.op === 'send' &&
      r.cardKey === key &&
      (JSON.parse(r.recipient) as { platformUserId: string }).platformUserId === dingId(user),
  );
  return rows.map((r) => {
    expect(r.status).toBe('sent');
    return emu.api.cards.get((JSON.parse(r.sentRef!) as { messageId: string }).messageId)!;
  });
}
const cardText = (c: Card) => JSON.stringify(c.cardParamMap);

/** What the server last answered HR on DingTalk (the card it sent, as text). */
async function lastAnswerTo(user: string): Promise<string> {
  const row = (await h.outbox())
    .filter(
      (r) =>
        r.platform === 'dingtalk' &&
        r.op === 'send' &&
        (JSON.parse(r.recipient) as { platformUserId: string }).platformUserId === dingId(user),
    )
    .at(-1)!;
  expect(row.status).toBe('sent');
  return JSON.stringify((JSON.parse(row.message) as { card: CardView }).card);
}

async function tap(user: string, c: Card, params: Record<string, string>): Promise<string> {
  const frame = emu.pushCardCallback(cardCallback({ userId: dingId(user), outTrackId: c.outTrackId, params }));
  await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual(['handled']), wait);
  return frame;
}

describe('announcements on DingTalk (issue 25 §3)', () => {
  it('send → each member once through 429s → acknowledge on the card → status names her → one reminder to the others', async () => {
    const throttledBefore = emu.callsTo(CREATE).filter((c) => c.status === 429).length;
    emu.api.throttleNext(CREATE, 'http429', 2);
    await sayAs(
      kit!,
      'lin.xiaowen',
      '/announce 青云科技/门店/深圳南山店 排班调整 | 下周起早班提前半小时 || Shift change | Early shift starts 30 minutes earlier',
    );
    await h.drainOutbox();
    const annId = Number((await h.sql.row<{ id: number }>('select max(id) as id from announcements'))!.id);
    expect(emu.callsTo(CREATE).filter((c) => c.status === 429).length - throttledBefore).toBe(2);
    for (const user of STORE) {
      const got = await cardsOf(user, annId);
      expect(got, user).toHaveLength(1);
      expect(
        buttonsOf(got[0]!).map((b) => b.k),
        user,
      ).toEqual(['announce.ack']);
    }
    // One card instance per member on DingTalk's side, too.
    const delivered = [...emu.api.cards.values()].filter((c) =>
      buttonsOf(c).some((b) => b.k === 'announce.ack' && b.id === String(annId)),
    );
    expect(delivered).toHaveLength(STORE.length);
    expect(cardText((await cardsOf('sophia.lee', annId))[0]!)).toContain('Shift change');
    expect(cardText((await cardsOf('ye.qing', annId))[0]!)).toContain('下周起早班提前半小时');
    expect(await lastAnswerTo('lin.xiaowen')).toContain(`公告 #${annId} 正在发送给 6 人（深圳南山店）`);

    const card = (await cardsOf('pan.yue', annId))[0]!;
    const params = buttonParams(card, 'announce.ack');
    const frame = await tap('pan.yue', card, params);
    await vi.waitFor(() => expect(cardText(emu.api.cards.get(card.outTrackId)!)).toMatch(/已于 .+ 确认已读/), wait);
    expect(buttonsOf(emu.api.cards.get(card.outTrackId)!).filter((b) => b.k === 'announce.ack')).toEqual([]);
    const readAt = async () =>
      (await h.sql.row<{ r: string }>(
        'select read_at as r from announcement_receipts where announcement_id = ? and person_id = ?',
        annId,
        await id('pan.yue'),
      ))!.r;
    const first = await readAt();
    expect(first).toMatch(/^\d{4}-/);
    // DingTalk redelivers the same frame (same message id), and a second tap arrives from a client that had
    // not redrawn the card yet.
    emu.stream.redeliver(frame);
    await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual(['handled', 'duplicate']), wait);
    await tap('pan.yue', card, params);
    await h.drainOutbox();
    expect(await readAt()).toBe(first);
    expect(
      Number((await h.sql.row<{ n: number }>("select count(*) as n from audit_log where action = 'announce.ack'"))!.n),
    ).toBe(1);

    await sayAs(kit!, 'lin.xiaowen', `/announce status ${annId}`);
    const status = await lastAnswerTo('lin.xiaowen');
    expect(status).toContain('1 / 6');
    expect(status).toMatch(/已读：\*\*\s*潘悦 Yue Pan/);

    await sayAs(kit!, 'lin.xiaowen', `/announce remind ${annId}`);
    await h.drainOutbox();
    expect(await lastAnswerTo('lin.xiaowen')).toContain(`已提醒 5 位尚未确认公告 #${annId} 的人`);
    expect(await cardsOf('pan.yue', annId, true)).toHaveLength(0);
    for (const user of STORE.filter((u) => u !== 'pan.yue')) {
      expect(await cardsOf(user, annId), user).toHaveLength(1);
      expect(await cardsOf(user, annId, true), user).toHaveLength(1);
    }
    await sayAs(kit!, 'lin.xiaowen', `/announce remind ${annId}`);
    expect(await lastAnswerTo('lin.xiaowen')).toContain(`公告 #${annId} 已经提醒过一次，不能再次提醒`);
  });
});
