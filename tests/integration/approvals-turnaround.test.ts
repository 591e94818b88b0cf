// HR's approval turnaround, from chat (`/report approvals [days]`) and from the mini-app API: real claims
// through the real flow, decided by the manager, with their decision log moved back in time so the hours
// are known; managers and employees are refused.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { command, lastCard, textOfCard } from '../support/cards.js';
import { timedClaim } from '../support/timed-claims.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const claim = async (user: string, hoursAgo: number, decidedAfter?: number) =>
  await timedClaim(h, user, hoursAgo, decidedAfter);

describe('approval turnaround', () => {
  it('HR sees per-flow outcomes, open and overdue requests, and the times, in chat', async () => {
    // Two claims Li Ming decides (after 2 h and after 10 h), one still waiting for 50 h (overdue at 24 h).
    await claim('zhang.wei', 100, 2);
    await claim('liu.yang', 100, 10);
    await claim('chen.jing', 50);

    await command(h, await id('lin.xiaowen'), 'report', 'approvals 30');
    await h.drainOutbox();
    const text = textOfCard(await lastCard(h, await id('lin.xiaowen')));
    expect(text).toContain('审批时效 · 近 30 天');
    expect(text).toContain('提交 3 个');
    expect(text).toContain('✅ 通过 2 · ❌ 驳回 0 · ↩ 退回修改 0 次 · ⊘ 撤回 0 · ⏳ 进行中 1（超时 1）');
    // Decisions after 2 h and 10 h: the median (nearest rank) is 2 h, 9 in 10 within 10 h.
    expect(text).toContain('从提交到结果 2 小时（九成在 10 小时内）· 每位审批人用时 2 小时');
  });

  it('is refused to a manager, and a bad period is explained', async () => {
    await command(h, await id('li.ming'), 'report', 'approvals');
    await h.drainOutbox();
    expect(textOfCard(await lastCard(h, await id('li.ming')))).toContain('你没有权限');
    await command(h, await id('lin.xiaowen'), 'report', 'approvals 0');
    await h.drainOutbox();
    expect(textOfCard(await lastCard(h, await id('lin.xiaowen')))).toContain('请用 1–365 的天数表示时段');
  });

  it('the mini-app API answers HR with the same figures, managers with 403 and no data, a bad period with 400 at the field', async () => {
    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    const res = await call(h, 'GET', '/api/hr/turnaround?days=30', { session: hr });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ days: 30, overdueHours: 24 });
    expect((res.body.flows as unknown[])[0]).toMatchObject({
      flowKey: 'point-claim',
      name: '积分申请',
      submitted: 3,
      approved: 2,
      open: 1,
      overdue: 1,
      medianHoursToDecision: 2,
      p90HoursToDecision: 10,
    });
    const manager = await call(h, 'GET', '/api/hr/turnaround', {
      session: await sandboxSession(h, await id('li.ming')),
    });
    expect(manager.status).toBe(403);
    expect(manager.body.flows).toBeUndefined();
    const bad = await call(h, 'GET', '/api/hr/turnaround?days=0', { session: hr });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ days: '不能小于 1。' });
  });
});
