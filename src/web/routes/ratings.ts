// Ratings for everyone and for managers: my own results and recommended courses (enrolling goes through
// the approval engine, like the chat card's button); the team report (scope enforced by ratingsReport)
// and the rater's form for each open cycle. Writes reuse the chat's domain calls inside one transaction
// with the outbox rows they cause, so the chat cards (rater card, recommendation card) stay in step.
import type { FastifyInstance } from 'fastify';
import { publishEnrolment, raterCardFor, raterCardKey } from '../../bot/features/rating-notices.js';
import { canViewRatingsOf } from '../../domain/ratings/access.js';
import { enrolInRecommendation, getCourse } from '../../domain/ratings/courses.js';
import {
  commentField,
  getCycle,
  ratingField,
  raterTasks,
  submitRatings,
  type Cycle,
} from '../../domain/ratings/cycles.js';
import { ratingsReport, resultsOf } from '../../domain/ratings/report.js';
import { recommendationsOf } from '../../domain/ratings/recommendations.js';
import { unclosedCyclesRatedBy } from '../../domain/ratings/rater-status.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { audit } from '../../domain/audit.js';
import { LOCALES, type MessageKey } from '../../i18n/index.js';
import { notifierOf, requireManager, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

const dimName = (cycle: Pick<Cycle, 'scheme'>, key: string, v: Viewer) =>
  cycle.scheme.dimensions.find((d) => d.key === key)?.name[v.locale] ?? key;

async function resultsJson(deps: WebDeps, v: Viewer, employeeId: number) {
  const results = await resultsOf(deps.db, employeeId);
  return results.map((r, i) => {
    // "Change since last cycle" compares like with like: the previous result of the same scheme.
    const previous = results.slice(i + 1).find((p) => p.scheme.key === r.scheme.key);
    return {
      cycleId: r.cycleId,
      scheme: r.scheme.name[v.locale],
      closedAt: r.closedAt,
      composite: r.composite,
      previous: previous?.composite ?? null,
      dimensions: r.scheme.dimensions.map((d) => ({
        key: d.key,
        name: d.name[v.locale],
        weight: d.weight,
        score: r.scores[d.key] ?? null,
      })),
      // Left out of the composite (the rest reweighted to 100%): not rated, and of those, nobody may rate.
      missing: r.missing.map((k) => dimName(r, k, v)),
      noRater: r.noRater.map((k) => dimName(r, k, v)),
      comments: r.comments,
    };
  });
}

async function recommendationsJson(deps: WebDeps, v: Viewer) {
  return await Promise.all(
    (await recommendationsOf(deps.db, v.person.id)).map(async (rec) => {
      const course = await getCourse(deps.db, rec.courseId);
      const cycle = await getCycle(deps.db, rec.cycleId);
      return {
        id: rec.id,
        dimension: cycle ? dimName(cycle, rec.dimension, v) : rec.dimension,
        reason: rec.reason,
        course: course ? (v.locale === 'en' ? course.nameEn : course.nameZh) : '?',
        url: course?.url ?? null,
        requestId: rec.requestId,
      };
    }),
  );
}

export function registerRatingRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  /** Own results by default; someone else's only for their rater chain and HR (else 403, nothing else). */
  serve(api, 'GET /ratings', async (req, _reply, input) => {
    const v = viewerOf(req);
    const q = input.query();
    const subjectId = q.employeeId ?? v.person.id;
    if (!(await canViewRatingsOf(db, v.person, subjectId)))
      throw new ApiError(403, v.t('rating.error.forbidden'), 'forbidden');
    if (subjectId !== v.person.id)
      await audit(db, { kind: 'employee', employeeId: v.person.id }, 'rating.view', String(subjectId));
    return {
      results: await resultsJson(deps, v, subjectId),
      recommendations: subjectId === v.person.id ? await recommendationsJson(deps, v) : [],
    };
  });

  serve(api, 'POST /ratings/recommendations/:id/enrol', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => {
      // The same rule as the chat card's button (enrolInRecommendation); someone else's answers like a missing one.
      const res = await enrolInRecommendation(tx, { recommendationId: id, employeeId: v.person.id, now: now() });
      if (!res.ok && res.code === 'already') return { requestId: res.requestId!, already: true };
      if (!res.ok && res.code === 'not_found') throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
      if (!res.ok) throw new ApiError(400, v.t('approval.error.not_found'), res.code);
      // The training request's cards go out, and the recommendation card in chat turns into "requested".
      await publishEnrolment(tx, notifierOf(deps), config, id, res);
      return { requestId: res.request.id, already: false };
    });
    deps.worker.kick();
    return r;
  });

  serve(api, 'GET /team/ratings', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const q = input.query();
    const r = await ratingsReport(db, { viewer: v.person, cycleId: q.cycleId, unitId: q.unitId });
    if (!r.ok && r.code === 'forbidden') throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    if (!r.ok && r.code === 'unknown_cycle') throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    if (!r.ok) return { report: null, message: v.t(`rating.error.${r.code}` as MessageKey) };
    const rep = r.report;
    return {
      report: {
        cycleId: rep.cycle.id,
        scheme: rep.cycle.scheme.name[v.locale],
        closed: rep.cycle.closedAt !== null,
        unit: rep.unit.name,
        people: rep.people,
        distribution: rep.distribution,
        averages: rep.averages.map((a) => ({
          key: a.key,
          name: a.name[v.locale],
          avg: a.avg ?? null,
          previous: a.previous ?? null,
        })),
        compositeAvg: rep.compositeAvg ?? null,
        previousCompositeAvg: rep.previousCompositeAvg ?? null,
        notRated: rep.notRated.map((n) => ({ name: n.name, missing: n.missing.map((k) => dimName(rep.cycle, k, v)) })),
        coverage: rep.coverage.map((c) => ({ key: c.key, name: c.name[v.locale], filled: c.filled, of: c.of })),
        recognise: rep.recognise.map((x) => ({ ...x, dimension: dimName(rep.cycle, x.dimension, v) })),
      },
    };
  });

  /** The viewer's rater forms: one per open cycle they rate in, prefilled with what they rated so far. */
  serve(api, 'GET /team/ratings/forms', async (req) => {
    const v = viewerOf(req);
    const cycles = await Promise.all(
      (await unclosedCyclesRatedBy(db, v.person.id)).map(async (id) => (await getCycle(db, id))!),
    );
    const forms = await Promise.all(
      cycles
        .filter((c) => c.closesAt > now())
        .map(async (cycle) => ({
          cycleId: cycle.id,
          scheme: cycle.scheme.name[v.locale],
          closesAt: cycle.closesAt.toISOString(),
          people: (await raterTasks(db, cycle, v.person.id)).map((x) => ({
            subjectId: x.subjectId,
            name: x.name,
            dimensions: x.dimensions.map((d) => ({
              field: ratingField(x.subjectId, d.key),
              name: d.name[v.locale],
              value: d.value ?? null,
            })),
            commentField: commentField(x.subjectId),
            comment: x.comment ?? '',
          })),
        })),
    );
    return { forms };
  });

  serve(api, 'POST /team/ratings/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const values = input.body();
    const r = await unitOfWork(db, async (tx) => {
      const res = await submitRatings(tx, { cycleId: id, raterId: v.person.id, values, now: now() });
      // The rater card in chat shows the same ratings (and the progress) as the app now does.
      if (res.ok) {
        // The outbox renders synchronously in the recipient's language: read the card in each language first.
        const cycle = (await getCycle(tx, id))!;
        const cards = new Map(
          await Promise.all(
            LOCALES.map(
              async (locale) =>
                [locale, await raterCardFor(tx, config, cycle, v.person.id, locale, { saved: res.changed })] as const,
            ),
          ),
        );
        await notifierOf(deps).updateCard(raterCardKey(id, v.person.id), v.person.id, (locale) => cards.get(locale)!);
      }
      return res;
    });
    deps.worker.kick();
    if (r.ok) return { changed: r.changed };
    if (r.code === 'unknown_cycle') throw new ApiError(404, v.t('rating.error.unknown_cycle'), 'not_found');
    if (r.code === 'closed') throw new ApiError(409, v.t('rating.error.closed'), 'closed');
    const fields = Object.fromEntries(
      Object.entries(r.fields ?? {}).map(([f, p]) => [f, v.t(`rating.field.${p}` as MessageKey)]),
    );
    if (r.code === 'not_rater') throw new ApiError(403, v.t('rating.error.not_rater'), 'forbidden', fields);
    throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
  });
}
