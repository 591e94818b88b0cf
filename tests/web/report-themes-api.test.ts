// Comment themes on the report, through the real server: counted over a published comment list only — a store
// whose comments are under the comment threshold gets no themes at all (the counts would say what the list hides).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { startHarness, type Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
});
afterAll(async () => h?.stop());

/** A wave to `unit`: everyone answers 3, the first ones with the given comments; closed. */
async function waveWith(unit: string, comments: string[]): Promise<{ waveId: number; unitId: number }> {
  const w = await launchTo(h.app.db, unit, new Date(Date.now() - 60_000));
  for (const [i, p] of w.people.entries())
    await answerAs(h, w.wave.id, p, { ...w.values(3), ...(comments[i] ? { comment: comments[i] } : {}) });
  await closeWaveNow(h, w.wave.id);
  return { waveId: w.wave.id, unitId: w.wave.audienceUnitId! };
}

async function report(q: { waveId: number; unitId: number }) {
  const r = await call(h, 'GET', `/api/hr/report?waveId=${q.waveId}&unitId=${q.unitId}`, { session: hr });
  expect(r.status).toBe(200);
  return r.body.report as { comments: string[]; commentsHidden: boolean; themes: { theme: string; count: number }[] };
}

describe('comment themes on the report', () => {
  it('groups a published list by theme, in both languages, with counts', async () => {
    const q = await waveWith('深圳南山店', [
      '周末加班太多，人手不够',
      'Too much overtime on weekends',
      '排班总是临时通知',
      'Pay is below other restaurants',
      '工资和奖金都该调整了',
    ]);
    const r = await report(q);
    expect(r.commentsHidden).toBe(false);
    expect(r.comments).toHaveLength(5);
    expect(r.themes).toEqual([
      { theme: 'workload', count: 2 },
      { theme: 'pay', count: 2 },
      { theme: 'schedule', count: 1 },
    ]);
  });

  it('no themes where the comment list is hidden (fewer comments than the threshold)', async () => {
    const q = await waveWith('杭州西湖店', ['加班太多', 'Overtime again']);
    const r = await report(q);
    expect(r.commentsHidden).toBe(true);
    expect(r.comments).toEqual([]);
    expect(r.themes).toEqual([]);
  });
});
