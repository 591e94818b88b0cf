// Announcements with read receipts (issue 25 §3) on Feishu, end to end through the real server, the Feishu
// adapter, the Lark SDK and the emulator: HR's `/announce` reaches every member of a store exactly once
// although Feishu answers 429 / 99991400 during the fan-out; one member acknowledges with a signed
// card.action.trigger (a second press and a redelivered event change nothing); HR's status names her; the one
// reminder reaches only the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import { current, type FeishuE2E, refOn, startFeishuE2E, textOf } from './e2e-kit.js';

const STORE = ['tom.harris', 'ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
let f: FeishuE2E;
beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-announcements-e2e', link: ['lin.xiaowen', ...STORE] });
}, 60_000);
afterAll(async () => f?.stop());

/** The person's Feishu cards of announcement #id, oldest first. */
const noticesTo = (user: string, id: number): EmuMessage[] =>
  f
    .messagesTo(user)
    .filter((m) => m.msg_type === 'interactive')
    .filter((m) => new RegExp(`(公告|Announcement) #${id}\\b`).test(textOf(JSON.parse(m.content) as never)));
const lastText = (user: string) => textOf(current(f.messagesTo(user).at(-1)!));
const posts = () =>
  f.emu.calls.filter((c) => c.method === 'POST' && /^\/open-apis\/im\/v1\/messages$/.test(c.path)).length;

describe('announcements on Feishu (issue 25 §3)', () => {
  it('send → each member once through 429s → acknowledge on the card → status names her → one reminder to the others', async () => {
    const messagesBefore = f.emu.messages.size;
    const postsBefore = posts();
    f.emu.rateLimitNext(/^\/open-apis\/im\/v1\/messages$/, 2, 1);
    await f.say(
      'lin.xiaowen',
      '/announce 青云科技/门店/深圳南山店 排班调整 | 下周起早班提前半小时 || Shift change | Early shift starts 30 minutes earlier',
    );
    await f.settle();
    const id = Number((await f.h.sql.row<{ id: number }>('select max(id) as id from announcements'))!.id);
    // Two posts were throttled and retried: every other post made exactly one message.
    expect(posts() - postsBefore).toBe(f.emu.messages.size - messagesBefore + 2);
    for (const user of STORE) {
      const got = noticesTo(user, id);
      expect(got, user).toHaveLength(1);
      expect(refOn(current(got[0]!), 'announce.ack'), user).toEqual({ k: 'announce.ack', id: String(id) });
    }
    expect(textOf(current(noticesTo('sophia.lee', id)[0]!))).toContain('Shift change');
    expect(textOf(current(noticesTo('ye.qing', id)[0]!))).toContain('下周起早班提前半小时');
    expect(lastText('lin.xiaowen')).toContain(`公告 #${id} 正在发送给 6 人（深圳南山店）`);

    const card = noticesTo('pan.yue', id)[0]!;
    const ref = refOn(current(card), 'announce.ack')!;
    const answer = await f.press('pan.yue', card, ref, undefined, 'ev-ack-yue');
    expect(answer.toast).toEqual({ type: 'success', content: '已确认已读' });
    expect(textOf(answer.card!.data)).toMatch(/已于 .+ 确认已读/);
    expect(refOn(answer.card!.data, 'announce.ack')).toBeUndefined();
    await f.settle();
    const readAt = async () =>
      (await f.h.sql.row<{ r: string }>(
        'select read_at as r from announcement_receipts where announcement_id = ? and person_id = ?',
        id,
        await f.id('pan.yue'),
      ))!.r;
    const first = await readAt();
    // Feishu redelivers the same event, and she taps the stale button again: one read time, one audit row.
    await f.press('pan.yue', card, ref, undefined, 'ev-ack-yue');
    const again = await f.press('pan.yue', card, ref, undefined, 'ev-ack-yue-2');
    expect(again.toast?.content).toMatch(/^已于 .+ 确认过$/);
    await f.settle();
    expect(await readAt()).toBe(first);
    expect(await f.count("select count(*) as n from audit_log where action = 'announce.ack'")).toBe(1);

    await f.say('lin.xiaowen', `/announce status ${id}`);
    const status = lastText('lin.xiaowen');
    expect(status).toContain('1 / 6');
    expect(status).toMatch(/已读：\*?\*?\s*潘悦 Yue Pan/);

    await f.say('lin.xiaowen', `/announce remind ${id}`);
    await f.settle();
    expect(lastText('lin.xiaowen')).toContain(`已提醒 5 位尚未确认公告 #${id} 的人`);
    expect(noticesTo('pan.yue', id)).toHaveLength(1);
    for (const user of STORE.filter((u) => u !== 'pan.yue')) {
      const got = noticesTo(user, id);
      expect(got, user).toHaveLength(2);
      expect(refOn(current(got[1]!), 'announce.ack')).toEqual({ k: 'announce.ack', id: String(id), v: 'r' });
    }
    await f.say('lin.xiaowen', `/announce remind ${id}`);
    expect(lastText('lin.xiaowen')).toContain(`公告 #${id} 已经提醒过一次，不能再次提醒`);
  });
});
