// Training records in the mini-app: a person's enrolments with their state (theirs, or someone's they may see
// as their manager, head or HR), marking attended/completed (the person or HR), and HR's course effects.
import type { FastifyInstance } from 'fastify';
import {
  courseEffects,
  markTraining,
  teamTraining,
  trainingRecordsOf,
  type TrainingRecord,
} from '../../domain/growth/training.js';
import { markTalkDone, talksOf } from '../../domain/growth/talks.js';
import { acknowledgeFeedback, feedbackReceived, feedbackSent, shareFeedback } from '../../domain/growth/feedback.js';
import { publishAcknowledged, publishFeedback } from '../../bot/features/feedback-notices.js';
import { getPerson } from '../../domain/org/employees.js';
import { leadsOrIs } from '../../domain/ratings/access.js';
import { dimensionLabel, listCourses } from '../../domain/ratings/courses.js';
import { audit } from '../../domain/audit.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { talkCardKey, talkCardRenderer } from '../../bot/features/rating-notices.js';
import { isHr, notifierOf, requireHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

async function recordsJson(deps: WebDeps, v: Viewer, records: TrainingRecord[]) {
  return await Promise.all(
    records.map(async (r) => ({
      id: r.recommendationId,
      course: v.locale === 'en' ? r.nameEn : r.nameZh,
      dimension: await dimensionLabel(deps.db, r.dimension, v.locale),
      url: r.url,
      materials: r.materials,
      state: r.state,
      requestId: r.requestId,
      attendedAt: r.attendedAt,
      completedAt: r.completedAt,
    })),
  );
}

export function registerTrainingRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /training', async (req, _reply, input) => {
    const v = viewerOf(req);
    const subjectId = input.query().employeeId ?? v.person.id;
    const person = await getPerson(db, subjectId);
    if (!person || !(await leadsOrIs(db, v.person, subjectId)))
      throw new ApiError(403, v.t('growth.error.not_found'), 'forbidden');
    if (subjectId !== v.person.id)
      await audit(db, { kind: 'employee', employeeId: v.person.id }, 'training.view', String(subjectId));
    return {
      person: { id: person.id, name: person.name },
      canMark: subjectId === v.person.id || isHr(v.person),
      records: await recordsJson(deps, v, await trainingRecordsOf(db, subjectId)),
    };
  });

  serve(api, 'GET /team/training', async (req) => {
    const v = viewerOf(req);
    const team = await teamTraining(db, v.person);
    if (!team) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    return {
      canMark: isHr(v.person),
      people: await Promise.all(
        team.map(async (p) => ({
          id: p.person.id,
          name: p.person.name,
          records: await recordsJson(deps, v, p.records),
        })),
      ),
    };
  });

  serve(api, 'GET /feedback', async (req) => {
    const v = viewerOf(req);
    const nameOf = async (id: number) => (await getPerson(db, id))?.name ?? '?';
    const row = async (f: Awaited<ReturnType<typeof feedbackSent>>[number], other: number) => ({
      id: f.id,
      name: await nameOf(other),
      comment: f.comment,
      createdAt: f.createdAt,
      acknowledgedAt: f.acknowledgedAt,
    });
    return {
      received: await Promise.all((await feedbackReceived(db, v.person.id)).map((f) => row(f, f.raterId))),
      sent: await Promise.all((await feedbackSent(db, v.person.id)).map((f) => row(f, f.subjectId))),
    };
  });

  serve(api, 'POST /feedback', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const r = await unitOfWork(db, async (tx) => {
      const shared = await shareFeedback(tx, { actor: v.person, body, now: now() });
      if (shared.ok) await publishFeedback(tx, notifierOf(deps), deps.config, shared.feedback);
      return shared;
    });
    if (!r.ok) {
      const message = v.t(`feedback.error.${r.code}`);
      throw new ApiError(
        r.code === 'invalid' ? 400 : 403,
        message,
        r.code,
        r.field ? { [r.field]: message } : undefined,
      );
    }
    deps.worker.kick();
    return { id: r.feedback.id };
  });

  serve(api, 'POST /feedback/:id/ack', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => {
      const acked = await acknowledgeFeedback(tx, { feedbackId: id, actor: v.person, now: now() });
      if (acked.ok) await publishAcknowledged(tx, notifierOf(deps), deps.config, acked.feedback);
      return acked;
    });
    if (!r.ok) throw new ApiError(r.code === 'not_found' ? 404 : 409, v.t(`feedback.error.${r.code}`), r.code);
    deps.worker.kick();
    return { acknowledgedAt: r.feedback.acknowledgedAt! };
  });

  serve(api, 'GET /team/talks', async (req) => {
    const v = viewerOf(req);
    return {
      talks: await Promise.all(
        (await talksOf(db, v.person.id)).map(async (talk) => {
          const dimension = await dimensionLabel(db, talk.dimension, v.locale);
          const [first, second, third] = talk.scores.map((x) => x.toFixed(1));
          const params = { dimension, first: first ?? '', second: second ?? '', third: third ?? '' };
          return {
            id: talk.id,
            person: (await getPerson(db, talk.employeeId))?.name ?? '?',
            dimension,
            scores: talk.scores,
            dueAt: talk.dueAt,
            status: talk.status,
            doneAt: talk.doneAt,
            // The chat card's words, without its markdown.
            why: v.t('talk.why', params).replaceAll('**', ''),
            points: ([1, 2, 3, 4] as const).map((i) => v.t(`talk.point.${i}`, params)),
          };
        }),
      ),
    };
  });

  serve(api, 'POST /team/talks/:id/done', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => {
      const done = await markTalkDone(tx, { talkId: id, actor: v.person, now: now() });
      // The chat card turns "held" too.
      if (done.ok)
        await notifierOf(deps).updateCard(
          talkCardKey(id),
          v.person.id,
          await talkCardRenderer(tx, deps.config, done.talk),
        );
      return done;
    });
    if (!r.ok) throw new ApiError(r.code === 'not_found' ? 404 : 409, v.t(`talk.error.${r.code}`), r.code);
    deps.worker.kick();
    return { status: 'done' as const };
  });

  serve(api, 'POST /training/:id/mark', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const { to } = input.body();
    const r = await unitOfWork(db, (tx) => markTraining(tx, { recommendationId: id, to, actor: v.person, now: now() }));
    if (!r.ok) {
      const status = r.code === 'not_found' ? 404 : r.code === 'not_yours' ? 403 : 409;
      throw new ApiError(status, v.t(`growth.error.${r.code}` as MessageKey), r.code);
    }
    return { state: r.state };
  });

  serve(api, 'GET /hr/courses/effects', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const names = new Map((await listCourses(db)).map((c) => [c.id, c]));
    return {
      courses: await Promise.all(
        (await courseEffects(db)).map(async (e) => {
          const c = names.get(e.courseId)!;
          return {
            id: c.id,
            course: v.locale === 'en' ? c.nameEn : c.nameZh,
            dimension: await dimensionLabel(db, c.dimension, v.locale),
            completions: e.completions,
            splitAt: e.effect.splitAt,
            completed: e.effect.completed,
            others: e.effect.others,
          };
        }),
      ),
    };
  });
}
