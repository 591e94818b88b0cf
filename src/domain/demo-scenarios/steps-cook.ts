// "A cook sent to a partner store": 邓慧, a chef, is sent between the Hangzhou and Shanghai stores (each run the
// other way, so a second run works): the transfer through its three approvals — her unit and manager change on
// the last — then the receiving store's team rating (her new head rates her; collaboration is low in a new
// team), the close that makes composites and recommends a course, her enrolment, the head's approval, her
// completion, and the store's composite report.
import { eq } from 'drizzle-orm';
import { ratingRaters } from '../../db/schema.js';
import { submitRequest } from '../approvals/requests.js';
import { markTraining } from '../growth/training.js';
import { allUnits } from '../org/units.js';
import { enrolInRecommendation } from '../ratings/courses.js';
import { getCycle, openCycle, raterTasks, ratingField, requestClose, submitRatings } from '../ratings/cycles.js';
import { ratingsReport, resultsOf } from '../ratings/report.js';
import { approveRouted } from './approve-routed.js';
import {
  demoPerson,
  need,
  personById,
  ref,
  refuse,
  unitByPath,
  ymd,
  type StepContext,
  type StepFn,
} from './step-context.js';

const DAY = 24 * 60 * 60 * 1000;
const COOK = 'deng.hui';
const STORES = ['青云科技/门店/杭州西湖店', '青云科技/门店/上海徐汇店'] as const;
/** The dimension a new head rates low in a new team; the recommendation and the course follow from it. */
const LOW = 'collaboration';
const DIMENSION = { 'zh-CN': '团队协作', en: 'Team collaboration' };

async function ask(ctx: StepContext) {
  const cook = await demoPerson(ctx.db, COOK);
  const [a, b] = [await unitByPath(ctx.db, STORES[0]), await unitByPath(ctx.db, STORES[1])];
  const from = cook.unitId === a.id ? a : b;
  const to = from.id === a.id ? b : a;
  const r = need(
    await submitRequest(ctx.db, {
      applicantId: cook.id,
      payload: {
        kind: 'transfer',
        fromUnitId: cook.unitId,
        toUnitId: to.id,
        reason: `支援合作门店${to.name}的后厨，带去本店的备料流程`,
        effectiveDate: ymd(ctx.at),
      },
      now: ctx.at,
    }),
  );
  const first = r.request.approvers[0];
  return {
    ok: true as const,
    actorId: cook.id,
    params: {
      cook: cook.name,
      from: from.name,
      to: to.name,
      next: first === undefined ? '' : (await personById(ctx.db, first)).name,
    },
    refs: { cook: cook.id, to: to.id, transfer: r.request.id },
    link: `/requests/${r.request.id}`,
  };
}

/** One of the transfer's approvals; `last` applies it and tells who the cook's manager is now. */
function transferApproval(last: boolean): StepFn {
  return async (ctx) => {
    const id = ref(ctx, 'transfer');
    const a = await approveRouted(ctx, id);
    if (last ? a.status !== 'approved' : !a.next) refuse('flow_changed');
    const cook = await personById(ctx.db, ref(ctx, 'cook'));
    const unit = (await allUnits(ctx.db)).find((u) => u.id === cook.unitId);
    if (last && cook.unitId !== ref(ctx, 'to')) refuse('not_applied');
    return {
      ok: true as const,
      actorId: a.approver.id,
      params: {
        approver: a.approver.name,
        next: a.next?.name ?? '',
        cook: cook.name,
        to: unit?.name ?? '',
        manager: cook.managerId === null ? '' : (await personById(ctx.db, cook.managerId)).name,
      },
      link: `/requests/${id}`,
    };
  };
}

async function ratingOpen(ctx: StepContext) {
  const hr = await demoPerson(ctx.db, 'lin.xiaowen');
  const to = ref(ctx, 'to');
  // Its deadline lies ahead of the real clock (the scheduler never closes it under the story); HR closes it
  // early once everyone is rated, as HR may.
  const r = need(
    await openCycle(ctx.db, {
      schemeRef: 'team',
      unitId: to,
      closesAt: new Date(ctx.now.getTime() + 7 * DAY),
      now: ctx.at,
      actor: { kind: 'employee', employeeId: hr.id },
    }),
  );
  const store = (await allUnits(ctx.db)).find((u) => u.id === to)!;
  const head = store.headEmployeeId === null ? undefined : await personById(ctx.db, store.headEmployeeId);
  return {
    ok: true as const,
    actorId: hr.id,
    params: { hr: hr.name, to: store.name, head: head?.name ?? '' },
    refs: { cycle: r.cycle.id, ...(head ? { head: head.id } : {}) },
    link: `/hr/ratings/${r.cycle.id}`,
  };
}

async function ratingRate(ctx: StepContext) {
  const cycle = await getCycle(ctx.db, ref(ctx, 'cycle'));
  if (!cycle) refuse('not_found');
  const cook = ref(ctx, 'cook');
  const head = await personById(ctx.db, ref(ctx, 'head'));
  // Every rater the cycle named (the head for the team, the head's own manager for the head): a steady 4, the
  // cook's collaboration a 2 — new in the team.
  const raters = await raterIds(ctx, cycle.id);
  let rated = 0;
  for (const raterId of raters) {
    const values: Record<string, string> = {};
    for (const task of await raterTasks(ctx.db, cycle, raterId))
      for (const d of task.dimensions)
        values[ratingField(task.subjectId, d.key)] = task.subjectId === cook && d.key === LOW ? '2' : '4';
    need(await submitRatings(ctx.db, { cycleId: cycle.id, raterId, values, now: ctx.at }));
    if (raterId === head.id) rated = Object.keys(values).length;
  }
  if (rated === 0) refuse('not_rater');
  return {
    ok: true as const,
    actorId: head.id,
    params: { head: head.name, cook: (await personById(ctx.db, cook)).name, dimension: DIMENSION },
    link: '/team/ratings',
  };
}

async function raterIds(ctx: StepContext, cycleId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ id: ratingRaters.raterId })
    .from(ratingRaters)
    .where(eq(ratingRaters.cycleId, cycleId));
  return rows.map((r) => r.id).sort((x, y) => x - y);
}

async function ratingClose(ctx: StepContext) {
  const hr = await demoPerson(ctx.db, 'lin.xiaowen');
  const actor = { kind: 'employee' as const, employeeId: hr.id };
  const cycleId = ref(ctx, 'cycle');
  let r = await requestClose(ctx.db, { cycleId, now: ctx.at, actor });
  // Something not rated (a rater with nobody to rate): HR confirms the summary, as the close form asks.
  if (!r.ok && (r.code === 'needs_confirm' || r.code === 'stale'))
    r = await requestClose(ctx.db, { cycleId, confirm: r.preview.fingerprint, now: ctx.at, actor });
  const closed = need(r);
  const cook = ref(ctx, 'cook');
  const rec = closed.recommendations.find((x) => x.employeeId === cook && x.dimension === LOW);
  const result = closed.results.find((x) => x.employeeId === cook);
  if (!rec || !result) refuse('no_recommendation');
  return {
    ok: true as const,
    actorId: hr.id,
    params: {
      hr: hr.name,
      cook: (await personById(ctx.db, cook)).name,
      composite: result.composite === null ? '—' : result.composite.toFixed(2),
      dimension: DIMENSION,
    },
    refs: { recommendation: rec.id },
    link: `/hr/ratings/${cycleId}`,
  };
}

async function trainingEnrol(ctx: StepContext) {
  const cook = await personById(ctx.db, ref(ctx, 'cook'));
  const r = need(
    await enrolInRecommendation(ctx.db, {
      recommendationId: ref(ctx, 'recommendation'),
      employeeId: cook.id,
      now: ctx.at,
    }),
  );
  const next = r.request.approvers[0];
  return {
    ok: true as const,
    actorId: cook.id,
    params: { cook: cook.name, next: next === undefined ? '' : (await personById(ctx.db, next)).name },
    refs: { training: r.request.id },
    link: `/requests/${r.request.id}`,
  };
}

async function trainingApprove(ctx: StepContext) {
  const a = await approveRouted(ctx, ref(ctx, 'training'));
  if (a.status !== 'approved') refuse('flow_changed');
  return {
    ok: true as const,
    actorId: a.approver.id,
    params: { approver: a.approver.name, cook: (await personById(ctx.db, ref(ctx, 'cook'))).name },
    link: '/training',
  };
}

async function trainingComplete(ctx: StepContext) {
  const cook = await personById(ctx.db, ref(ctx, 'cook'));
  const recommendationId = ref(ctx, 'recommendation');
  need(await markTraining(ctx.db, { recommendationId, to: 'attended', actor: cook, now: ctx.at }));
  need(await markTraining(ctx.db, { recommendationId, to: 'completed', actor: cook, now: ctx.at }));
  return { ok: true as const, actorId: cook.id, params: { cook: cook.name }, link: '/training' };
}

async function report(ctx: StepContext) {
  const head = await personById(ctx.db, ref(ctx, 'head'));
  const cycleId = ref(ctx, 'cycle');
  const r = need(await ratingsReport(ctx.db, { viewer: head, cycleId, unitId: ref(ctx, 'to') }));
  const cook = await personById(ctx.db, ref(ctx, 'cook'));
  const own = (await resultsOf(ctx.db, cook.id)).find((x) => x.cycleId === cycleId);
  return {
    ok: true as const,
    actorId: head.id,
    params: {
      head: head.name,
      cook: cook.name,
      people: r.report.people,
      average: r.report.compositeAvg === undefined ? '—' : r.report.compositeAvg.toFixed(2),
      composite: own?.composite == null ? '—' : own.composite.toFixed(2),
    },
    link: `/hr/ratings/${cycleId}`,
  };
}

export const COOK_STEPS: Record<string, StepFn> = {
  ask,
  'current-head': transferApproval(false),
  hr: transferApproval(false),
  'receiving-head': transferApproval(true),
  'rating-open': ratingOpen,
  'rating-rate': ratingRate,
  'rating-close': ratingClose,
  'training-enrol': trainingEnrol,
  'training-approve': trainingApprove,
  'training-complete': trainingComplete,
  report,
};
