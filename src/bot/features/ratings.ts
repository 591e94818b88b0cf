// Manager ratings in chat: HR opens/closes cycles, imports indicators and defines schemes and courses;
// raters rate on one card (changeable until close); people see their own results; managers and HR get
// the team report; a recommended course can be requested through the approval engine.
import { and, eq } from 'drizzle-orm';
import { recommendationCard, ratingsReportCard } from '../../../cards/rating.js';
import { confirmationCard, errorCard } from '../../../cards/notice.js';
import { resultCard } from '../../../cards/rating.js';
import { formatDate } from '../../../cards/survey.js';
import { ratingResults, recommendations } from '../../db/schema.js';
import { submitRequest } from '../../domain/approvals/requests.js';
import { findByEmail } from '../../domain/org/employees.js';
import { allUnits, findUnit } from '../../domain/org/units.js';
import { canViewRatingsOf } from '../../domain/ratings/access.js';
import { addCourse, getCourse, listCourses } from '../../domain/ratings/courses.js';
import { closeCycle, createScheme, getCycle, importIndicators, listSchemes, openCycle, submitRatings, type RateProblem } from '../../domain/ratings/cycles.js';
import { ratingsReport, resultsOf } from '../../domain/ratings/report.js';
import { audit } from '../../domain/audit.js';
import { type MessageKey } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { Router } from '../router.js';
import { publishRequest } from './approval-views.js';
import { appUrl } from '../app-links.js';
import { announce, askRater, raterCardFor } from './rating-notices.js';

const DAY = 86_400_000;
const isHr = (ctx: HandlerContext) => ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin');
const hrOnly = (ctx: HandlerContext) => ctx.reply(errorCard(ctx.t('error.forbidden'), ctx.t));

function open(ctx: HandlerContext, words: string[]): void {
  const [schemeRef = '', ...rest] = words;
  let days = 14;
  if (rest.length && /^\d+$/.test(rest.at(-1)!)) days = Number(rest.pop());
  const unit = findUnit(allUnits(ctx.db), rest.join(' '));
  if (!schemeRef || !unit) return ctx.reply(errorCard(unit ? ctx.t('rating.usage') : ctx.t('survey.error.unknownUnit', { unit: rest.join(' ') }), ctx.t));
  if (days < 1 || days > 90) return ctx.reply(errorCard(ctx.t('rating.error.days'), ctx.t));
  const r = openCycle(ctx.db, { schemeRef, unitId: unit.id, closesAt: new Date(ctx.now.getTime() + days * DAY), now: ctx.now, actor: { kind: 'employee', employeeId: ctx.person.id } });
  if (!r.ok) return ctx.reply(errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t));
  for (const rater of r.raters) askRater(ctx.db, ctx.notify, ctx.config, r.cycle, rater);
  ctx.reply(confirmationCard(ctx.t('rating.opened.title'), ctx.t('rating.opened.body', { id: r.cycle.id, unit: unit.name, raters: r.raters.length, closes: formatDate(r.cycle.closesAt, ctx.locale, ctx.config.defaultTimezone) })));
}

function close(ctx: HandlerContext, ref: string): void {
  const r = closeCycle(ctx.db, { cycleId: Number(ref.replace('#', '')), now: ctx.now, actor: { kind: 'employee', employeeId: ctx.person.id } });
  if (!r.ok) return ctx.reply(errorCard(ctx.t(`rating.error.${r.code}` as MessageKey), ctx.t));
  announce(ctx.db, ctx.notify, r, ctx.config);
  ctx.reply(confirmationCard(ctx.t('rating.closed.title'), ctx.t('rating.closed.body', { id: r.cycle.id, people: r.results.length, recs: r.recommendations.length })));
}

function ownOrSomeone(ctx: HandlerContext, who: string): void {
  const subject = who ? findByEmail(ctx.db, who) : ctx.person;
  // The same answer for "does not exist" and "not yours": no probing who is in the org.
  if (!subject || !canViewRatingsOf(ctx.db, ctx.person, subject.id)) return ctx.reply(errorCard(ctx.t('rating.error.forbidden'), ctx.t));
  if (subject.id !== ctx.person.id) audit(ctx.db, { kind: 'employee', employeeId: ctx.person.id }, 'rating.view', String(subject.id));
  const results = resultsOf(ctx.db, subject.id);
  if (results.length === 0) return ctx.reply(confirmationCard(ctx.t('rating.none.title'), ctx.t('rating.none.body', { name: subject.name })));
  const [latest, previous] = results;
  ctx.reply(
    resultCard(
      {
        schemeName: `${latest!.scheme.name[ctx.locale]} · ${subject.name}`,
        cycleId: latest!.cycleId,
        dims: latest!.scheme.dimensions.map((d) => ({ name: d.name[ctx.locale], weight: d.weight, score: latest!.scores[d.key] })),
        composite: latest!.composite,
        previous: previous && previous.scheme.key === latest!.scheme.key ? previous.composite : undefined,
        missing: latest!.missing.map((k) => latest!.scheme.dimensions.find((d) => d.key === k)?.name[ctx.locale] ?? k),
        comments: latest!.comments,
        // Only your own result has a page in the app; someone else's (a rater, HR) is read here.
        appUrl: subject.id === ctx.person.id ? appUrl(ctx.config, '/ratings') : undefined,
      },
      ctx.t,
    ),
  );
}

export function ratingsReportReply(ctx: HandlerContext, words: string[]): void {
  let cycleId: number | undefined;
  const unitWords: string[] = [];
  for (const w of words) {
    if (/^#\d+$/.test(w) || (/^\d+$/.test(w) && cycleId === undefined && unitWords.length === 0)) cycleId = Number(w.replace('#', ''));
    else unitWords.push(w);
  }
  const unit = unitWords.length ? findUnit(allUnits(ctx.db), unitWords.join(' ')) : undefined;
  if (unitWords.length && !unit) return ctx.reply(errorCard(ctx.t('survey.error.unknownUnit', { unit: unitWords.join(' ') }), ctx.t));
  const r = ratingsReport(ctx.db, { viewer: ctx.person, cycleId, unitId: unit?.id });
  if (!r.ok) return ctx.reply(errorCard(ctx.t(r.code === 'forbidden' ? 'report.error.forbidden' : (`rating.error.${r.code}` as MessageKey)), ctx.t));
  const rep = r.report;
  const L = ctx.locale;
  const dimName = (k: string) => rep.cycle.scheme.dimensions.find((d) => d.key === k)?.name[L] ?? k;
  ctx.reply(
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
        recognise: rep.recognise.map((x) => ({ ...x, dimension: dimName(x.dimension) })),
        appUrl: appUrl(ctx.config, '/team/ratings'),
      },
      ctx.t,
    ),
  );
}

function submit(ctx: HandlerContext, cycleId: number, values: Record<string, string | string[]>): CoreResponse {
  const r = submitRatings(ctx.db, { cycleId, raterId: ctx.person.id, values, now: ctx.now });
  const cycle = getCycle(ctx.db, cycleId);
  if (!r.ok) {
    if (r.code === 'unknown_cycle' || !cycle) return { outcome: 'handled', card: errorCard(ctx.t('error.cardExpired.body'), ctx.t), toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' } };
    if (r.code === 'closed') return { outcome: 'invalid', toast: { text: ctx.t('rating.error.closed'), tone: 'warning' }, card: errorCard(ctx.t('rating.error.closed'), ctx.t) };
    const fieldErrors = Object.fromEntries(Object.entries(r.fields ?? {}).map(([f, p]: [string, RateProblem]) => [f, ctx.t(`rating.field.${p}` as MessageKey)]));
    return { outcome: 'invalid', fieldErrors, toast: { text: ctx.t(r.code === 'not_rater' ? 'rating.error.not_rater' : 'error.invalidInput'), tone: 'error' } };
  }
  return { outcome: 'handled', card: raterCardFor(ctx.db, ctx.config, cycle!, ctx.person.id, ctx.locale, { saved: r.changed }), toast: { text: ctx.t('rating.saved', { n: r.changed }), tone: 'success' } };
}

function enrol(ctx: HandlerContext, recId: number): CoreResponse {
  const rec = ctx.db.select().from(recommendations).where(eq(recommendations.id, recId)).get();
  if (!rec || rec.employeeId !== ctx.person.id) return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
  const course = getCourse(ctx.db, rec.courseId)!;
  const cycle = getCycle(ctx.db, rec.cycleId)!;
  const result = ctx.db.select({ scores: ratingResults.scores }).from(ratingResults).where(and(eq(ratingResults.cycleId, rec.cycleId), eq(ratingResults.employeeId, rec.employeeId))).get();
  const score = result ? ((JSON.parse(result.scores) as Record<string, number>)[rec.dimension] ?? 0) : 0;
  const view = (requested: boolean) =>
    recommendationCard({ person: ctx.person.name, dimension: cycle.scheme.dimensions.find((d) => d.key === rec.dimension)?.name[ctx.locale] ?? rec.dimension, reason: rec.reason, score, course: ctx.locale === 'en' ? course.nameEn : course.nameZh, url: course.url, recommendationId: rec.id, forManager: false, requested, appUrl: appUrl(ctx.config, '/ratings') }, ctx.t);
  if (rec.requestId) return { outcome: 'handled', card: view(true), toast: { text: ctx.t('rating.rec.already'), tone: 'info' } };
  const r = submitRequest(ctx.db, { applicantId: ctx.person.id, payload: { kind: 'training', courseId: course.id, recommendationId: rec.id }, now: ctx.now });
  if (!r.ok) return { outcome: 'invalid', toast: { text: ctx.t('approval.error.not_found'), tone: 'error' } };
  ctx.db.update(recommendations).set({ requestId: r.request.id }).where(eq(recommendations.id, rec.id)).run();
  publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
  return { outcome: 'handled', card: view(true), toast: { text: ctx.t('rating.rec.requestedToast'), tone: 'success' } };
}

export function registerRatings(router: Router): Router {
  return router
    .command({
      name: 'rating',
      aliases: ['评价'],
      summary: 'cmd.rating.summary',
      run(ctx, args) {
        const m = /^(\S*)\s*([\s\S]*)$/.exec(args.trim())!;
        const sub = m[1]!.toLowerCase();
        const rest = m[2]!;
        const words = rest.split(/\s+/).filter(Boolean);
        if (['open', 'close', 'import', 'scheme', 'schemes'].includes(sub) && !isHr(ctx)) return hrOnly(ctx);
        if (sub === 'open') return open(ctx, words);
        if (sub === 'close') return close(ctx, words[0] ?? '');
        if (sub === 'import') {
          const [first = '', ...lines] = rest.split('\n');
          const r = importIndicators(ctx.db, { cycleId: Number(first.trim().replace('#', '')), csv: lines.join('\n'), actor: { kind: 'employee', employeeId: ctx.person.id }, now: ctx.now });
          return ctx.reply(r.ok ? confirmationCard(ctx.t('rating.imported.title'), ctx.t('rating.imported.body', { n: r.imported })) : errorCard([ctx.t(`rating.error.${r.code}` as MessageKey), ...r.problems.map((p) => ctx.t('rating.error.line', { line: p.line, reason: p.reason }))].join('\n'), ctx.t));
        }
        if (sub === 'schemes') {
          const rows = listSchemes(ctx.db).map(({ scheme }) => `- **${scheme.key}** ${scheme.name[ctx.locale]}: ${scheme.dimensions.map((d) => `${d.name[ctx.locale]} ${d.weight}%`).join(' · ')}`);
          return ctx.reply({ header: { title: ctx.t('rating.schemes'), tone: 'neutral' }, blocks: [{ type: 'text', markdown: rows.join('\n') }] });
        }
        if (sub === 'scheme') {
          let data: unknown;
          try {
            data = JSON.parse(rest);
          } catch {
            return ctx.reply(errorCard(ctx.t('rating.error.json'), ctx.t));
          }
          const r = createScheme(ctx.db, data, { kind: 'employee', employeeId: ctx.person.id });
          return ctx.reply(r.ok ? confirmationCard(ctx.t('rating.scheme.created'), `#${r.id}`) : errorCard(`${ctx.t('rating.error.scheme')}\n${r.detail}`, ctx.t));
        }
        // No subcommand: the rater's own cards for every open cycle they rate in.
        const open_ = ctx.db.$client.prepare('select c.id from rating_cycles c join rating_raters r on r.cycle_id = c.id where c.closed_at is null and r.rater_id = ?').all(ctx.person.id) as { id: number }[];
        if (open_.length === 0) return ctx.reply(confirmationCard(ctx.t('rating.nothing.title'), ctx.t('rating.usage')));
        for (const c of open_) askRater(ctx.db, ctx.notify, ctx.config, getCycle(ctx.db, c.id)!, ctx.person.id);
      },
    })
    .command({ name: 'ratings', aliases: ['我的评价'], summary: 'cmd.ratings.summary', run: (ctx, args) => ownOrSomeone(ctx, args.trim()) })
    .command({
      name: 'courses',
      aliases: ['课程'],
      summary: 'cmd.courses.summary',
      run(ctx, args) {
        const m = /^add\s+([\s\S]+)$/i.exec(args.trim());
        if (m) {
          if (!isHr(ctx)) return hrOnly(ctx);
          let data: unknown;
          try {
            data = JSON.parse(m[1]!);
          } catch {
            return ctx.reply(errorCard(ctx.t('rating.error.json'), ctx.t));
          }
          const r = addCourse(ctx.db, data, { kind: 'employee', employeeId: ctx.person.id });
          return ctx.reply(r.ok ? confirmationCard(ctx.t('course.added'), `#${r.id}`) : errorCard(r.detail, ctx.t));
        }
        const rows = listCourses(ctx.db).map((c) => `- **${ctx.locale === 'en' ? c.nameEn : c.nameZh}** · ${c.dimension}`);
        ctx.reply({ header: { title: ctx.t('course.title'), tone: 'neutral' }, blocks: [{ type: 'text', markdown: rows.join('\n') || '—' }] });
      },
    })
    .action({
      k: 'rating.submit',
      form: (ctx, action) => {
        const cycle = getCycle(ctx.db, Number(action.id));
        return cycle ? raterCardFor(ctx.db, ctx.config, cycle, ctx.person.id, ctx.locale) : undefined;
      },
      run: (ctx, action, values) => submit(ctx, Number(action.id), values ?? {}),
    })
    .action({ k: 'course.enrol', run: (ctx, action) => enrol(ctx, Number(action.id)) });
}

