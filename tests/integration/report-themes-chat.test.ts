// Comment themes in the chat report (/report pulse), through the bot core and the sandbox (the path all three
// platforms take): beside a published comment list, the themes with their counts in the reader's language; when
// the comments are hidden (fewer writers than the comment threshold), no themes either — they count the list.
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { useHarness, type Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

const COMMENTS = [
  '加班太多，人手不够',
  '排班经常临时变动，休息不够',
  'Too much overtime, and the pay is low',
  '工资太低了',
  '店长很支持我们',
  'Workload is heavy every weekend',
];

let h: Harness;
let published: number;
let hidden: number;
useHarness((started) => (h = started));

/** A closed wave to the stores: everyone answers; the first `comments` of them also write a comment. */
async function wave(daysAgo: number, comments: readonly string[]): Promise<number> {
  const opened = new Date(Date.now() - daysAgo * 86_400_000);
  const w = await launchTo(h.app.db, '门店', opened);
  for (const [i, p] of w.people.entries()) {
    const values = w.values(3);
    if (comments[i]) values.comment = comments[i];
    await answerAs(h, w.wave.id, p, values, new Date(opened.getTime() + 3_600_000));
  }
  await closeWaveNow(h, w.wave.id);
  return w.wave.id;
}

async function report(locale: 'zh-CN' | 'en', waveId: number): Promise<string> {
  await h.sql.run("update employees set locale = ? where email = 'lin.xiaowen@qingyun.example'", locale);
  const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
  const sb = sandboxClient(h);
  await sb.send(hr, `/report pulse #${waveId}`);
  return textOf((await sb.lastBot(hr)).html);
}

beforeAll(async () => {
  published = await wave(10, COMMENTS); // 6 writers ≥ the comment threshold (K = 5): published
  hidden = await wave(5, COMMENTS.slice(0, 3)); // 3 writers: hidden
});

describe('comment themes in the chat report', () => {
  it('zh-CN: the themes line with counts, most frequent first, beside the comments', async () => {
    const text = await report('zh-CN', published);
    expect(text).toContain('主题: 工作量 3 · 薪酬福利 2 · 排班与休息 1 · 管理 1');
    expect(text).toContain('“工资太低了”');
  });

  it('en: the same counts with the English names', async () => {
    const text = await report('en', published);
    expect(text).toContain('Themes: Workload 3 · Pay and benefits 2 · Schedules and rest 1 · Management 1');
    expect(text).toContain('“工资太低了”');
  });

  it('no themes when the comments are hidden, in either language', async () => {
    const zh = await report('zh-CN', hidden);
    expect(zh).toContain('只有至少 5 人留言时才会展示留言');
    expect(zh).not.toContain('主题');
    expect(zh).not.toContain('工作量');
    const en = await report('en', hidden);
    expect(en).toContain('Comments are shown only when at least 5 people wrote one');
    expect(en).not.toContain('Themes');
    expect(en).not.toContain('Workload');
  });
});
