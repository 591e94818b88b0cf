// The course catalogue HR keeps, tagged by rating dimension; seeded with a course per default dimension.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { courses } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';

export const courseSchema = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  dimension: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  url: z.string().url().optional(),
});

const DEFAULT_COURSES: z.infer<typeof courseSchema>[] = [
  { nameZh: '主动性与责任感工作坊', nameEn: 'Ownership and initiative workshop', dimension: 'attitude' },
  { nameZh: '高效沟通与协作', nameEn: 'Effective communication and collaboration', dimension: 'collaboration' },
  { nameZh: '情绪管理与压力应对', nameEn: 'Managing stress and emotions at work', dimension: 'expression' },
  { nameZh: '出品标准复训', nameEn: 'Kitchen standards refresher', dimension: 'dish_quality' },
  { nameZh: '顾客服务与投诉处理', nameEn: 'Customer service and handling complaints', dimension: 'complaints' },
  { nameZh: '新品研发共创营', nameEn: 'New-product co-creation camp', dimension: 'new_product' },
];

export function ensureDefaultCourses(db: Db): void {
  if (!db.select({ id: courses.id }).from(courses).limit(1).get()) db.insert(courses).values(DEFAULT_COURSES).run();
}

export function listCourses(db: Db) {
  return db.select().from(courses).where(eq(courses.active, true)).orderBy(asc(courses.dimension), asc(courses.id)).all();
}

export function getCourse(db: Db, id: number) {
  return db.select().from(courses).where(eq(courses.id, id)).get();
}

export function addCourse(db: Db, input: unknown, actor: Actor): { ok: true; id: number } | { ok: false; detail: string } {
  const p = courseSchema.safeParse(input);
  if (!p.success) return { ok: false, detail: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const row = db.insert(courses).values(p.data).returning({ id: courses.id }).get();
  audit(db, actor, 'course.create', String(row.id), { dimension: p.data.dimension });
  return { ok: true, id: row.id };
}
