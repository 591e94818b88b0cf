// "A finance clerk's cost saving": 徐岚 claims her budget optimisation under 成本控制 (the articles' case),
// her manager raises the points to the tag's maximum for a saving this size (so HR reviews it, as the flow
// asks at 150 points), the points land in her ledger, and she redeems a reward, which HR approves.
import { getTag, listRewards, listTags, createReward } from '../points/catalogue.js';
import { parseClaimValue } from '../points/claim-value.js';
import { balanceOf } from '../points/ledger.js';
import { companyTimeZone, submitClaim } from '../points/submit-claim.js';
import { loadRequest, submitRequest } from '../approvals/requests.js';
import { approveRouted } from './approve-routed.js';
import { demoPerson, need, personById, ref, refuse, type StepContext, type StepFn } from './step-context.js';

const CLERK = 'xu.lan';
const TAG = 'Cost control';
/** A small reward the story redeems: HR keeps it in the catalogue (created once, audited like any reward). */
const VOUCHER = {
  nameZh: '咖啡券（团队下午茶）',
  nameEn: 'Coffee voucher (team afternoon tea)',
  category: 'other',
  cost: 100,
};

async function claim(ctx: StepContext) {
  const clerk = await demoPerson(ctx.db, CLERK);
  const tag = (await listTags(ctx.db)).find((t) => t.nameEn === TAG);
  if (!tag) refuse('tag_missing');
  const value = parseClaimValue('30000', 'cny');
  if (!value.ok) refuse('invalid');
  const r = need(
    await submitClaim(ctx.db, {
      applicantId: clerk.id,
      payload: {
        kind: 'point_claim',
        tagId: tag.id,
        description: '预算优化：重新谈判办公用品与物流合同，季度费用下降 ¥30,000',
        quantities: value.quantities,
        points: tag.points,
      },
      now: ctx.at,
      timeZone: await companyTimeZone(ctx.db, 'Asia/Shanghai'),
    }),
  );
  const manager = r.request.approvers[0];
  return {
    ok: true as const,
    actorId: clerk.id,
    params: {
      clerk: clerk.name,
      tag: { 'zh-CN': tag.nameZh, en: tag.nameEn },
      points: tag.points,
      manager: manager === undefined ? '' : (await personById(ctx.db, manager)).name,
    },
    refs: { claim: r.request.id },
    link: `/requests/${r.request.id}`,
  };
}

async function approve(ctx: StepContext) {
  const id = ref(ctx, 'claim');
  const req = await loadRequest(ctx.db, id);
  if (!req || req.payload.kind !== 'point_claim') refuse('not_found');
  const tag = await getTag(ctx.db, req.payload.tagId);
  if (!tag) refuse('tag_missing');
  const a = await approveRouted(ctx, id, {
    adjust: {
      points: tag.maxPoints,
      reason: '季度节省 ¥30,000，按标签上限计分',
      min: tag.minPoints,
      max: tag.maxPoints,
    },
  });
  if (!a.next) refuse('flow_changed');
  return {
    ok: true as const,
    actorId: a.approver.id,
    params: { approver: a.approver.name, points: tag.maxPoints, next: a.next.name },
    link: `/requests/${id}`,
  };
}

async function ledger(ctx: StepContext) {
  const id = ref(ctx, 'claim');
  const a = await approveRouted(ctx, id);
  if (a.status !== 'approved') refuse('flow_changed');
  const req = (await loadRequest(ctx.db, id))!;
  const clerk = await demoPerson(ctx.db, CLERK);
  const points = req.payload.kind === 'point_claim' ? req.payload.points : 0;
  return {
    ok: true as const,
    actorId: a.approver.id,
    params: { approver: a.approver.name, clerk: clerk.name, points, balance: await balanceOf(ctx.db, clerk.id) },
    link: '/rewards',
  };
}

async function redeem(ctx: StepContext) {
  const clerk = await demoPerson(ctx.db, CLERK);
  let reward = (await listRewards(ctx.db)).find((r) => r.nameEn === VOUCHER.nameEn);
  if (!reward) {
    const hr = await demoPerson(ctx.db, 'lin.xiaowen');
    need(await createReward(ctx.db, VOUCHER, { kind: 'employee', employeeId: hr.id }));
    reward = (await listRewards(ctx.db)).find((r) => r.nameEn === VOUCHER.nameEn);
    if (!reward) refuse('reward_missing');
  }
  const r = need(
    await submitRequest(ctx.db, {
      applicantId: clerk.id,
      payload: { kind: 'redemption', rewardId: reward.id, cost: reward.cost },
      now: ctx.at,
    }),
  );
  return {
    ok: true as const,
    actorId: clerk.id,
    params: {
      clerk: clerk.name,
      reward: { 'zh-CN': reward.nameZh, en: reward.nameEn },
      cost: reward.cost,
      balance: await balanceOf(ctx.db, clerk.id),
    },
    refs: { redemption: r.request.id },
    link: `/requests/${r.request.id}`,
  };
}

async function redeemApprove(ctx: StepContext) {
  const id = ref(ctx, 'redemption');
  const a = await approveRouted(ctx, id);
  if (a.status !== 'approved') refuse('flow_changed');
  const clerk = await demoPerson(ctx.db, CLERK);
  return {
    ok: true as const,
    actorId: a.approver.id,
    params: { approver: a.approver.name, clerk: clerk.name, balance: await balanceOf(ctx.db, clerk.id) },
    link: '/rewards',
  };
}

export const SAVING_STEPS: Record<string, StepFn> = {
  claim,
  approve,
  ledger,
  redeem,
  'redeem-approve': redeemApprove,
};
