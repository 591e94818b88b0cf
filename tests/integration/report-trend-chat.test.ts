// /report trend [unit] in chat, through the bot core and the sandbox (the path all three platforms take): a
// sparkline per dimension and for participation across the last waves, a gap for a wave with too few answers
// and for the open one, zh-CN and en, a clear message for an unknown unit and for a unit the reader may not see.
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { useHarness, type Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

const DAY = 86_400_000;
let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

/** A wave to the stores opened `daysAgo`, `answered` of its 18 people (all of them: Infinity) answering every item `v`. */
async function wave(daysAgo: number, answered: number, v: number, close: boolean): Promise<number> {
  const opened = new Date(Date.now() - daysAgo * DAY);
  const w = await launchTo(h.app.db, '门店', opened);
  for (const p of w.people.slice(0, answered))
    await answerAs(h, w.wave.id, p, w.values(v), new Date(opened.getTime() + 3_600_000));
  if (close) await closeWaveNow(h, w.wave.id);
  return w.wave.id;
}

async function chat(user: string, text: string): Promise<string> {
  const sb = sandboxClient(h);
  const who = await id(user);
  await sb.send(who, text);
  return textOf((await sb.lastBot(who)).html);
}

beforeAll(async () => {
  await wave(30, Infinity, 2, true); // all answered 2
  await wave(20, 3, 5, true); // 3 answers: hidden in every report, so a gap here
  await wave(10, Infinity, 4, true); // all answered 4
  await wave(0, 5, 5, false); // still open: participation only
});

describe('/report trend in chat', () => {
  it('HR, in zh-CN: a sparkline per dimension with gaps where the report hides the wave, and participation', async () => {
    const text = await chat('lin.xiaowen', '/report trend 门店');
    expect(text).toContain('趋势');
    expect(text).toContain('门店');
    // 2 → ▃, hidden, 4 → ▆, open: the last shown value and its change since the one before it.
    expect(text).toContain('工作态度: ▃·▆· 4.00 (▲ +2.00)');
    expect(text).toContain('团队协作: ▃·▆·');
    // Participation 18/18, 3/18, 18/18, 5/18.
    expect(text).toContain('参与率: █▂█▃ 28%');
    expect(text).toContain('少于 5 份回答');
    // The hidden wave's 5s are nowhere: no average of 5 and no full block in any dimension's line.
    expect(text).not.toContain('5.00');
    expect(text.match(/[^\s:]+: \S+ \d\.\d\d/g)).toEqual([
      '工作态度: ▃·▆· 4.00',
      '团队协作: ▃·▆· 4.00',
      '情绪表达: ▃·▆· 4.00',
    ]);
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'survey.trend.view'")).toEqual({ n: 1 });
  });

  it('in English, and the whole organisation by default', async () => {
    await h.sql.run("update employees set locale = 'en' where email = 'lin.xiaowen@qingyun.example'");
    try {
      const text = await chat('lin.xiaowen', '/report trend');
      expect(text).toContain('Trend');
      expect(text).toContain('青云科技');
      expect(text).toMatch(/Participation: \S{4} \d+%/);
      expect(text).toContain('oldest first');
    } finally {
      await h.sql.run("update employees set locale = 'zh-CN' where email = 'lin.xiaowen@qingyun.example'");
    }
  });

  it('an unknown unit gets a clear message; a manager cannot read a unit they do not lead', async () => {
    expect(await chat('lin.xiaowen', '/report trend 火星店')).toContain('没有名为「火星店」的组织');
    expect(await chat('huang.jing', '/report trend 门店')).toContain('你只能查看自己负责团队的结果');
    // Their own store, by default.
    expect(await chat('huang.jing', '/report trend')).toContain('杭州西湖店');
  });

  it('the help lists the command in both languages', async () => {
    expect(await chat('lin.xiaowen', '/report')).toContain('/report trend [部门]');
    expect(await chat('lin.xiaowen', '/help')).toContain('trend [部门]');
  });
});
