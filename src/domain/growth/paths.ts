// Development paths HR defines (issue 25 §4): reading them with their stages and courses, and saving one whole
// (a new path or a new version of one: its stages are replaced, the people on it keep the courses they completed
// and their stage is worked out again). Only HR; the rules are paths-rules.ts; every save is audited.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  courses,
  developmentPaths,
  pathCourseProgress,
  pathEnrolments,
  pathStageCourses,
  pathStages,
} from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import type { Issue } from '../../i18n/issues.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { currentStageIndex, validatePath, type PathStages } from './paths-rules.js';

export interface StageRecord {
  id: number;
  position: number;
  fromMonth: number;
  toMonth: number;
  nameZh: string;
  nameEn: string;
  courseIds: number[];
}

export interface PathRecord extends PathStages {
  id: number;
  nameZh: string;
  nameEn: string;
  role: string;
  active: boolean;
  stages: StageRecord[];
}

const isHr = (p: Pick<Person, 'roles'>) => p.roles.includes('hr') || p.roles.includes('admin');

/** Paths with their stages in order and each stage's courses in order (all paths, or the ones named). */
export async function loadPaths(db: Db, ids?: readonly number[]): Promise<PathRecord[]> {
  if (ids && ids.length === 0) return [];
  const paths = await db
    .select()
    .from(developmentPaths)
    .where(ids ? inArray(developmentPaths.id, [...ids]) : undefined)
    .orderBy(asc(developmentPaths.id));
  if (paths.length === 0) return [];
  const stages = await db
    .select()
    .from(pathStages)
    .where(
      inArray(
        pathStages.pathId,
        paths.map((p) => p.id),
      ),
    )
    .orderBy(asc(pathStages.pathId), asc(pathStages.position));
  const links = stages.length
    ? await db
        .select()
        .from(pathStageCourses)
        .where(
          inArray(
            pathStageCourses.stageId,
            stages.map((s) => s.id),
          ),
        )
        .orderBy(asc(pathStageCourses.stageId), asc(pathStageCourses.position))
    : [];
  return paths.map((p) => ({
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    role: p.role,
    active: p.active,
    stages: stages
      .filter((s) => s.pathId === p.id)
      .map((s) => ({
        id: s.id,
        position: s.position,
        fromMonth: s.fromMonth,
        toMonth: s.toMonth,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        courseIds: links.filter((l) => l.stageId === s.id).map((l) => l.courseId),
      })),
  }));
}

export async function getPath(db: Db, id: number): Promise<PathRecord | undefined> {
  return (await loadPaths(db, [id]))[0];
}

/** How many people are on each path (finished or not). */
export async function enrolledCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ pathId: pathEnrolments.pathId, n: sql<number>`count(*)` })
    .from(pathEnrolments)
    .groupBy(pathEnrolments.pathId);
  return new Map(rows.map((r) => [r.pathId, Number(r.n)]));
}

export type SavePathResult =
  | { ok: true; id: number }
  | { ok: false; code: 'forbidden' | 'not_found' }
  | { ok: false; code: 'invalid'; issues: Issue[] };

/**
 * Create a path (no id) or replace one's names, role, active flag and stages. Refused whole, with an issue per
 * problem, when the rules say no; nothing is written then.
 */
export async function savePath(
  db: Db,
  input: { id?: number; body: unknown; actor: Person; now: Date },
): Promise<SavePathResult> {
  if (!isHr(input.actor)) return { ok: false, code: 'forbidden' };
  if (input.id !== undefined && !(await getPath(db, input.id))) return { ok: false, code: 'not_found' };
  const catalogue = await db.select({ id: courses.id, active: courses.active }).from(courses);
  const v = validatePath(input.body, catalogue);
  if (!v.ok) return { ok: false, code: 'invalid', issues: v.issues };
  const p = v.path;
  const at = input.now.toISOString();
  const fields = { nameZh: p.nameZh, nameEn: p.nameEn, role: p.role, active: p.active, updatedAt: at };
  let id = input.id;
  if (id === undefined) {
    id = returnedRow(
      await db
        .insert(developmentPaths)
        .values({ ...fields, createdBy: input.actor.id, createdAt: at })
        .returning({ id: developmentPaths.id }),
      'insert development_paths',
    ).id;
  } else {
    await db.update(developmentPaths).set(fields).where(eq(developmentPaths.id, id));
    const old = await db.select({ id: pathStages.id }).from(pathStages).where(eq(pathStages.pathId, id));
    if (old.length) {
      await db.delete(pathStageCourses).where(
        inArray(
          pathStageCourses.stageId,
          old.map((s) => s.id),
        ),
      );
      await db.delete(pathStages).where(eq(pathStages.pathId, id));
    }
  }
  for (const [position, s] of p.stages.entries()) {
    const stage = returnedRow(
      await db
        .insert(pathStages)
        .values({
          pathId: id,
          position,
          fromMonth: s.fromMonth,
          toMonth: s.toMonth,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
        })
        .returning({ id: pathStages.id }),
      'insert path_stages',
    );
    await db
      .insert(pathStageCourses)
      .values(s.courseIds.map((courseId, i) => ({ stageId: stage.id, courseId, position: i })));
  }
  if (input.id !== undefined) await restage(db, id, input.now);
  await audit(
    db,
    { kind: 'employee', employeeId: input.actor.id },
    input.id === undefined ? 'path.define' : 'path.update',
    `devpath:${id}`,
    { name: p.nameEn, stages: p.stages.length, active: p.active },
  );
  return { ok: true, id };
}

/** After an edit: each person's stage again from the courses they completed (a finished path may reopen). */
async function restage(db: Db, pathId: number, now: Date): Promise<void> {
  const path = (await getPath(db, pathId))!;
  const people = await db
    .select({ id: pathEnrolments.id, finishedAt: pathEnrolments.finishedAt })
    .from(pathEnrolments)
    .where(eq(pathEnrolments.pathId, pathId));
  for (const e of people) {
    const stage = currentStageIndex(path, new Set((await completedCourses(db, e.id)).keys()));
    const finished = stage >= path.stages.length;
    await db
      .update(pathEnrolments)
      .set({ currentStage: stage, finishedAt: finished ? (e.finishedAt ?? now.toISOString()) : null })
      .where(and(eq(pathEnrolments.id, e.id), eq(pathEnrolments.pathId, pathId)));
  }
}

/** The courses an enrolment completed: when, and who marked each. */
export async function completedCourses(
  db: Db,
  enrolmentId: number,
): Promise<Map<number, { completedAt: string; markedBy: number }>> {
  const rows = await db
    .select()
    .from(pathCourseProgress)
    .where(eq(pathCourseProgress.enrolmentId, enrolmentId))
    .orderBy(asc(pathCourseProgress.completedAt));
  return new Map(rows.map((r) => [r.courseId, { completedAt: r.completedAt, markedBy: r.markedBy }]));
}

/** Catalogue courses by id (retired ones too: a path may still name one a person completed). */
export async function courseNames(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { nameZh: string; nameEn: string; url: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: courses.id, nameZh: courses.nameZh, nameEn: courses.nameEn, url: courses.url })
    .from(courses)
    .where(inArray(courses.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
