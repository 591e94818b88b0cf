// Three kinds of "no" in chat (issue 16, item 12): a usage hint is a help card ("用法"), a refusal says what
// the person may do instead ("没有权限"), and only a real failure is "出了点问题".
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import { useHarness, type Harness } from '../support/harness.js';
import { command, lastCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const words = (c: CardView) =>
  [
    c.header?.title ?? '',
    ...c.blocks.map((b) => (b.type === 'text' ? b.markdown : b.type === 'note' ? b.text : '')),
  ].join('\n');
async function reply(user: string, name: string, args = ''): Promise<CardView> {
  await command(h, await id(user), name, args);
  return lastCard(h, await id(user));
}

describe('usage hints are help cards', () => {
  it('an unknown command: how to use, with the closest command and the list', async () => {
    const c = await reply('zhang.wei', 'hepl');
    expect(c.header).toMatchObject({ title: '用法', tone: 'info' });
    expect(words(c)).toContain('你是想输入 **/help** 吗');
    expect(words(c)).toContain('**/whoami**');
    expect(words(c)).not.toContain('出了点问题');
  });

  it('a wrong argument: the usage lines and examples', async () => {
    const c = await reply('zhang.wei', 'lang', 'klingon');
    expect(c.header).toMatchObject({ title: '用法', tone: 'info' });
    expect(words(c)).toContain('「klingon」');
    expect(words(c)).toContain('/lang zh-CN');
    expect(words(c)).toContain('例如');
  });

  it('in English too', async () => {
    const c = await reply('olivia.brown', 'lang', 'klingon');
    expect(c.header?.title).toBe('How to use');
  });
});

describe('refusals say what the person may do instead', () => {
  it('a command the role does not allow', async () => {
    const c = await reply('zhang.wei', 'survey', 'launch all');
    expect(c.header).toMatchObject({ title: '没有权限', tone: 'warning' });
    expect(words(c)).toContain('/survey');
    expect(words(c)).toContain('输入 /help 查看你可以使用的命令');
  });

  it("an employee asking for another unit's leaderboard is told which one they can see — and that one works", async () => {
    const c = await reply('zhang.wei', 'points', 'top 上海徐汇店');
    expect(c.header?.title).toBe('没有权限');
    expect(words(c)).not.toContain('负责的团队');
    expect(words(c)).toContain('「上海徐汇店」的积分排行榜不对你开放');
    expect(words(c)).toContain('你可以查看自己所在部门「产品研发部」的排行榜：输入 /points top');
    // What the refusal offers is what the command does.
    const own = await reply('zhang.wei', 'points', 'top');
    expect(own.header?.title).not.toBe('没有权限');
    expect(JSON.stringify(own)).toContain('产品研发部');
  });

  it('a store manager is offered the teams they lead', async () => {
    const c = await reply('liu.qiang', 'points', 'top 产品研发部');
    expect(c.header?.title).toBe('没有权限');
    expect(words(c)).toContain('上海徐汇店');
  });
});
