// The heatmap in chat (/report pulse): level=N and kind=… pick the level and the kind of unit, as the mini-app's
// selects do, with the summary per kind over shown rows only; Xuhui store (2 answers, K = 5) stays hidden.
import { beforeAll, describe, expect, it } from 'vitest';
import { heatmapWord } from '../../src/bot/features/report-trend.js';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { useHarness, type Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

let h: Harness;
let waveId: number;
useHarness((started) => (h = started));

beforeAll(async () => {
  const w = await launchTo(h.app.db, '青云科技', new Date(Date.now() - 60_000));
  waveId = w.wave.id;
  const people = await h.sql.rows<{ id: number; unit: string }>(
    'select e.id, u.name as unit from employees e join org_units u on u.id = e.unit_id order by e.id',
  );
  let xuhui = 0;
  for (const p of people) {
    if (p.unit === '青云科技') continue;
    if (p.unit === '上海徐汇店' && xuhui++ >= 2) continue;
    await answerAs(h, waveId, Number(p.id), w.values(p.unit.endsWith('店') ? 2 : 4));
  }
  await closeWaveNow(h, waveId);
});

async function chat(text: string): Promise<string> {
  const sb = sandboxClient(h);
  const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
  await sb.send(hr, text);
  return textOf((await sb.lastBot(hr)).html);
}

describe('/report pulse heatmap by level and kind in chat', () => {
  it('reads level and kind words, and leaves every other word alone', () => {
    expect(heatmapWord('level=2')).toEqual({ depth: 2 });
    expect(heatmapWord('层级：3')).toEqual({ depth: 3 });
    expect(heatmapWord('kind=stores')).toEqual({ kind: 'store' });
    expect(heatmapWord('类型=总部')).toEqual({ kind: 'department' });
    expect(heatmapWord('kind=moon')).toBeUndefined();
    expect(heatmapWord('门店')).toBeUndefined();
  });

  it('level 1 by default: HQ and the stores, and the two kinds side by side', async () => {
    const text = await chat(`/report pulse #${waveId}`);
    expect(text).toContain('按组织 · 层级 1/2');
    expect(text).toContain('总部: 工作态度 4.0');
    expect(text).toContain('按组织类型（仅计可展示的组织）');
    expect(text).toContain('总部部门 (1/1): 工作态度 4.0');
    expect(text).toContain('门店 (1/1): 工作态度 2.0');
  });

  it('level 2, stores only: Xuhui hidden, and the stores summed over the one shown store', async () => {
    const text = await chat(`/report pulse #${waveId} level=2 kind=store`);
    expect(text).toContain('层级 2/2');
    expect(text).toContain('上海徐汇店: 为保护匿名不展示');
    expect(text).not.toContain('产品研发部');
    // One store of three shown: its 2s, never Xuhui's 1s.
    expect(text).toContain('门店 (1/3): 工作态度 2.0');
    expect(text).toContain('总部部门 (2/5): 工作态度 4.0');
  });
});
