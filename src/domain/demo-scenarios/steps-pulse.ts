// "A pulse finds a process problem": HR launches a company pulse; the demo people answer through the real
// submit (seeded answers: R&D's collaboration is low — requirements get lost between product and
// engineering); the wave closes and its K-protected report shows it; HR agrees a follow-up with R&D's head, who
// marks it done; the next wave, answered the same way, shows collaboration recovered.
//
// Anonymity holds as everywhere: answers go into the sealed pool (submitAnswers), figures exist only for
// groups of at least K, and the step stops if the unit is not shown rather than reading around it.
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
import { createFollowUp, getFollowUp, setFollowUpStatus } from '../surveys/follow-ups.js';
import { buildPulseReport } from '../surveys/report.js';
import { ensureDefaultTemplate, getTemplate, type SurveyTemplate } from '../surveys/templates.js';
import {
  closeWave,
  getWave,
  itemField,
  launchWave,
  submitAnswers,
  waveAudience,
  type SurveyMessenger,
} from '../surveys/waves.js';
import { seededRng, type Rng } from '../demo/prng.js';

const DAY = 24 * 60 * 60 * 1000;
const UNIT = '青云科技/总部/产品研发部';
const OWNER = 'li.ming';
const DIMENSION = 'collaboration';
/** The story's waves run a week; the people were not sent cards for them (they answer in the story). */
const WAVE_DAYS = 7;
const silent: SurveyMessenger = { invite: () => Promise.resolve(), remind: () => Promise.resolve() };

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));

/** One person's answers: about 4 everywhere, the problem unit's collaboration low in the first wave. */
function answersFor(template: SurveyTemplate, problem: boolean, rng: Rng): Record<string, string> {
  const values: Record<string, string> = { comment: '' };
  for (const item of template.items) {
    const dim = template.dimensions.find((d) => d.id === item.dimensionId);
    const mood = item.kind === 'enps' ? 7 : problem && dim?.key === DIMENSION ? 1.8 : 4;
    values[itemField(item.id)] = String(clamp(mood + rng.noise(item.kind === 'enps' ? 1 : 0.4), item.min, item.max));
  }
  return values;
}

/** Launch a company-wide wave at `at`, closing a week later. */
async function launchCompanyWave(ctx: StepContext) {
  const hr = await demoPerson(ctx.db, 'lin.xiaowen');
  const templateId = await ensureDefaultTemplate(ctx.db);
  const launched = need(
    await launchWave(ctx.db, silent, {
      templateId,
      audienceUnitId: null,
      closesAt: new Date(ctx.at.getTime() + WAVE_DAYS * DAY),
      reminderDays: [],
      now: ctx.at,
      actor: { kind: 'employee', employeeId: hr.id },
    }),
  );
  return { hr, waveId: launched.wave.id };
}

/** Everyone in the wave's audience but the CEO answers, through the real submit. */
async function answer(ctx: StepContext, waveId: number, problemUnitLow: boolean, seed: number): Promise<number> {
  const wave = await getWave(ctx.db, waveId);
  if (!wave) refuse('not_found');
  const template = (await getTemplate(ctx.db, wave.templateId))!;
  const unit = await unitByPath(ctx.db, UNIT);
  const ceo = await demoPerson(ctx.db, 'chen.zhiyuan');
  const rng = seededRng(seed);
  // Three days into the wave (before it closes, and never after the real now).
  const at = new Date(Math.min(wave.openedAt.getTime() + 3 * DAY, wave.closesAt.getTime() - 60_000, ctx.now.getTime()));
  let answered = 0;
  // The CEO reads the results rather than answering (a lone answer at the top would hide a whole branch).
  for (const p of ((await waveAudience(ctx.db, null)) ?? []).sort((a, b) => a.id - b.id)) {
    if (p.id === ceo.id) continue;
    const values = answersFor(template, problemUnitLow && p.unitId === unit.id, rng);
    need(await submitAnswers(ctx.db, ctx.key, { waveId, employeeId: p.id, values, now: at }));
    answered++;
  }
  return answered;
}

/** Close the wave at its date (or find it closed: the scheduler closes a wave whose date passed) and read the
 *  problem unit's figure for the dimension, as HR sees it. */
async function closeAndRead(ctx: StepContext, waveId: number) {
  const hr = await demoPerson(ctx.db, 'lin.xiaowen');
  const wave = await getWave(ctx.db, waveId);
  if (!wave) refuse('not_found');
  if (!wave.closedAt)
    need(await closeWave(ctx.db, ctx.key, waveId, wave.closesAt, { kind: 'employee', employeeId: hr.id }));
  const unit = await unitByPath(ctx.db, UNIT);
  const r = need(await buildPulseReport(ctx.db, { viewer: hr, waveId, unitId: unit.id }));
  if (!r.report.visible) refuse('hidden');
  const dim = r.report.dimensions.find((d) => d.key === DIMENSION);
  const company = need(await buildPulseReport(ctx.db, { viewer: hr, waveId }));
  const overall = company.report.dimensions.find((d) => d.key === DIMENSION);
  if (!dim) refuse('hidden');
  return {
    hr,
    unit,
    k: r.report.k,
    responses: r.report.responses ?? 0,
    name: { 'zh-CN': dim.name['zh-CN'], en: dim.name.en },
    score: dim.avg.toFixed(2),
    company: overall ? overall.avg.toFixed(2) : '—',
  };
}

/** The same story each run: a fixed seed per wave (only the story's noise; ids and write order stay random). */
const seedOf = (wave: number) => 2512 + wave * 7919;

async function launch(ctx: StepContext) {
  const w = await launchCompanyWave(ctx);
  const n = await answer(ctx, w.waveId, true, seedOf(1));
  return {
    ok: true as const,
    actorId: w.hr.id,
    params: { hr: w.hr.name, days: WAVE_DAYS, answered: n },
    refs: { wave1: w.waveId },
    link: '/hr/report',
  };
}

async function report(ctx: StepContext) {
  const waveId = ref(ctx, 'wave1');
  const r = await closeAndRead(ctx, waveId);
  return {
    ok: true as const,
    actorId: r.hr.id,
    params: {
      unit: r.unit.name,
      dimension: r.name,
      score: r.score,
      company: r.company,
      k: r.k,
      responses: r.responses,
    },
    link: '/hr/report',
  };
}

async function followUp(ctx: StepContext) {
  const hr = await demoPerson(ctx.db, 'lin.xiaowen');
  const owner = await demoPerson(ctx.db, OWNER);
  const unit = await unitByPath(ctx.db, UNIT);
  const f = need(
    await createFollowUp(ctx.db, {
      title: '需求交接清单：产品与研发每周对齐一次，交接项逐条确认 / Weekly requirements handover checklist',
      ownerId: owner.id,
      dueDate: ymd(new Date(ctx.at.getTime() + 21 * DAY)),
      waveId: ref(ctx, 'wave1'),
      unitId: unit.id,
      creator: hr,
      today: ymd(ctx.at),
    }),
  );
  return {
    ok: true as const,
    actorId: hr.id,
    params: { hr: hr.name, owner: owner.name, unit: unit.name },
    refs: { followUp: f.followUp.id },
    link: '/team',
  };
}

async function done(ctx: StepContext) {
  const owner = await demoPerson(ctx.db, OWNER);
  const id = ref(ctx, 'followUp');
  need(await setFollowUpStatus(ctx.db, id, 'in_progress', owner));
  need(await setFollowUpStatus(ctx.db, id, 'done', owner));
  return { ok: true as const, actorId: owner.id, params: { owner: owner.name }, link: '/team' };
}

async function nextWave(ctx: StepContext) {
  const w = await launchCompanyWave(ctx);
  const n = await answer(ctx, w.waveId, false, seedOf(2));
  return {
    ok: true as const,
    actorId: w.hr.id,
    params: { hr: w.hr.name, answered: n },
    refs: { wave2: w.waveId },
    link: '/hr/report',
  };
}

async function resolved(ctx: StepContext) {
  const before = await closeAndRead(ctx, ref(ctx, 'wave1'));
  const waveId = ref(ctx, 'wave2');
  const after = await closeAndRead(ctx, waveId);
  const f = await getFollowUp(ctx.db, ref(ctx, 'followUp'));
  if (f?.status !== 'done') refuse('follow_up_open');
  const owner = await personById(ctx.db, f.ownerId);
  return {
    ok: true as const,
    actorId: after.hr.id,
    params: {
      unit: after.unit.name,
      dimension: after.name,
      before: before.score,
      after: after.score,
      owner: owner.name,
    },
    link: '/hr/report',
  };
}

export const PULSE_STEPS: Record<string, StepFn> = {
  launch,
  report,
  'follow-up': followUp,
  done,
  'next-wave': nextWave,
  resolved,
};
