// This month's approved claims in the demo company, so a newcomer's leaderboard (this month, in the company's
// time zone) is filled whatever day it is: one claim per person across head office and the stores, each
// submitted and approved between the first of the month and now. The older history (approvals.ts) fills the
// quarter and the year.
import { periodRange } from '../points/periods.js';
import { claimPayload, playRequest } from './approvals.js';
import type { DemoContext } from './context.js';
import type { QuantityUnit } from '../points/claim-value.js';

/** The demo company works in Shanghai (context.ts's working morning is 10:00 there). */
const DEMO_TIME_ZONE = 'Asia/Shanghai';

// user, value tag (English name), what was done, the value created, its unit.
const MONTH_CLAIMS: [string, string, string, string, QuantityUnit][] = [
  [
    'liu.yang',
    'Process optimisation',
    '把每周发布检查清单做成自动脚本，发布前核对从半天缩短到半小时',
    '3.5小时',
    'hours',
  ],
  ['guo.na', 'Cross-department support', '支援西湖店周末开业活动，负责后厨备料', '2天', 'days'],
  ['david.kim', 'Data-driven decision', 'Weekly waste report per store; two stores cut prep waste', '9%', 'percent'],
  ['he.jun', 'Cost control', '年底集中采购清洁用品，单价下降', '6800', 'cny'],
  ['sophia.lee', 'People development', 'Coached two new servers through their first month', '2', 'other'],
  ['feng.xue', 'Process optimisation', '调整收银交班流程，交班对账差错减少', '', 'other'],
  ['emily.carter', 'Cross-department support', 'Helped finance close the month with store sales data', '1 day', 'days'],
  ['deng.hui', 'Cross-department support', '协助徐汇店完成月度盘点', '6小时', 'hours'],
];

export function seedThisMonthClaims(ctx: DemoContext): void {
  const from = periodRange(ctx.now, 'month', DEMO_TIME_ZONE).from.getTime();
  // Each claim gets its own slot of the month so far; submitted early in it, each decision a fifth of a slot
  // later, so every step (up to three) ends inside the slot, before now.
  const slot = (ctx.now.getTime() - from) / (MONTH_CLAIMS.length + 1);
  MONTH_CLAIMS.forEach(([applicant, tag, description, value, unit], i) => {
    playRequest(ctx, {
      applicant,
      payload: async () => await claimPayload(ctx, tag, description, value, unit),
      submittedAt: new Date(from + slot * i + slot * 0.1),
      gapMs: slot / 5,
      ending: { kind: 'approved' },
    });
  });
}
