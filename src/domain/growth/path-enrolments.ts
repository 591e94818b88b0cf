// People on development paths (issue 25 §4): HR or the person's manager puts them on a path; the person, their
// manager chain, the head of the unit they are in now, or HR marks a course of the current stage completed, and
// the pure transition (paths-rules.ts) moves the stage. Who may see or mark is ratings/access.ts leadsOrIs, the
// rule that makes a transfer hand the person over: the receiving head sees them, the old manager no longer does.
// A transfer (approvals/transfer-effects.ts) carries the enrolment and its history unchanged — they belong to the
// person — and leaves a note that the receiving head is to be told (sent by the bot: pendingPathNotices).
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { pathCourseProgress, pathEnrolments } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import { audit, type Actor } from '../audit.js';
import { getPerson, type Person } from '../org/employees.js';
import type { MoveResult } from '../org/transfer-move.js';
import { leadsOrIs } from '../ratings/access.js';
import { completedCourses, getPath, type PathRecord } from './paths.js';
import { markCourse, pathStatus, type MarkRefusal, type PathStatus } from './paths-rules.js';

const isHr = (p: Pick<Person, 'roles'>) => p.roles.includes('hr') || p.roles.includes('admin');
const actorOf = (p: Person): Actor => ({ kind: 'employee', employeeId: p.id });
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface EnrolmentRow {
  id: number;
  employeeId: number;
  pathId: number;
  startedOn: string;
  currentStage: number;
  finishedAt: string | null;
  assignedBy: number | null;
}

/** Where a person stands on their path: the path, the courses done (when, by whom), the pure status. */
export interface PathProgress {
  enrolment: EnrolmentRow;
  path: PathRecord;
  completed: Map<number, { completedAt: string; markedBy: number }>;
  status: PathStatus;
}

async function enrolmentRow(db: Db, employeeId: number): Promise<EnrolmentRow | undefined> {
  return (
    await db
      .select({
        id: pathEnrolments.id,
        employeeId: pathEnrolments.employeeId,
        pathId: pathEnrolments.pathId,
        startedOn: pathEnrolments.startedOn,
        currentStage: pathEnrolments.currentStage,
        finishedAt: pathEnrolments.finishedAt,
        assignedBy: pathEnrolments.assignedBy,
      })
      .from(pathEnrolments)
      .where(eq(pathEnrolments.employeeId, employeeId))
      .limit(1)
  )[0];
}

/** A person's path and progress on `today` (YYYY-MM-DD); undefined when they are on none. No access check. */
export async function progressOf(db: Db, employeeId: number, today: string): Promise<PathProgress | undefined> {
  const enrolment = await enrolmentRow(db, employeeId);
  if (!enrolment) return undefined;
  const path = (await getPath(db, enrolment.pathId))!;
  const completed = await completedCourses(db, enrolment.id);
  return {
    enrolment,
    path,
    completed,
    status: pathStatus(path, new Set(completed.keys()), enrolment.startedOn, today),
  };
}

export type ViewResult = { ok: true; progress: PathProgress | undefined } | { ok: false; code: 'not_found' };

/** Someone's path as a viewer may see it: their own, or of a person they lead (HR: anyone). Audited for others. */
export async function viewProgress(
  db: Db,
  input: { viewer: Person; employeeId: number; today: string },
): Promise<ViewResult> {
  const person = await getPerson(db, input.employeeId);
  if (!person || !(await leadsOrIs(db, input.viewer, input.employeeId))) return { ok: false, code: 'not_found' };
  if (input.viewer.id !== input.employeeId)
    await audit(db, actorOf(input.viewer), 'path.view', `employee:${input.employeeId}`);
  return { ok: true, progress: await progressOf(db, input.employeeId, input.today) };
}

export type AssignError =
  'not_found' | 'forbidden' | 'inactive_person' | 'inactive_path' | 'already_enrolled' | 'bad_date';

/**
 * Put a person on a path from `startedOn` (today when absent; never a future day). HR may assign anyone; a
 * manager the people they lead, not themselves. One path per person.
 */
export async function assignPath(
  db: Db,
  input: { actor: Person; employeeId: number; pathId: number; startedOn?: string; today: string; now: Date },
): Promise<{ ok: true; enrolmentId: number } | { ok: false; code: AssignError }> {
  const person = await getPerson(db, input.employeeId);
  if (!person || !(await leadsOrIs(db, input.actor, input.employeeId))) return { ok: false, code: 'not_found' };
  if (input.actor.id === input.employeeId && !isHr(input.actor)) return { ok: false, code: 'forbidden' };
  if (!person.active) return { ok: false, code: 'inactive_person' };
  const path = await getPath(db, input.pathId);
  if (!path) return { ok: false, code: 'not_found' };
  if (!path.active) return { ok: false, code: 'inactive_path' };
  const startedOn = input.startedOn ?? input.today;
  if (!DAY.test(startedOn) || Number.isNaN(Date.parse(startedOn)) || startedOn > input.today)
    return { ok: false, code: 'bad_date' };
  if (await enrolmentRow(db, input.employeeId)) return { ok: false, code: 'already_enrolled' };
  const row = returnedRow(
    await db
      .insert(pathEnrolments)
      .values({
        employeeId: input.employeeId,
        pathId: input.pathId,
        startedOn,
        currentStage: 0,
        assignedBy: input.actor.id,
        createdAt: input.now.toISOString(),
      })
      .returning({ id: pathEnrolments.id }),
    'insert path_enrolments',
  );
  await audit(db, actorOf(input.actor), 'path.assign', `employee:${input.employeeId}`, {
    pathId: input.pathId,
    startedOn,
  });
  return { ok: true, enrolmentId: row.id };
}

export type MarkPathError = 'not_found' | 'inactive_person' | MarkRefusal;

export interface Marked {
  employeeId: number;
  path: PathRecord;
  from: number;
  to: number;
  moved: boolean;
  finished: boolean;
}

/**
 * Mark a course of the person's current stage completed: by the person, their manager chain, the head of their
 * unit or HR. Finishing the stage moves them on (or finishes the path) in the same write. Someone who may not see
 * the person is answered as if there were no path.
 */
export async function markPathCourse(
  db: Db,
  input: { actor: Person; employeeId: number; courseId: number; now: Date },
): Promise<{ ok: true; marked: Marked } | { ok: false; code: MarkPathError; stage?: number }> {
  if (!(await leadsOrIs(db, input.actor, input.employeeId))) return { ok: false, code: 'not_found' };
  // Someone who left keeps their history, and nothing more is added to it.
  if (!(await getPerson(db, input.employeeId))?.active) return { ok: false, code: 'inactive_person' };
  const enrolment = await enrolmentRow(db, input.employeeId);
  if (!enrolment) return { ok: false, code: 'not_found' };
  const path = (await getPath(db, enrolment.pathId))!;
  const completed = await completedCourses(db, enrolment.id);
  const r = markCourse(path, new Set(completed.keys()), input.courseId);
  if (!r.ok) return { ok: false, code: r.code, stage: r.stage };
  const at = input.now.toISOString();
  // A double press that raced past the check above (PostgreSQL, two transactions) marks it once.
  const inserted = await db
    .insert(pathCourseProgress)
    .values({ enrolmentId: enrolment.id, courseId: input.courseId, completedAt: at, markedBy: input.actor.id })
    .onConflictDoNothing()
    .returning({ courseId: pathCourseProgress.courseId });
  if (inserted.length === 0) return { ok: false, code: 'already_done', stage: r.from };
  await db
    .update(pathEnrolments)
    .set({ currentStage: r.to, finishedAt: r.finished ? at : null })
    .where(eq(pathEnrolments.id, enrolment.id));
  await audit(db, actorOf(input.actor), 'path.course', `employee:${input.employeeId}`, {
    pathId: path.id,
    courseId: input.courseId,
    stageFrom: r.from + 1,
    stageTo: Math.min(r.to + 1, path.stages.length),
    finished: r.finished,
  });
  return {
    ok: true,
    marked: { employeeId: input.employeeId, path, from: r.from, to: r.to, moved: r.moved, finished: r.finished },
  };
}

/** The paths of the people a viewer leads (not their own), by name; undefined for someone who leads nobody on one. */
export async function teamProgress(
  db: Db,
  viewer: Person,
  today: string,
): Promise<{ person: Person; progress: PathProgress }[]> {
  const all = await db
    .select({ employeeId: pathEnrolments.employeeId })
    .from(pathEnrolments)
    .orderBy(asc(pathEnrolments.employeeId));
  const out = [];
  for (const { employeeId } of all) {
    if (employeeId === viewer.id || !(await leadsOrIs(db, viewer, employeeId))) continue;
    const person = await getPerson(db, employeeId);
    if (!person?.active) continue;
    out.push({ person, progress: (await progressOf(db, employeeId, today))! });
  }
  return out.sort((a, b) => a.person.name.localeCompare(b.person.name));
}

/**
 * A transfer moved the person (called from completeTransfer, in its transaction): the enrolment and the courses
 * they completed stay theirs, so the path goes with them as it is; the receiving head is noted to be told.
 */
export async function carryPathOnTransfer(db: Db, moved: MoveResult): Promise<void> {
  const enrolment = await enrolmentRow(db, moved.employeeId);
  if (!enrolment || moved.newManagerId === moved.oldManagerId) return;
  await db.update(pathEnrolments).set({ headNoticeTo: moved.newManagerId }).where(eq(pathEnrolments.id, enrolment.id));
  await audit(db, { kind: 'system' }, 'path.transfer', `employee:${moved.employeeId}`, {
    pathId: enrolment.pathId,
    managerFrom: moved.oldManagerId,
    managerTo: moved.newManagerId,
  });
}

/** Receiving heads still to be told of a transferred person's path: (enrolment, person, head). */
export async function pendingPathNotices(
  db: Db,
): Promise<{ enrolmentId: number; employeeId: number; headId: number }[]> {
  const rows = await db
    .select({
      enrolmentId: pathEnrolments.id,
      employeeId: pathEnrolments.employeeId,
      headId: pathEnrolments.headNoticeTo,
    })
    .from(pathEnrolments)
    .where(isNotNull(pathEnrolments.headNoticeTo));
  return rows.map((r) => ({ ...r, headId: r.headId! }));
}

/** The head was told (in the transaction that queued the card). */
export async function clearPathNotice(db: Db, enrolmentId: number, headId: number): Promise<void> {
  await db
    .update(pathEnrolments)
    .set({ headNoticeTo: null })
    .where(and(eq(pathEnrolments.id, enrolmentId), eq(pathEnrolments.headNoticeTo, headId)));
}
