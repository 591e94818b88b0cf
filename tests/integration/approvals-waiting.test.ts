// waitingByFlow (issue 23 item 2, the desks' requests block): every open request whatever its age — one
// waiting 500 days is counted, where the turnaround report's period leaves it out — with the report's own
// counting (open = pending or returned, overdue = pending past the reminder age); for one approver, only
// the requests pending with them.
import { describe, expect, it } from 'vitest';
import { act } from '../../src/domain/approvals/requests.js';
import { approvalsReport } from '../../src/domain/approvals/turnaround.js';
import { waitingByFlow } from '../../src/domain/approvals/waiting.js';
import { getPerson } from '../../src/domain/org/employees.js';
import { useHarness, type Harness } from '../support/harness.js';
import { timedClaim } from '../support/timed-claims.js';

let h: Harness;
useHarness((started) => (h = started));

const HOUR = 3_600_000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

describe('waitingByFlow', () => {
  it('counts open and overdue requests per flow, for everyone and for one approver', async () => {
    await timedClaim(h, 'zhang.wei', 500 * 24); // pending on Li Ming for 500 days: overdue
    await timedClaim(h, 'liu.yang', 2); // pending on Li Ming, not overdue yet
    await timedClaim(h, 'ye.qing', 1); // pending on Tom Harris
    await timedClaim(h, 'wu.hao', 1, 1); // approved: not open
    const returned = await timedClaim(h, 'chen.jing', 30); // returned to its applicant: open, not overdue
    const r = await act(h.app.db, {
      requestId: returned,
      event: { type: 'return', actorId: await id('li.ming'), reason: 'Add the numbers' },
      now: new Date(),
    });
    expect(r.ok).toBe(true);

    const now = new Date();
    const overdueAfterMs = 24 * HOUR;
    const names = { 'zh-CN': '积分申请', en: 'Point claim' };
    expect(await waitingByFlow(h.app.db, { now, overdueAfterMs })).toEqual([
      { flowKey: 'point-claim', name: names, open: 4, overdue: 1 },
    ]);
    expect(await waitingByFlow(h.app.db, { now, overdueAfterMs, approverId: await id('li.ming') })).toEqual([
      { flowKey: 'point-claim', name: names, open: 2, overdue: 1 },
    ]);
    expect(await waitingByFlow(h.app.db, { now, overdueAfterMs, approverId: await id('tom.harris') })).toEqual([
      { flowKey: 'point-claim', name: names, open: 1, overdue: 0 },
    ]);
    expect(await waitingByFlow(h.app.db, { now, overdueAfterMs, approverId: await id('he.jun') })).toEqual([]);

    // The turnaround report over its longest period does not see the 500-day-old request.
    const report = await approvalsReport(h.app.db, {
      viewer: (await getPerson(h.app.db, await id('lin.xiaowen')))!,
      days: 365,
      now,
      overdueAfterMs,
    });
    expect(report.ok && report.report.flows[0]).toMatchObject({ open: 3, overdue: 0 });
  });
});
