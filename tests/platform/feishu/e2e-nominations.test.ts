// Peer nomination and recognition on Feishu (issue 24), end to end through the real server, the Feishu adapter,
// the Lark SDK and the emulator: HR opts a tag in and sets the group from Feishu, a colleague nominates by name,
// the nominee's manager approves on the card in their chat, the nominee is told and the announcement goes to the
// group (receive_id_type chat_id) once — a repeated card callback posts nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import { current, type FeishuE2E, type Ref, refOn, startFeishuE2E, textOf } from './e2e-kit.js';

const TOKEN = 'vt-nominations-e2e';
const PEOPLE = ['zhang.wei', 'li.ming', 'lin.xiaowen', 'he.jun'];
const GROUP = 'oc_recognition_group';
let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: TOKEN, link: PEOPLE });
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

const latestRequest = async () =>
  Number(((await f.h.sql.row('select max(id) as id from approval_requests')) as { id: number | null }).id ?? 0);
const groupPosts = () =>
  [...f.emu.messages.values()].filter((m) => m.receive_id_type === 'chat_id' && m.receive_id === GROUP);
const textsTo = (user: string) => f.messagesTo(user).map((m) => textOf(current(m)));

function messageWith(user: string, k: string, rid: number): { message: EmuMessage; ref: Ref } {
  const found = f
    .messagesTo(user)
    .filter((m) => m.msg_type === 'interactive')
    .map((message) => ({ message, ref: refOn(current(message), k, rid) }))
    .filter((x): x is { message: EmuMessage; ref: Ref } => x.ref !== undefined);
  if (!found.length) throw new Error(`${user} has no Feishu card with ${k} for request ${rid}`);
  return found.at(-1)!;
}

describe('nominations on Feishu (issue 24)', () => {
  it('nominate by name → the nominee’s manager approves → nominee told → announced in the group once', async () => {
    await f.say('lin.xiaowen', '/recognition tag 跨部门支持 on');
    const set = await f.say('lin.xiaowen', `/recognition channel ${GROUP} zh-CN`);
    expect(set.map(textOf).join('\n')).toContain(GROUP);
    const [wei, ming] = [await f.id('zhang.wei'), await f.id('li.ming')];

    const before = await latestRequest();
    const reply = await f.say('he.jun', '/nominate 张伟 跨部门支持 帮财务部重做了报销导入脚本');
    const rid = await latestRequest();
    expect(rid).toBe(before + 1);
    expect(reply.map(textOf).join('\n')).toContain(
      `申请 #${rid}：提名 张伟 Wei Zhang「跨部门支持」，现由 李明 Ming Li 审批。`,
    );
    const row = (await f.h.sql.row('select applicant_id, approvers from approval_requests where id = ?', rid)) as {
      applicant_id: number;
      approvers: string;
    };
    expect([Number(row.applicant_id), JSON.parse(row.approvers)]).toEqual([wei, [ming]]);
    expect(groupPosts()).toEqual([]);

    const { message, ref } = messageWith('li.ming', 'approval.approve', rid);
    expect(textOf(current(message))).toContain('何俊 Jun He');
    const eventId = `evt-nominate-approve-${rid}`;
    await f.press('li.ming', message, ref, undefined, eventId);
    await f.settle();
    expect(
      ((await f.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    expect(textsTo('zhang.wei').join('\n')).toContain('+50 积分');
    expect(textsTo('he.jun').join('\n')).toContain('你对 张伟 Wei Zhang 的提名已通过');
    const posts = groupPosts();
    expect(posts).toHaveLength(1);
    expect(textOf(current(posts[0]!))).toContain('张伟 Wei Zhang');
    expect(textOf(current(posts[0]!))).toContain('跨部门支持');

    // Feishu pushes the same callback again (same event id): acknowledged, nothing more posted.
    await f.press('li.ming', message, ref, undefined, eventId);
    await f.settle();
    expect(groupPosts()).toHaveLength(1);
  });

  it('an ambiguous name is refused with the matches listed; nothing is written', async () => {
    const before = await latestRequest();
    const reply = await f.say('he.jun', '/nominate 刘 跨部门支持 帮忙');
    expect(await latestRequest()).toBe(before);
    const text = reply.map(textOf).join('\n');
    expect(text).toContain('“刘”匹配到 2 个人');
    expect(text).toContain('liu.qiang@qingyun.example');
  });
});
