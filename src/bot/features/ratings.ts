// Manager ratings in chat: HR opens/closes cycles, imports indicators and defines schemes and courses;
// raters rate on one card (changeable until close); people see their own results; managers and HR get
// the team report; a recommended course can be requested through the approval engine.
import { coursesCard } from '../../../cards/courses.js';
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { issuesText } from '../../i18n/issues.js';
import { importProblemLines, ratingsReportCard, schemesCard } from '../../../cards/rating.js';
import { formatDate } from '../../../cards/survey.js';
import { findByEmail } from '../../domain/org/employees.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import { canViewRatingsOf } from '../../domain/ratings/access.js';
import { addCourse, dimensionLabel, enrolInRecommendation, listCourses } from '../../domain/ratings/courses.js';
import {
  createScheme,
  getCycle,
  importIndicators,
  leftOut,
  listSchemes,
  noRaterAssignments,
  openCycle,
  requestClose,
  submitRatings,
  type Closed,
  type RateProblem,
} from '../../domain/ratings/cycles.js';
import { unclosedCyclesRatedBy } from '../../domain/ratings/rater-status.js';
import { ratingsReport, resultsOf } from '../../domain/ratings/report.js';
import { audit } from '../../domain/audit.js';
import { getTalk, markTalkDone } from '../../domain/growth/talks.js';
import { acknowledgeFeedback, shareFeedback } from '../../domain/growth/feedback.js';
import { feedbackCardRenderer, publishAcknowledged, publishFeedback } from './feedback-notices.js';
import { type MessageKey } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse, Locale } from '../port.js';
import type { Router } from '../router.js';
import { appUrl } from '../app-links.js';
import {
  announce,
  askRater,
  closePreviewCardFor,
  publishEnrolment,
  raterCardFor,
  recommendationCardFor,
  resultCardFor,
  talkCardRenderer,
} from './rating-notices.js';

const DAY = 86_400_000;
const isHr = (ctx: HandlerContext) => ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');
const hrOnly = (ctx: HandlerContext) => ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));

async function open(ctx: HandlerContext, words: string[]): Promise<void> {
  const [schemeRef = '', ...rest] = words;
  let days = 14;
  if (rest.length && /^\d+$/.test(rest.at(-1)!)) days = Number(rest.pop());
  const unit = findUnit(await allUnits(ctx.db), rest.join(' '));
  if (!schemeRef || !unit)
    return ctx.reply(
      unit
        ? usageCard(ctx.t('rating.usage'), ctx.t)
        : errorCard(ctx.t('survey.error.unknownUnit', { unit: rest.join(' ') }), ctx.t),
    );
  if (days < 1 || days > 90) return ctx.reply(errorCard(ctx.t('rating.error.days'), ctx.t));
  const r = await openCycle(ctx.db, {
    schemeRef,
    unitId: unit.id,
    closesAt: new Date(ctx.now.getTime() + days * DAY),
    now: ctx.now,
    actor: { kind: 'employee', employeeId: ctx.person.id },
  });
  if (!r.ok) return ctx.reply(errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t));
  for (const rater of r.raters) await askRater(ctx.db, ctx.notify, ctx.config, r.cycle, rater);
  // HR reads, at once, who has no rater on which dimension and why (their composite will leave it out).
  const noRater = (await noRaterAssignments(ctx.db, r.cycle)).map(
    (a) =>
      `- ${ctx.t('rating.noRater.line', { name: a.name, dimension: a.dimension.name[ctx.locale], reason: ctx.t(`rating.noRater.${a.reason}`) })}`,
  );
  const body = ctx.t('rating.opened.body', {
    id: r.cycle.id,
    unit: unit.name,
    raters: r.raters.length,
    closes: formatDate(r.cycle.closesAt, ctx.locale, ctx.config.defaultTimezone),
  });
  await ctx.reply(
    confirmationCard(
      ctx.t('rating.opened.title'),
      noRater.length ? `${body}\n${ctx.t('rating.opened.noRater')}\n${noRater.join('\n')}` : body,
    ),
  );
}

/** "Cycle #n closed", with the dimensions left out where missing. */
function closedBody(t: HandlerContext['t'], locale: Locale, r: Closed): string {
  const body = t('rating.closed.body', { id: r.cycle.id, people: r.results.length, recs: r.recommendations.length });
  const out = leftOut(r.coverage).map((c) =>
    t('rating.close.line', { dimension: c.name[locale], missing: c.of - c.filled, of: c.of }),
  );
  return out.length ? `${body}\n${t('rating.closed.leftOut', { dims: out.join('; ') })}` : body;
}

/** `/rating close <n>`: closes at once when everything is filled; otherwise shows what is missing, to confirm. */
async function close(ctx: HandlerContext, ref: string): Promise<void> {
  const r = await requestClose(ctx.db, {
    cycleId: Number(ref.replace('#', '')),
    now: ctx.now,
    actor: { kind: 'employee', employeeId: ctx.person.id },
  });
  if (!r.ok && (r.code === 'needs_confirm' || r.code === 'stale'))
    return ctx.reply(closePreviewCardFor(r.preview, ctx.locale));
  if (!r.ok) return ctx.reply(errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t));
  await announce(ctx.db, ctx.notify, r, ctx.config);
  await ctx.reply(confirmationCard(ctx.t('rating.closed.title'), closedBody(ctx.t, ctx.locale, r)));
}

/** The confirmation card's button: closes only if nothing changed since the summary it shows. */
async function confirmClose(ctx: HandlerContext, cycleId: number, fingerprint: string): Promise<CoreResponse> {
  if (!isHr(ctx)) return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
  const r = await requestClose(ctx.db, {
    cycleId,
    confirm: fingerprint,
    now: ctx.now,
    actor: { kind: 'employee', employeeId: ctx.person.id },
  });
  if (!r.ok && (r.code === 'needs_confirm' || r.code === 'stale'))
    return {
      outcome: 'invalid',
      card: closePreviewCardFor(r.preview, ctx.locale, true),
      toast: { text: ctx.t('rating.error.stale'), tone: 'warning' },
    };
  if (!r.ok)
    return {
      outcome: 'invalid',
      card: errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t),
      toast: { text: ctx.t(`rating.error.${r.code}` as MessageKey), tone: 'warning' },
    };
  await announce(ctx.db, ctx.notify, r, ctx.config);
  return {
    outcome: 'handled',
    card: confirmationCard(ctx.t('rating.closed.title'), closedBody(ctx.t, ctx.locale, r)),
    toast: { text: ctx.t('rating.closed.title'), tone: 'success' },
  };
}

/** `/rating import <n>` then CSV lines: the first line must be just the cycle number. */
async function importCsv(ctx: HandlerContext, rest: string): Promise<void> {
  const [first = '', ...lines] = rest.split(/\r?\n/);
  const ref = /^#?(\d+)$/.exec(first.trim());
  // A composer that joins lines (or a missing number) arrives as "1 email,dimension,…": say how to write it.
  if (!ref || lines.every((l) => l.trim() === ''))
    return ctx.reply(usageCard(ctx.t('rating.error.importUsage'), ctx.t));
  const r = await importIndicators(ctx.db, {
    cycleId: Number(ref[1]),
    csv: lines.join('\n'),
    actor: { kind: 'employee', employeeId: ctx.person.id },
    now: ctx.now,
  });
  if (r.ok)
    return ctx.reply(
      confirmationCard(ctx.t('rating.imported.title'), ctx.t('rating.imported.body', { n: r.imported })),
    );
  const problems = importProblemLines(r.problems, ctx.t);
  await ctx.reply(
    errorCard(
      [
        ctx.t(`rating.error.${r.code}` as MessageKey),
        ...problems,
        ...(problems.length ? [ctx.t('rating.import.fix')] : []),
      ].join('\n'),
      ctx.t,
    ),
  );
}

async function ownOrSomeone(ctx: HandlerContext, who: string): Promise<void> {
  const subject = who ? await findByEmail(ctx.db, who) : ctx.person;
  // The same answer for "does not exist" and "not yours": no probing who is in the org.
  if (!subject || !(await canViewRatingsOf(ctx.db, ctx.person, subject.id)))
    return ctx.reply(refusalCard(ctx.t('rating.error.forbidden'), ctx.t, ctx.t('refusal.ownRatings')));
  if (subject.id !== ctx.person.id)
    await audit(ctx.db, { kind: 'employee', employeeId: ctx.person.id }, 'rating.view', String(subject.id));
  const results = await resultsOf(ctx.db, subject.id);
  if (results.length === 0)
    return ctx.reply(confirmationCard(ctx.t('rating.none.title'), ctx.t('rating.none.body', { name: subject.name })));
  const [latest, previous] = results;
  await ctx.reply(
    resultCardFor(
      { ...latest!, previous: previous && previous.scheme.key === latest!.scheme.key ? previous.composite : undefined },
      ctx.locale,
      // Only your own result has a page in the app; someone else's (a rater, HR) is read here.
      {
        title: `${latest!.scheme.name[ctx.locale]} · ${subject.name}`,
        appUrl: subject.id === ctx.person.id ? appUrl(ctx.config, '/ratings') : undefined,
      },
    ),
  );
}

export async function ratingsReportReply(ctx: HandlerContext, words: string[]): Promise<void> {
  let cycleId: number | undefined;
  const unitWords: string[] = [];
  for (const w of words) {
    if (/^#\d+$/.test(w) || (/^\d+$/.test(w) && cycleId === undefined && unitWords.length === 0))
      cycleId = Number(w.replace('#', ''));
    else unitWords.push(w);
  }
  const unit = unitWords.length ? findUnit(await allUnits(ctx.db), unitWords.join(' ')) : undefined;
  if (unitWords.length && !unit)
    return ctx.reply(errorCard(ctx.t('survey.error.unknownUnit', { unit: unitWords.join(' ') }), ctx.t));
  const r = await ratingsReport(ctx.db, { viewer: ctx.person, cycleId, unitId: unit?.id });
  if (!r.ok)
    return ctx.reply(
      r.code === 'forbidden'
        ? refusalCard(ctx.t('report.error.forbidden'), ctx.t)
        : errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t),
    );
  const rep = r.report;
  const L = ctx.locale;
  const dimName = (k: string) => rep.cycle.scheme.dimensions.find((d) => d.key === k)?.name[L] ?? k;
  await ctx.reply(
    ratingsReportCard(
      {
        title: `${rep.cycle.scheme.name[L]} · ${ctx.t('rating.cycle', { id: rep.cycle.id })}`,
        unit: rep.unit.name,
        people: rep.people,
        compositeAvg: rep.compositeAvg,
        previousCompositeAvg: rep.previousCompositeAvg,
        distribution: rep.distribution,
        averages: rep.averages.map((a) => ({ name: a.name[L], avg: a.avg, previous: a.previous })),
        notRated: rep.notRated.map((n) => ({ name: n.name, missing: n.missing.map(dimName).join(', ') })),
        coverage: rep.coverage.map((c) => ({ name: c.name[L], filled: c.filled, of: c.of })),
        recognise: rep.recognise.map(({ employeeId, ...x }) => ({
          ...x,
          dimension: dimName(x.dimension),
          nominate: { k: 'nominate.open', id: String(employeeId) },
        })),
        appUrl: appUrl(ctx.config, '/team/ratings'),
      },
      ctx.t,
    ),
  );
}

async function submit(
  ctx: HandlerContext,
  cycleId: number,
  values: Record<string, string | string[]>,
): Promise<CoreResponse> {
  const r = await submitRatings(ctx.db, { cycleId, raterId: ctx.person.id, values, now: ctx.now });
  const cycle = await getCycle(ctx.db, cycleId);
  if (!r.ok) {
    if (r.code === 'unknown_cycle' || !cycle)
      return {
        outcome: 'handled',
        card: errorCard(ctx.t('error.cardExpired.body'), ctx.t),
        toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
      };
    if (r.code === 'closed')
      return {
        outcome: 'invalid',
        toast: { text: ctx.t('rating.error.closed'), tone: 'warning' },
        card: errorCard(ctx.t('rating.error.closed'), ctx.t),
      };
    const fieldErrors = Object.fromEntries(
      Object.entries(r.fields ?? {}).map(([f, p]: [string, RateProblem]) => [
        f,
        ctx.t(`rating.field.${p}` as MessageKey),
      ]),
    );
    return {
      outcome: 'invalid',
      fieldErrors,
      toast: { text: ctx.t(r.code === 'not_rater' ? 'rating.error.not_rater' : 'error.invalidInput'), tone: 'error' },
    };
  }
  return {
    outcome: 'handled',
    card: await raterCardFor(ctx.db, ctx.config, cycle!, ctx.person.id, ctx.locale, { saved: r.changed }),
    toast: { text: ctx.t('rating.saved', { n: r.changed }), tone: 'success' },
  };
}

async function enrol(ctx: HandlerContext, recId: number): Promise<CoreResponse> {
  const r = await enrolInRecommendation(ctx.db, { recommendationId: recId, employeeId: ctx.person.id, now: ctx.now });
  const view = async () =>
    await recommendationCardFor(ctx.db, recId, ctx.locale, {
      forManager: false,
      appUrl: appUrl(ctx.config, '/ratings'),
    });
  if (!r.ok && r.code === 'already')
    return { outcome: 'handled', card: await view(), toast: { text: ctx.t('rating.rec.already'), tone: 'info' } };
  if (!r.ok)
    return {
      outcome: 'invalid',
      toast: {
        text: ctx.t(r.code === 'not_found' ? 'rating.error.enrol_not_found' : 'approval.error.not_found'),
        tone: 'error',
      },
    };
  await publishEnrolment(ctx.db, ctx.notify, ctx.config, recId, r);
  return {
    outcome: 'handled',
    card: await view(),
    toast: { text: ctx.t('rating.rec.requestedToast'), tone: 'success' },
  };
}

/** `/rating share <email> <comment>`: feedback to a person now; both get a card (feedback-notices.ts). */
async function share(ctx: HandlerContext, rest: string): Promise<void> {
  const m = /^(\S+)\s+([\s\S]+)$/.exec(rest.trim());
  if (!m) return ctx.reply(usageCard(ctx.t('feedback.usage'), ctx.t));
  const subject = await findByEmail(ctx.db, m[1]!);
  const r = await shareFeedback(ctx.db, {
    actor: ctx.person,
    body: { subjectId: subject?.id ?? 0, comment: m[2]! },
    now: ctx.now,
  });
  if (!r.ok) {
    // An unknown e-mail answers like someone you do not rate: no probing who is in the org.
    const code = r.code === 'invalid' && r.field === 'subjectId' ? 'not_rater' : r.code;
    return ctx.reply(errorCard(ctx.t(`feedback.error.${code}`), ctx.t));
  }
  await publishFeedback(ctx.db, ctx.notify, ctx.config, r.feedback);
}

/** The person acknowledges feedback from its card; the rater's copy says so. */
async function acknowledge(ctx: HandlerContext, feedbackId: number): Promise<CoreResponse> {
  const r = await acknowledgeFeedback(ctx.db, { feedbackId, actor: ctx.person, now: ctx.now });
  if (!r.ok && r.code === 'not_found')
    return { outcome: 'invalid', toast: { text: ctx.t('feedback.error.not_found'), tone: 'error' } };
  const f = r.ok ? r.feedback : r.feedback!;
  if (r.ok) await publishAcknowledged(ctx.db, ctx.notify, ctx.config, f);
  const card = (await feedbackCardRenderer(ctx.db, ctx.config, f, false))(ctx.locale);
  return r.ok
    ? { outcome: 'handled', card, toast: { text: ctx.t('feedback.acked'), tone: 'success' } }
    : { outcome: 'handled', card, toast: { text: ctx.t('feedback.error.already'), tone: 'info' } };
}

/** The manager marks a performance conversation held from its card; anyone else is told it is not theirs. */
async function talkDone(ctx: HandlerContext, talkId: number): Promise<CoreResponse> {
  const r = await markTalkDone(ctx.db, { talkId, actor: ctx.person, now: ctx.now });
  if (!r.ok && r.code === 'not_found')
    return { outcome: 'invalid', toast: { text: ctx.t('talk.error.not_found'), tone: 'error' } };
  const talk = r.ok ? r.talk : (await getTalk(ctx.db, talkId))!;
  const card = (await talkCardRenderer(ctx.db, ctx.config, talk))(ctx.locale);
  return r.ok
    ? { outcome: 'handled', card, toast: { text: ctx.t('talk.done'), tone: 'success' } }
    : { outcome: 'handled', card, toast: { text: ctx.t('talk.error.already_done'), tone: 'info' } };
}

export function registerRatings(router: Router): Router {
  return router
    .command({
      name: 'rating',
      aliases: ['评价'],
      summary: 'cmd.rating.summary',
      async run(ctx, args) {
        const m = /^(\S*)\s*([\s\S]*)$/.exec(args.trim())!;
        const sub = m[1]!.toLowerCase();
        const rest = m[2]!;
        const words = rest.split(/\s+/).filter(Boolean);
        if (['open', 'close', 'import', 'scheme', 'schemes'].includes(sub) && !isHr(ctx)) return hrOnly(ctx);
        if (sub === 'open') return await open(ctx, words);
        if (sub === 'close') return await close(ctx, words[0] ?? '');
        if (sub === 'import') return await importCsv(ctx, rest);
        if (sub === 'share' || sub === '分享') return await share(ctx, rest);
        if (sub === 'schemes')
          return ctx.reply(
            schemesCard(
              (await listSchemes(ctx.db)).map(({ scheme }) => ({
                key: scheme.key,
                name: scheme.name[ctx.locale],
                dimensions: scheme.dimensions.map((d) => ({ name: d.name[ctx.locale], weight: d.weight })),
              })),
              ctx.t,
            ),
          );
        if (sub === 'scheme') {
          let data: unknown;
          try {
            data = JSON.parse(rest);
          } catch {
            return ctx.reply(errorCard(ctx.t('rating.error.json'), ctx.t));
          }
          const r = await createScheme(ctx.db, data, { kind: 'employee', employeeId: ctx.person.id });
          return ctx.reply(
            r.ok
              ? confirmationCard(ctx.t('rating.scheme.created'), `#${r.id}`)
              : errorCard(`${ctx.t('rating.error.scheme')}\n${issuesText(r.issues, ctx.t)}`, ctx.t),
          );
        }
        // No subcommand: the rater's own cards for every open cycle they rate in.
        const open_ = await unclosedCyclesRatedBy(ctx.db, ctx.person.id);
        if (open_.length === 0)
          return ctx.reply(confirmationCard(ctx.t('rating.nothing.title'), ctx.t('rating.usage')));
        for (const id of open_)
          await askRater(ctx.db, ctx.notify, ctx.config, (await getCycle(ctx.db, id))!, ctx.person.id);
      },
    })
    .command({
      name: 'ratings',
      aliases: ['我的评价'],
      summary: 'cmd.ratings.summary',
      run: async (ctx, args) => await ownOrSomeone(ctx, args.trim()),
    })
    .command({
      name: 'courses',
      aliases: ['课程'],
      summary: 'cmd.courses.summary',
      async run(ctx, args) {
        const m = /^add\s+([\s\S]+)$/i.exec(args.trim());
        if (m) {
          if (!isHr(ctx)) return hrOnly(ctx);
          let data: unknown;
          try {
            data = JSON.parse(m[1]!);
          } catch {
            return ctx.reply(errorCard(ctx.t('rating.error.json'), ctx.t));
          }
          const r = await addCourse(ctx.db, data, { kind: 'employee', employeeId: ctx.person.id });
          return ctx.reply(
            r.ok ? confirmationCard(ctx.t('course.added'), `#${r.id}`) : errorCard(issuesText(r.issues, ctx.t), ctx.t),
          );
        }
        await ctx.reply(
          coursesCard(
            await Promise.all(
              (await listCourses(ctx.db)).map(async (c) => ({
                name: ctx.locale === 'en' ? c.nameEn : c.nameZh,
                dimension: await dimensionLabel(ctx.db, c.dimension, ctx.locale),
              })),
            ),
            ctx.t,
          ),
        );
      },
    })
    .action({
      k: 'rating.submit',
      form: async (ctx, action) => {
        const cycle = await getCycle(ctx.db, Number(action.id));
        return cycle ? await raterCardFor(ctx.db, ctx.config, cycle, ctx.person.id, ctx.locale) : undefined;
      },
      run: async (ctx, action, values) => await submit(ctx, Number(action.id), values ?? {}),
    })
    .action({
      k: 'rating.close',
      run: async (ctx, action) => await confirmClose(ctx, Number(action.id), action.v ?? ''),
    })
    .action({ k: 'course.enrol', run: async (ctx, action) => await enrol(ctx, Number(action.id)) })
    .action({ k: 'talk.done', run: async (ctx, action) => await talkDone(ctx, Number(action.id)) })
    .action({ k: 'feedback.ack', run: async (ctx, action) => await acknowledge(ctx, Number(action.id)) });
}
