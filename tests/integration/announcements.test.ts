// Announcements with read receipts (issue 25 §3) in the sandbox, on the real server and database: who may
// address whom, the audience (a unit's subtree, active people, people on leave included), each person's
// language, acknowledging once, the sender's status with names, the one reminder, and refusals that write
// nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf, type SandboxMessage } from '../support/sandbox-client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const STORE = ['tom.harris', 'ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
const count = async (sql: string, ...args: unknown[]) => Number((await h.sql.row<{ n: number }>(sql, ...args))!.n);

/** The person's announcement cards (a card with the notice's subtitle), oldest first. */
async function noticeCards(user: string, annId: number): Promise<SandboxMessage[]> {
  return (await sb.messages(await id(user))).filter(
    (m) => m.from === 'bot' && /公告 #\d+|Announcement #\d+/.test(textOf(m.html)) && m.html!.includes(`#${annId}`),
  );
}
const ackRef = (m: SandboxMessage) => {
  const raw = /data-action="([^"]+)"/.exec(m.html!)?.[1];
  return raw ? (JSON.parse(raw.replace(/&quot;/g, '"')) as { k: string; id: string; v?: string }) : undefined;
};
const lastAnnouncement = async () => count('select coalesce(max(id), 0) as n from announcements');
const writes = async () => ({
  announcements: await count('select count(*) as n from announcements'),
  receipts: await count('select count(*) as n from announcement_receipts'),
  audit: await count("select count(*) as n from audit_log where action like 'announce.%'"),
});

describe('announcements with read receipts', () => {
  let ann = 0;

  it('HR sends to a store in both languages: every active member once, in their language, on leave included', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await h.sql.run(
      'update employees set leave_from = ?, leave_until = ? where email = ?',
      today,
      today,
      'du.peng@qingyun.example',
    );
    const hr = await id('lin.xiaowen');
    await sb.send(
      hr,
      '/announce 青云科技/门店/深圳南山店 排班调整 | 下周起早班提前半小时 || Shift change | Early shift starts 30 minutes earlier from next week',
    );
    ann = await lastAnnouncement();
    expect(ann).toBeGreaterThan(0);
    const confirm = textOf((await sb.lastBot(hr)).html);
    expect(confirm).toContain(`公告 #${ann} 正在发送给 6 人（深圳南山店）`);
    expect(confirm).toContain('其中 1 人今天休假：他们同样会收到');
    const receipts = await h.sql.rows<{ p: number }>(
      'select person_id as p from announcement_receipts where announcement_id = ? order by person_id',
      ann,
    );
    expect(receipts.map((r) => r.p)).toEqual((await Promise.all(STORE.map(id))).sort((a, b) => a - b));
    for (const user of STORE) expect(await noticeCards(user, ann), user).toHaveLength(1);
    // Sophia's language is English, Qing's Chinese: each reads their own text, with the button in it.
    const sophia = (await noticeCards('sophia.lee', ann))[0]!;
    expect(textOf(sophia.html)).toContain('Shift change');
    expect(textOf(sophia.html)).toContain('Acknowledge');
    const qing = (await noticeCards('ye.qing', ann))[0]!;
    expect(textOf(qing.html)).toContain('下周起早班提前半小时');
    expect(textOf(qing.html)).toContain('已读确认');
    expect(textOf(qing.html)).not.toContain('Shift change');
    // Nobody outside the store got it.
    expect(await noticeCards('guo.na', ann)).toHaveLength(0);
    expect(await h.sql.rows("select action, subject from audit_log where action = 'announce.send'")).toEqual([
      { action: 'announce.send', subject: `announcement:${ann}` },
    ]);
  });

  it('acknowledging records read_at once: a second press and a platform retry give the same answer', async () => {
    const yue = await id('pan.yue');
    const card = (await noticeCards('pan.yue', ann))[0]!;
    const ref = ackRef(card)!;
    expect(ref).toEqual({ k: 'announce.ack', id: String(ann) });
    const once = randomUUID();
    const first = await sb.act(yue, card.id, ref, undefined, once);
    expect(first.status).toBe(200);
    const readAt = (await h.sql.row<{ r: string }>(
      'select read_at as r from announcement_receipts where announcement_id = ? and person_id = ?',
      ann,
      yue,
    ))!.r;
    expect(readAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const now = (await noticeCards('pan.yue', ann))[0]!;
    expect(textOf(now.html)).toMatch(/已于 .+ 确认已读/);
    expect(ackRef(now)).toBeUndefined();
    // The same event again (a platform's retry), then a new press on the old card (a double tap).
    await sb.act(yue, card.id, ref, undefined, once);
    const again = await sb.act(yue, card.id, ref, undefined, randomUUID());
    expect(JSON.stringify(again.body)).toContain('已于');
    expect(
      (await h.sql.row<{ r: string }>(
        'select read_at as r from announcement_receipts where announcement_id = ? and person_id = ?',
        ann,
        yue,
      ))!.r,
    ).toBe(readAt);
    expect(await count("select count(*) as n from audit_log where action = 'announce.ack'")).toBe(1);
  });

  it('the sender sees who has read it by name; a manager of another unit may not', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, `/announce status ${ann}`);
    const status = textOf((await sb.lastBot(hr)).html);
    expect(status).toContain('已读 1 / 6');
    expect(status).toContain('未读 5 / 6');
    expect(status).toMatch(/已读：\s*潘悦 Yue Pan/);
    expect(status).toContain('叶青 Qing Ye');
    const before = await writes();
    await sb.send(await id('liu.qiang'), `/announce status ${ann}`);
    expect(textOf((await sb.lastBot(await id('liu.qiang'))).html)).toContain(
      `只有发送人和 HR 可以查看公告 #${ann} 的已读情况`,
    );
    expect(await writes()).toEqual(before);
  });

  it('one reminder, to the unread only; a second is refused; acknowledging from it updates both cards', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(await id('tom.harris'), `/announce remind ${ann}`);
    expect(textOf((await sb.lastBot(await id('tom.harris'))).html)).toContain(
      `Only the sender of announcement #${ann} can remind`,
    );
    await sb.send(hr, `/announce remind ${ann}`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(`已提醒 5 位尚未确认公告 #${ann} 的人`);
    expect(await noticeCards('pan.yue', ann)).toHaveLength(1);
    for (const user of STORE.filter((u) => u !== 'pan.yue')) {
      const cards = await noticeCards(user, ann);
      expect(cards, user).toHaveLength(2);
      expect(textOf(cards[1]!.html)).toMatch(/提醒：请阅读|Reminder: please read/);
    }
    const before = await writes();
    await sb.send(hr, `/announce remind ${ann}`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(`公告 #${ann} 已经提醒过一次，不能再次提醒`);
    expect(await writes()).toEqual(before);

    const qing = await id('ye.qing');
    const [notice, reminder] = await noticeCards('ye.qing', ann);
    expect(ackRef(reminder!)).toEqual({ k: 'announce.ack', id: String(ann), v: 'r' });
    await sb.act(qing, reminder!.id, ackRef(reminder!));
    await h.drainOutbox();
    const after = await noticeCards('ye.qing', ann);
    expect(after.map((m) => m.id)).toEqual([notice!.id, reminder!.id]);
    for (const m of after) expect(textOf(m.html)).toMatch(/已于 .+ 确认已读/);
    await sb.send(hr, `/announce status ${ann}`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain('已读 2 / 6');
  });

  it('a unit head addresses their own subtree only; HR alone the whole company', async () => {
    const tom = await id('tom.harris');
    await sb.send(tom, '/announce 深圳南山店 Team dinner | Friday 8 pm after closing');
    const mine = await lastAnnouncement();
    expect(mine).toBeGreaterThan(ann);
    expect(textOf((await sb.lastBot(tom)).html)).toContain('Written in one language only');
    // An English-only notice reaches Chinese readers as written.
    expect(textOf((await noticeCards('ye.qing', mine))[0]!.html)).toContain('Team dinner');
    const before = await writes();
    for (const target of ['上海徐汇店', 'all']) {
      await sb.send(tom, `/announce ${target} Hello | Not mine to send`);
      expect(textOf((await sb.lastBot(tom)).html)).toContain('You can only send announcements to the units you head');
    }
    // An employee without a team has no /announce at all.
    await sb.send(await id('ye.qing'), '/announce all 你好 | 不是我能发的');
    expect(textOf((await sb.lastBot(await id('ye.qing'))).html)).not.toContain('公告已发送');
    expect(await writes()).toEqual(before);
  });

  it.each([
    ['/announce 青云科技/门店/新店 开业 | 欢迎', '「新店」没有在职成员：未发送任何公告'],
    ['/announce 不存在的部门 标题 | 正文', '找不到部门「不存在的部门」'],
    ['/announce all 只有标题没有正文', '用法'],
    ['/announce all 标题 | 正文 || 另一个标题 | 另一段正文', '两段内容需要使用不同语言'],
  ])('%s is refused with a clear message and writes nothing', async (command, message) => {
    const root = (await h.sql.row<{ id: number }>('select id from org_units where parent_id is null'))!.id;
    const stores = (await h.sql.row<{ id: number }>("select id from org_units where path = '青云科技/门店'"))!.id;
    expect(root).toBeGreaterThan(0);
    if (!(await h.sql.row("select id from org_units where path = '青云科技/门店/新店'")))
      await h.sql.run(
        "insert into org_units (parent_id, name, kind, path, active) values (?, '新店', 'store', '青云科技/门店/新店', ?)",
        stores,
        h.sql.dialect === 'postgres' ? true : 1,
      );
    const hr = await id('lin.xiaowen');
    const before = await writes();
    const outbox = (await h.outbox()).length;
    await sb.send(hr, command);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(message);
    expect(await writes()).toEqual(before);
    // Only the answer to HR went out.
    expect((await h.outbox()).length).toBe(outbox + 1);
  });
});
