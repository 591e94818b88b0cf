// Point claims, a redemption and transfers through the approval engine, in every state a company has after a
// few months: approved (points in the ledger, one adjusted by the approver), rejected, returned and
// resubmitted, cancelled, and a few still waiting on a manager or on HR right now. Each decision is taken by
// whoever the engine routed the step to, on its day, so timelines, ledgers and the transfer's move are real.
import { act, loadRequest, submitRequest, type RequestPayload } from '../approvals/requests.js';
import { getTag, listRewards, listTags } from '../points/catalogue.js';
import { parseClaimValue, type QuantityUnit } from '../points/claim-value.js';
import { must, ymd, type DemoContext } from './context.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type Ending =
  | { kind: 'approved'; adjust?: { points: number; reason: string } }
  | { kind: 'rejected'; reason: string; afterApprovals?: number }
  | { kind: 'returned'; reason: string; resubmitWith: string }
  | { kind: 'cancelled' }
  /** Still waiting today, after this many steps were approved. */
  | { kind: 'waiting'; approvals: number };

export interface RequestStory {
  applicant: string;
  payload: () => Promise<RequestPayload>;
  submittedAt: Date;
  /** Time between one decision and the next. */
  gapMs: number;
  ending: Ending;
  /** Called with the request id once it exists (e.g. to link a training recommendation). */
  onSubmitted?: (requestId: number) => void;
}

/** Play one request: submitted, then each decision `gapMs` after the one before, as its ending says. */
export function playRequest(ctx: DemoContext, story: RequestStory): void {
  const { db } = ctx;
  const label = `${story.applicant}'s request`;
  let id = 0;
  let approvals = 0;
  let returned = false;

  const decide = async (when: Date) => {
    const req = (await loadRequest(db, id))!;
    if (req.status !== 'pending') return;
    const actorId = req.approvers[0]!;
    const e = story.ending;
    if (e.kind === 'waiting' && approvals >= e.approvals) return;
    if (e.kind === 'rejected' && approvals >= (e.afterApprovals ?? 0)) {
      must(
        await act(db, { requestId: id, event: { type: 'reject', actorId, reason: e.reason }, now: when }),
        `rejecting ${label}`,
      );
      return;
    }
    if (e.kind === 'returned' && !returned) {
      returned = true;
      must(
        await act(db, { requestId: id, event: { type: 'return', actorId, reason: e.reason }, now: when }),
        `returning ${label}`,
      );
      const resubmitAt = new Date(when.getTime() + story.gapMs);
      ctx.at(resubmitAt, `resubmitting ${label}`, async () => {
        const p = (await loadRequest(db, id))!.payload;
        const payload = p.kind === 'point_claim' ? { ...p, description: e.resubmitWith } : p;
        must(
          await act(db, {
            requestId: id,
            event: { type: 'resubmit', actorId: (await ctx.person(story.applicant)).id },
            payload,
            now: resubmitAt,
          }),
          `resubmitting ${label}`,
        );
        const next = new Date(resubmitAt.getTime() + story.gapMs);
        ctx.at(next, `deciding ${label}`, async () => await decide(next));
      });
      return;
    }
    let adjust;
    if (e.kind === 'approved' && e.adjust && approvals === 0 && req.payload.kind === 'point_claim') {
      const tag = (await getTag(db, req.payload.tagId))!;
      adjust = { points: e.adjust.points, reason: e.adjust.reason, min: tag.minPoints, max: tag.maxPoints };
    }
    const r = must(
      await act(db, { requestId: id, event: { type: 'approve', actorId }, adjust, now: when }),
      `approving ${label}`,
    );
    approvals++;
    if (r.request.status === 'pending' && !(e.kind === 'waiting' && approvals >= e.approvals)) {
      const next = new Date(when.getTime() + story.gapMs);
      ctx.at(next, `deciding ${label}`, async () => await decide(next));
    }
  };

  ctx.at(story.submittedAt, `submitting ${label}`, async () => {
    const r = must(
      await submitRequest(db, {
        applicantId: (await ctx.person(story.applicant)).id,
        payload: await story.payload(),
        now: story.submittedAt,
      }),
      `submitting ${label}`,
    );
    id = r.request.id;
    story.onSubmitted?.(id);
    const next = new Date(story.submittedAt.getTime() + story.gapMs);
    if (story.ending.kind === 'cancelled') {
      ctx.at(next, `cancelling ${label}`, async () => {
        must(
          await act(db, {
            requestId: id,
            event: { type: 'cancel', actorId: (await ctx.person(story.applicant)).id },
            now: next,
          }),
          `cancelling ${label}`,
        );
      });
    } else if (!(story.ending.kind === 'waiting' && story.ending.approvals === 0))
      ctx.at(next, `deciding ${label}`, async () => await decide(next));
  });
}

// user, value tag (English name), what was done, the value created, its unit, when, how it ended.
type Claim = [string, string, string, string, QuantityUnit, Date, Ending];

function claims(ctx: DemoContext): Claim[] {
  const d = (days: number, hour = 0) => ctx.ago(days, hour);
  const ok: Ending = { kind: 'approved' };
  return [
    [
      'zhang.wei',
      'Technology enabling the business',
      '上线门店自助点餐小程序，午高峰排队时间明显缩短',
      '35%',
      'percent',
      d(110, 1),
      ok,
    ],
    ['he.jun', 'Cost control', '重新谈判三家食材供应商合同，季度采购成本下降', '48000', 'cny', d(104, 2), ok],
    ['guo.na', 'Process optimisation', '重新设计后厨备料流程，平均出餐时间缩短', '20%', 'percent', d(98, 5), ok],
    [
      'emily.carter',
      'Cross-department support',
      'Redesigned the menu boards for all three stores with the operations team',
      '3',
      'other',
      d(95, 3),
      ok,
    ],
    [
      'cao.yang',
      'People development',
      '带教两名新厨师，三周内独立上岗',
      '2',
      'other',
      d(90, 4),
      { kind: 'approved', adjust: { points: 150, reason: '两名新人都已独立值岗，带教质量突出' } },
    ],
    [
      'zhang.wei',
      'Process optimisation',
      '自动化门店日结对账脚本，财务每天少做重复工作',
      '2小时',
      'hours',
      d(86, 2),
      ok,
    ],
    [
      'david.kim',
      'Data-driven decision',
      'Built the daily sales forecast; stores now prep to it and waste less',
      '12%',
      'percent',
      d(80, 6),
      ok,
    ],
    ['feng.xue', 'Cross-department support', '周末支援杭州西湖店收银', '16小时', 'hours', d(75, 1), ok],
    [
      'ma.chao',
      'Cost control',
      '集中采购包装材料',
      '9000',
      'cny',
      d(70, 3),
      { kind: 'rejected', reason: '这笔节省已计入何俊的供应商谈判申请，不重复计分' },
    ],
    [
      'tang.li',
      'Process optimisation',
      '优化交接班清单',
      '',
      'other',
      d(62, 2),
      {
        kind: 'returned',
        reason: '请补充改进前后的对比，例如遗漏次数',
        resubmitWith: '优化交接班清单：交接遗漏从每周约 6 次降到 1 次',
      },
    ],
    [
      'olivia.brown',
      'Data-driven decision',
      'Lunch-set price test across two stores; the winning price lifted margin',
      '8%',
      'percent',
      d(55, 4),
      ok,
    ],
    ['ye.qing', 'Major problem solved', '冷库温控故障连夜抢修，避免整批食材报废', '12000', 'cny', d(50, 7), ok],
    ['wang.fang', 'Cost control', '上线预算审批流程，超预算支出提前预警', '60000', 'cny', d(45, 2), ok],
    ['song.tao', 'Cross-department support', '协助西湖店完成新菜单试做', '3天', 'days', d(40, 3), ok],
    ['liu.yang', 'Process optimisation', '发布流程自动化，每次上线节省人工', '6小时', 'hours', d(38, 1), ok],
    ['peng.bo', 'Cross-department support', '协助总部拍摄新品宣传照', '1天', 'days', d(33, 5), ok],
    ['wu.hao', 'Process optimisation', '测试用例整理', '', 'other', d(30, 2), { kind: 'cancelled' }],
    [
      'sophia.lee',
      'Cross-department support',
      'Trained the Hangzhou servers on the new POS',
      '2 days',
      'days',
      d(24, 3),
      ok,
    ],
    [
      'luo.xin',
      'Cost control',
      '抽检频次调整',
      '3000',
      'cny',
      d(20, 4),
      { kind: 'rejected', reason: '抽检频次关系食品安全，不建议以降低频次节省成本' },
    ],
    ['xu.lan', 'Process optimisation', '月结流程从 5 天缩短到 3 天', '2天', 'days', d(14, 1), ok],
    [
      'gao.min',
      'Technology enabling the business',
      '用配方管理表统一三家店的新品配比',
      '3',
      'other',
      d(10, 2),
      { kind: 'rejected', reason: '配方表很好，但属于工作职责范围，建议申请"流程优化"', afterApprovals: 1 },
    ],
    ['deng.hui', 'People development', '整理西湖店刀工培训视频', '8', 'other', d(6, 3), ok],
    ['lu.kai', 'Cross-department support', '帮助徐汇店盘点库存', '5小时', 'hours', d(4, 2), ok],
  ];
}

/** Claims still waiting today: on a manager, and one past its manager on HR. Hours before now. */
function waitingClaims(ctx: DemoContext): Claim[] {
  const h = (hours: number) => ctx.hoursAgo(hours);
  return [
    [
      'chen.jing',
      'Technology enabling the business',
      '会员积分系统接入三家门店，复购数据可追踪',
      '3',
      'other',
      h(14),
      { kind: 'waiting', approvals: 1 },
    ],
    [
      'yang.fan',
      'Process optimisation',
      '接口监控告警上线，故障发现时间缩短',
      '80%',
      'percent',
      h(6),
      { kind: 'waiting', approvals: 0 },
    ],
    [
      'han.bing',
      'Cross-department support',
      '帮助总部整理顾客反馈',
      '4小时',
      'hours',
      h(9),
      { kind: 'waiting', approvals: 0 },
    ],
    [
      'jiang.tao',
      'Process optimisation',
      '调整炉灶区动线，减少交叉',
      '15%',
      'percent',
      h(4),
      { kind: 'waiting', approvals: 0 },
    ],
    [
      'pan.yue',
      'Cross-department support',
      '协助新品试吃活动',
      '1天',
      'days',
      h(11),
      { kind: 'waiting', approvals: 0 },
    ],
  ];
}

export async function claimPayload(
  ctx: DemoContext,
  tagName: string,
  description: string,
  value: string,
  unit: QuantityUnit,
): Promise<RequestPayload> {
  const tag = (await listTags(ctx.db)).find((t) => t.nameEn === tagName);
  if (!tag) throw new Error(`demo history: no value tag ${tagName}`);
  const read = parseClaimValue(value, unit);
  if (!read.ok) throw new Error(`demo history: claim value ${value} does not read`);
  return { kind: 'point_claim', tagId: tag.id, description, quantities: read.quantities, points: tag.points };
}

export function seedApprovals(ctx: DemoContext): void {
  for (const [applicant, tag, description, value, unit, submittedAt, ending] of claims(ctx)) {
    playRequest(ctx, {
      applicant,
      payload: async () => await claimPayload(ctx, tag, description, value, unit),
      submittedAt,
      gapMs: DAY - 3 * HOUR,
      ending,
    });
  }
  for (const [applicant, tag, description, value, unit, submittedAt, ending] of waitingClaims(ctx)) {
    playRequest(ctx, {
      applicant,
      payload: async () => await claimPayload(ctx, tag, description, value, unit),
      submittedAt,
      gapMs: 2 * HOUR,
      ending,
    });
  }

  // Zhang Wei spends his points on a day of leave; HR approves.
  playRequest(ctx, {
    applicant: 'zhang.wei',
    payload: async () => {
      const leave = (await listRewards(ctx.db)).find((r) => r.category === 'leave')!;
      return { kind: 'redemption', rewardId: leave.id, cost: leave.cost };
    },
    submittedAt: ctx.ago(60, 3),
    gapMs: DAY - 3 * HOUR,
    ending: { kind: 'approved' },
  });

  const stores = '青云科技/门店';
  const hq = '青云科技/总部';
  // Song Tao moves to Hangzhou: his head, HR and the receiving head approve, and he moves that day.
  const songApproved = ctx.ago(63, 4);
  playRequest(ctx, {
    applicant: 'song.tao',
    payload: async () => ({
      kind: 'transfer',
      fromUnitId: await ctx.unitId(`${stores}/上海徐汇店`),
      toUnitId: await ctx.unitId(`${stores}/杭州西湖店`),
      reason: '家搬到杭州，申请调往西湖店',
      effectiveDate: ymd(songApproved),
    }),
    submittedAt: new Date(songApproved.getTime() - 3 * DAY),
    gapMs: DAY,
    ending: { kind: 'approved' },
  });
  playRequest(ctx, {
    applicant: 'luo.xin',
    payload: async () => ({
      kind: 'transfer',
      fromUnitId: await ctx.unitId(`${hq}/运营部`),
      toUnitId: await ctx.unitId(`${stores}/深圳南山店`),
      reason: '希望到门店一线负责出品质检',
      effectiveDate: ymd(ctx.ago(-30)),
    }),
    submittedAt: ctx.ago(22, 2),
    gapMs: DAY - 3 * HOUR,
    ending: { kind: 'rejected', reason: '门店暂无质检岗位编制，建议下季度再议', afterApprovals: 1 },
  });
  // James Wilson asks to join R&D's data team: his head said yes this morning, HR has it now.
  playRequest(ctx, {
    applicant: 'james.wilson',
    payload: async () => ({
      kind: 'transfer',
      fromUnitId: await ctx.unitId(`${hq}/运营部`),
      toUnitId: await ctx.unitId(`${hq}/产品研发部`),
      reason: 'I would like to join the data team and work on supply forecasting full time.',
      effectiveDate: ymd(ctx.ago(-14)),
    }),
    submittedAt: ctx.hoursAgo(20),
    gapMs: 15 * HOUR,
    ending: { kind: 'waiting', approvals: 1 },
  });
}
