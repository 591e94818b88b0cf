// Training records: a recommended course the person asked for (a training request), enrolled once the
// request is approved, then attended and completed (training-states.ts). Who may see a person's records:
// the person, their managers and the heads of the units they are in now (ratings/access.ts leadsOrIs — so a
// store head sees the progress of someone transferred in, enrolments from before included) and HR. Unlike
// ratings, a past rater does not keep access.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  approvalRequests,
  courses,
  ratingCycles,
  ratingResults,
  recommendations,
  trainingProgress,
} from '../../db/schema.js';
import { audit } from '../audit.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits, visibleUnitIds } from '../org/units.js';
import { leadsOrIs } from '../ratings/access.js';
import { trainingEffect, type DimensionScore, type TrainingEffect } from './training-effect.js';
import {
  nextTrainingState,
  type MarkableState,
  type TrainingState,
  type TransitionRefusal,
} from './training-states.js';

export interface TrainingRecord {
  recommendationId: number;
  courseId: number;
  nameZh: string;
  nameEn: string;
  url: string | null;
  materials: string | null;
  dimension: string;
  requestId: number;
  /** requested: the training request still waits for approval. */
  state: 'requested' | TrainingState;
  attendedAt: string | null;
  completedAt: string | null;
}

/** A person's training: asked for (pending) and enrolled (approved) courses, oldest first; refused ones are left out. */
export async function trainingRecordsOf(db: Db, employeeId: number): Promise<TrainingRecord[]> {
  const rows = await db
    .select({
      recommendationId: recommendations.id,
      courseId: courses.id,
      nameZh: courses.nameZh,
      nameEn: courses.nameEn,
      url: courses.url,
      materials: courses.materials,
      dimension: recommendations.dimension,
      requestId: approvalRequests.id,
      status: approvalRequests.status,
      state: trainingProgress.state,
      attendedAt: trainingProgress.attendedAt,
      completedAt: trainingProgress.completedAt,
    })
    .from(recommendations)
    .innerJoin(approvalRequests, eq(approvalRequests.id, recommendations.requestId))
    .innerJoin(courses, eq(courses.id, recommendations.courseId))
    .leftJoin(trainingProgress, eq(trainingProgress.recommendationId, recommendations.id))
    .where(and(eq(recommendations.employeeId, employeeId), inArray(approvalRequests.status, ['pending', 'approved'])))
    .orderBy(asc(recommendations.id));
  return rows.map(({ status, state, ...r }) => ({
    ...r,
    state: status === 'pending' ? 'requested' : (state ?? 'enrolled'),
  }));
}

/**
 * The training of the people in the units a viewer heads (all units for HR), as they are now: someone
 * transferred in shows with their earlier enrolments too. Only people with a record; undefined for a viewer
 * who heads nothing.
 */
export async function teamTraining(
  db: Db,
  viewer: Person,
): Promise<{ person: Person; records: TrainingRecord[] }[] | undefined> {
  const units = await allUnits(db);
  const visible = visibleUnitIds(units, viewer);
  if (visible.size === 0) return undefined;
  const ids = await db
    .selectDistinct({ id: recommendations.employeeId })
    .from(recommendations)
    .innerJoin(approvalRequests, eq(approvalRequests.id, recommendations.requestId))
    .where(inArray(approvalRequests.status, ['pending', 'approved']))
    .orderBy(asc(recommendations.employeeId));
  const out = [];
  for (const { id } of ids) {
    const person = await getPerson(db, id);
    if (!person?.active || person.id === viewer.id || person.unitId === null || !visible.has(person.unitId)) continue;
    out.push({ person, records: await trainingRecordsOf(db, id) });
  }
  return out;
}

export type MarkError = 'not_found' | 'not_enrolled' | TransitionRefusal;

/**
 * Mark a record attended or completed: by the person or HR, one step forward (audited in the caller's
 * transaction). Someone who may not even see the person's records is answered as if the record did not exist.
 */
export async function markTraining(
  db: Db,
  input: { recommendationId: number; to: MarkableState; actor: Person; now: Date },
): Promise<{ ok: true; state: MarkableState; employeeId: number } | { ok: false; code: MarkError }> {
  const row = (
    await db
      .select({
        employeeId: recommendations.employeeId,
        courseId: recommendations.courseId,
        status: approvalRequests.status,
        state: trainingProgress.state,
      })
      .from(recommendations)
      .innerJoin(approvalRequests, eq(approvalRequests.id, recommendations.requestId))
      .leftJoin(trainingProgress, eq(trainingProgress.recommendationId, recommendations.id))
      .where(eq(recommendations.id, input.recommendationId))
      .limit(1)
  )[0];
  if (!row || !(await leadsOrIs(db, input.actor, row.employeeId))) return { ok: false, code: 'not_found' };
  const isHr = input.actor.roles.includes('hr') || input.actor.roles.includes('admin');
  const isOwner = input.actor.id === row.employeeId;
  if (!isOwner && !isHr) return { ok: false, code: 'not_yours' };
  if (row.status !== 'approved') return { ok: false, code: 'not_enrolled' };
  const next = nextTrainingState(row.state ?? 'enrolled', input.to, { isOwner, isHr });
  if (!next.ok) return next;
  const at = input.now.toISOString();
  const stamp = next.state === 'attended' ? { attendedAt: at } : { completedAt: at };
  await db
    .insert(trainingProgress)
    .values({ recommendationId: input.recommendationId, state: next.state, ...stamp, updatedAt: at })
    .onConflictDoUpdate({
      target: trainingProgress.recommendationId,
      set: { state: next.state, ...stamp, updatedAt: at },
    });
  await audit(
    db,
    { kind: 'employee', employeeId: input.actor.id },
    next.state === 'attended' ? 'course.attended' : 'course.completed',
    `recommendation:${input.recommendationId}`,
    { courseId: row.courseId, subjectId: row.employeeId },
  );
  return { ok: true, state: next.state, employeeId: row.employeeId };
}

/** Every closed cycle's score on one dimension, per person. */
async function dimensionScores(db: Db, dimension: string): Promise<DimensionScore[]> {
  const rows = await db
    .select({ employeeId: ratingResults.employeeId, scores: ratingResults.scores, closedAt: ratingCycles.closedAt })
    .from(ratingResults)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
    .where(isNotNull(ratingCycles.closedAt));
  return rows.flatMap((r) => {
    const score = (JSON.parse(r.scores) as Record<string, number>)[dimension];
    return score === undefined ? [] : [{ employeeId: r.employeeId, closedAt: r.closedAt!, score }];
  });
}

/** The effect of each active course on its dimension (training-effect.ts), for HR. */
export async function courseEffects(
  db: Db,
): Promise<{ courseId: number; completions: number; effect: TrainingEffect }[]> {
  const done = await db
    .select({
      courseId: recommendations.courseId,
      employeeId: recommendations.employeeId,
      completedAt: trainingProgress.completedAt,
    })
    .from(trainingProgress)
    .innerJoin(recommendations, eq(recommendations.id, trainingProgress.recommendationId))
    .where(eq(trainingProgress.state, 'completed'));
  const list = await db.select().from(courses).where(eq(courses.active, true)).orderBy(asc(courses.id));
  const byDimension = new Map<string, DimensionScore[]>();
  const out = [];
  for (const c of list) {
    if (!byDimension.has(c.dimension)) byDimension.set(c.dimension, await dimensionScores(db, c.dimension));
    // A person who completed the course twice (two recommendations) counts from the first completion.
    const completions = new Map<number, string>();
    for (const d of done)
      if (d.courseId === c.id && d.completedAt) {
        const seen = completions.get(d.employeeId);
        if (seen === undefined || d.completedAt < seen) completions.set(d.employeeId, d.completedAt);
      }
    out.push({
      courseId: c.id,
      completions: completions.size,
      effect: trainingEffect(byDimension.get(c.dimension)!, completions),
    });
  }
  return out;
}
