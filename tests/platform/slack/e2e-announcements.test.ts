// Announcements with read receipts (issue 25 §3) on Slack, end to end through the real server, the Bolt adapter
// and the Web API emulator: HR's `/vitality announce` reaches every member of a store exactly once, although
// Slack answers 429 in the middle of the fan-out; one member acknowledges with the real block_actions press
// (twice: the second changes nothing); HR's status names her; the one reminder reaches only the others.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buttonsOf,
  command,
  deliver,
  linkByHome,
  messageNow,
  messagesIn,
  pressButton,
  refOf,
  settle,
  startSlackE2E,
  textOfBlocks,
  type SlackE2E,
} from './e2e-kit.js';

const STORE = ['tom.harris', 'ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
// Join Slack's directory after the server started and never write to the bot: found by e-mail before the fan-out.
const XUHUI = ['liu.qiang', 'guo.na', 'song.tao', 'tang.li', 'han.bing', 'feng.xue'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('announcements-e2e-secret', ['lin.xiaowen', ...STORE]);
  await linkByHome(k, ['lin.xiaowen', ...STORE]);
});
afterAll(async () => k?.stop());

/** The person's Slack messages that carry announcement #id (its Acknowledge button, or its acknowledged note). */
const noticesTo = (user: string, id: number) =>
  messagesIn(k, k.dm(user)).filter((m) => textOfBlocks(m.blocks).match(new RegExp(`(公告|Announcement) #${id}\\b`)));
const ackButtons = (m: { blocks: Parameters<typeof buttonsOf>[0] }) =>
  buttonsOf(m.blocks).filter((b) => b.value && refOf(b).k === 'announce.ack');
const lastTextTo = (user: string) => textOfBlocks(messagesIn(k, k.dm(user)).at(-1)!.blocks);

describe('announcements on Slack (issue 25 §3)', () => {
  it('send → each member once through 429s → acknowledge by button → status names her → one reminder to the others', async () => {
    // Slack throttles the third and fourth posts: the worker waits as told and sends each once.
    k.emu.failNext('chat.postMessage', { rateLimitedSeconds: 1 }, 2);
    k.emu.failNext('chat.postMessage', { rateLimitedSeconds: 1 }, 2);
    await command(
      k,
      'lin.xiaowen',
      'announce 青云科技/门店/深圳南山店 排班调整 | 下周起早班提前半小时 || Shift change | Early shift starts 30 minutes earlier',
    );
    await settle(k);
    const id = Number((await k.h.sql.row<{ id: number }>('select max(id) as id from announcements'))!.id);
    expect(k.emu.callsTo('chat.postMessage').filter((c) => c.status === 429).length).toBe(2);
    for (const user of STORE) {
      const got = noticesTo(user, id);
      expect(got, user).toHaveLength(1);
      expect(ackButtons(got[0]!), user).toHaveLength(1);
    }
    expect(textOfBlocks(noticesTo('sophia.lee', id)[0]!.blocks)).toContain('Shift change');
    expect(textOfBlocks(noticesTo('ye.qing', id)[0]!.blocks)).toContain('下周起早班提前半小时');
    expect(lastTextTo('lin.xiaowen')).toContain(`公告 #${id} 正在发送给 6 人（深圳南山店）`);

    // Yue presses Acknowledge: the card is redrawn in place with the time.
    const card = noticesTo('pan.yue', id)[0]!;
    const { payload, res } = await pressButton(k, 'pan.yue', card, 'announce.ack');
    expect(res.outcome).toBe('handled');
    expect(res.toast?.text).toBe('已确认已读');
    await settle(k);
    const now = messageNow(k, card);
    expect(textOfBlocks(now.blocks)).toMatch(/已于 .+ 确认已读/);
    expect(ackButtons(now)).toHaveLength(0);
    const readAt = async () =>
      (await k.h.sql.row<{ r: string }>(
        'select read_at as r from announcement_receipts where announcement_id = ? and person_id = ?',
        id,
        await k.empId('pan.yue'),
      ))!.r;
    const first = await readAt();
    expect(first).toMatch(/^\d{4}-/);
    // The same press delivered again (a double tap, or Slack retrying): the same answer, nothing new recorded.
    const retry = await deliver(k, payload);
    expect(retry.outcome).toBe('duplicate');
    // A second tap on a copy still showing the button (a stale client): a new press, the same answer.
    const again = await pressButton(k, 'pan.yue', card, 'announce.ack');
    expect(again.res.toast?.text).toMatch(/^已于 .+ 确认过$/);
    await settle(k);
    expect(await readAt()).toBe(first);
    expect(
      Number(
        (await k.h.sql.row<{ n: number }>("select count(*) as n from audit_log where action = 'announce.ack'"))!.n,
      ),
    ).toBe(1);

    await command(k, 'lin.xiaowen', `announce status ${id}`);
    const status = lastTextTo('lin.xiaowen');
    expect(status).toContain('1 / 6');
    expect(status).toMatch(/已读：\*?\s*潘悦 Yue Pan/);
    expect(status).toMatch(/未读：\*?\s*.*叶青 Qing Ye/);

    await command(k, 'lin.xiaowen', `announce remind ${id}`);
    await settle(k);
    expect(lastTextTo('lin.xiaowen')).toContain(`已提醒 5 位尚未确认公告 #${id} 的人`);
    expect(noticesTo('pan.yue', id)).toHaveLength(1);
    for (const user of STORE.filter((u) => u !== 'pan.yue')) {
      const got = noticesTo(user, id);
      expect(got, user).toHaveLength(2);
      expect(textOfBlocks(got[1]!.blocks)).toMatch(/提醒：请阅读这条公告|Reminder: please read this notice/);
    }
    await command(k, 'lin.xiaowen', `announce remind ${id}`);
    expect(lastTextTo('lin.xiaowen')).toContain(`公告 #${id} 已经提醒过一次，不能再次提醒`);
    expect(noticesTo('ye.qing', id)).toHaveLength(2);
  });

  it('members nobody has linked yet are looked up first, then each gets the notice once', async () => {
    const linked = async () =>
      Number(
        (await k.h.sql.row<{ n: number }>("select count(*) as n from platform_identities where platform = 'slack'"))!.n,
      );
    for (const u of XUHUI) {
      const e = (await k.h.employeeByEmail(`${u}@qingyun.example`))!;
      k.emu.addUser({ id: k.slackId(u), email: e.email!, name: e.name, locale: 'en-US' });
    }
    const before = await linked();
    await command(k, 'lin.xiaowen', 'announce 青云科技/门店/上海徐汇店 Fire drill | Thursday 3 pm, all staff');
    // HR is told at once that people are being looked up; the notice goes once they are found.
    expect(
      messagesIn(k, k.dm('lin.xiaowen')).some((m) => textOfBlocks(m.blocks).includes('其中 6 人尚未打开过应用')),
    ).toBe(true);
    const id = await vi.waitFor(
      async () => {
        const row = await k.h.sql.row<{ id: number | null }>(
          "select max(id) as id from announcements where title_en = 'Fire drill'",
        );
        expect(row?.id).toBeTruthy();
        return Number(row!.id);
      },
      { timeout: 20_000, interval: 100 },
    );
    await settle(k);
    expect(await linked()).toBe(before + XUHUI.length);
    for (const user of XUHUI) {
      const got = noticesTo(user, id);
      expect(got, user).toHaveLength(1);
      expect(ackButtons(got[0]!), user).toHaveLength(1);
    }
    expect(lastTextTo('lin.xiaowen')).toContain(`公告 #${id} 正在发送给 6 人（上海徐汇店）`);
  });
});
