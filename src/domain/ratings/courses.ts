// The course catalogue HR keeps, tagged by rating dimension (seeded with a course per default dimension),
// and enrolling in a recommended one — the one rule the chat button and the mini-app share.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { courses, ratingResults, recommendations } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';
import { submitRequest, type RequestView } from '../approvals/requests.js';
import { audit, type Actor } from '../audit.js';
import type { Issue } from '../../i18n/issues.js';
import { getCycle, listSchemes } from './cycles.js';
import { returnedRow } from '../../db/rows.js';

export const courseSchema = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  dimension: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  url: z.string().url().optional(),
  /** What to read or watch: free text with links, shown on the person's training page. */
  materials: z.string().trim().max(2000).optional(),
});

const DEFAULT_COURSES: z.infer<typeof courseSchema>[] = [
  { nameZh: '主动性与责任感工作坊', nameEn: 'Ownership and initiative workshop', dimension: 'attitude' },
  { nameZh: '高效沟通与协作', nameEn: 'Effective communication and collaboration', dimension: 'collaboration' },
  { nameZh: '情绪管理与压力应对', nameEn: 'Managing stress and emotions at work', dimension: 'expression' },
  { nameZh: '出品标准复训', nameEn: 'Kitchen standards refresher', dimension: 'dish_quality' },
  { nameZh: '顾客服务与投诉处理', nameEn: 'Customer service and handling complaints', dimension: 'complaints' },
  { nameZh: '新品研发共创营', nameEn: 'New-product co-creation camp', dimension: 'new_product' },
];

export async function ensureDefaultCourses(db: Db): Promise<void> {
  if (!(await db.select({ id: courses.id }).from(courses).limit(1))[0])
    await db.insert(courses).values(DEFAULT_COURSES);
}

export async function listCourses(db: Db) {
  return await db
    .select()
    .from(courses)
    .where(eq(courses.active, true))
    .orderBy(asc(courses.dimension), asc(courses.id));
}

export async function getCourse(db: Db, id: number) {
  return (await db.select().from(courses).where(eq(courses.id, id)).limit(1))[0];
}

export async function addCourse(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; id: number } | { ok: false; issues: Issue[] }> {
  const p = courseSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  const values = { ...p.data, materials: p.data.materials || null };
  const row = returnedRow(await db.insert(courses).values(values).returning({ id: courses.id }), 'insert courses');
  await audit(db, actor, 'course.create', String(row.id), { dimension: p.data.dimension });
  return { ok: true, id: row.id };
}

/**
 * A dimension key's name in a language, from the schemes that use it (a course is tagged by key), so
 * nobody reads "attitude" or "dish_quality"; an unknown key is shown as it is.
 */
export async function dimensionLabel(db: Db, key: string, locale: Locale): Promise<string> {
  for (const { scheme } of await listSchemes(db)) {
    const d = scheme.dimensions.find((x) => x.key === key);
    if (d) return d.name[locale];
  }
  return key;
}

/** Every dimension a course can be tagged with (the schemes' dimensions, once per key), named for a reader. */
export async function courseDimensions(db: Db, locale: Locale): Promise<{ key: string; label: string }[]> {
  const seen = new Map<string, string>();
  for (const { scheme } of await listSchemes(db))
    for (const d of scheme.dimensions) if (!seen.has(d.key)) seen.set(d.key, d.name[locale]);
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** What a recommendation card shows: the course, the dimension's name in the scheme, the score that led to it. */
export async function recommendationFacts(db: Db, recommendationId: number) {
  const rec = (await db.select().from(recommendations).where(eq(recommendations.id, recommendationId)).limit(1))[0];
  if (!rec) return undefined;
  const course = (await getCourse(db, rec.courseId))!;
  const cycle = (await getCycle(db, rec.cycleId))!;
  const result = (
    await db
      .select({ scores: ratingResults.scores })
      .from(ratingResults)
      .where(and(eq(ratingResults.cycleId, rec.cycleId), eq(ratingResults.employeeId, rec.employeeId)))
      .limit(1)
  )[0];
  const score = result ? ((JSON.parse(result.scores) as Record<string, number>)[rec.dimension] ?? 0) : 0;
  const dimension = cycle.scheme.dimensions.find((d) => d.key === rec.dimension)?.name;
  return {
    rec,
    course,
    score,
    dimensionName: async (locale: Locale) => dimension?.[locale] ?? (await dimensionLabel(db, rec.dimension, locale)),
  };
}

export type EnrolError = 'not_found' | 'already' | 'no_flow';

/**
 * Ask to take a recommended course: a training request in the approval engine, once per recommendation,
 * only by the person it was made for (anyone else's answers like a missing one). Chat's button and the
 * mini-app both call this; the caller publishes the request's cards.
 */
export async function enrolInRecommendation(
  db: Db,
  input: { recommendationId: number; employeeId: number; now: Date },
): Promise<{ ok: true; request: RequestView; asked: number[] } | { ok: false; code: EnrolError; requestId?: number }> {
  const rec = (
    await db.select().from(recommendations).where(eq(recommendations.id, input.recommendationId)).limit(1)
  )[0];
  if (!rec || rec.employeeId !== input.employeeId) return { ok: false, code: 'not_found' };
  if (rec.requestId) return { ok: false, code: 'already', requestId: rec.requestId };
  const r = await submitRequest(db, {
    applicantId: input.employeeId,
    payload: { kind: 'training', courseId: rec.courseId, recommendationId: rec.id },
    now: input.now,
  });
  if (!r.ok) return { ok: false, code: 'no_flow' };
  await db.update(recommendations).set({ requestId: r.request.id }).where(eq(recommendations.id, rec.id));
  await audit(db, { kind: 'employee', employeeId: input.employeeId }, 'course.enrol', `recommendation:${rec.id}`, {
    courseId: rec.courseId,
    requestId: r.request.id,
  });
  return r;
}
