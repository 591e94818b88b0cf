// Development paths as pure rules (issue 25 §4), no I/O: what a valid path is, and where a person on one stands.
// A path is ordered stages; each stage has a month range counted from the day the person started on the path
// ("months 1–3", "3–6", "6–12": a stage is due when its `toMonth` months have passed, and the next one may start
// in the month the previous ended) and at least one course from the catalogue. A person's stage is the first
// whose courses are not all completed: finishing a stage's last course moves them on at once, never waiting for
// the month; a stage whose month range has passed with courses open is "behind".
import { z } from 'zod';
import { problem, type Issue } from '../../i18n/issues.js';

/** The longest a path may run: ten years of months. */
export const MAX_MONTH = 120;

export const stageInputSchema = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  fromMonth: z.number().int().min(0).max(MAX_MONTH),
  toMonth: z.number().int().min(1).max(MAX_MONTH),
  courseIds: z.array(z.number().int().positive()).max(30),
});

export const pathInputSchema = z.object({
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  /** Whom the path is for, in the company's words ("门店店员 / store staff"); free text, may be empty. */
  role: z.string().trim().max(60).default(''),
  active: z.boolean().default(true),
  stages: z.array(stageInputSchema).max(12),
});
export type PathInput = z.output<typeof pathInputSchema>;
export type StageInput = z.output<typeof stageInputSchema>;

/** What the validation needs to know of a course: whether it exists and is offered. */
export interface CatalogueCourse {
  id: number;
  active: boolean;
}

/** A stage in a message: its number and its names in both languages (the reader of a refusal may read either). */
const stageLabel = (s: StageInput, i: number) => ({
  stage: i + 1,
  name: s.nameZh === s.nameEn ? s.nameEn : `${s.nameZh} / ${s.nameEn}`,
});

/**
 * Check a path a person wrote: the shape (zod), then the rules, each problem at the stage it concerns and
 * naming it. Nothing is partly valid: the caller writes the path only when this returns ok.
 */
export function validatePath(
  input: unknown,
  catalogue: readonly CatalogueCourse[],
): { ok: true; path: PathInput } | { ok: false; issues: Issue[] } {
  const parsed = pathInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const path = parsed.data;
  const issues: Issue[] = [];
  if (path.stages.length === 0) issues.push(problem(['stages'], 'path_empty'));
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const seen = new Map<number, number>();
  path.stages.forEach((s, i) => {
    const label = stageLabel(s, i);
    if (s.courseIds.length === 0) issues.push(problem(['stages', i, 'courseIds'], 'path_stage_no_courses', label));
    if (s.fromMonth >= s.toMonth) issues.push(problem(['stages', i, 'toMonth'], 'path_stage_reversed', label));
    const prev = path.stages[i - 1];
    if (prev && s.fromMonth < prev.toMonth)
      issues.push(
        problem(['stages', i, 'fromMonth'], 'path_stage_overlap', { ...label, previous: i, until: prev.toMonth }),
      );
    s.courseIds.forEach((id, j) => {
      const c = byId.get(id);
      const at = ['stages', i, 'courseIds', j];
      if (!c) issues.push(problem(at, 'path_course_unknown', { ...label, course: id }));
      else if (!c.active) issues.push(problem(at, 'path_course_inactive', { ...label, course: id }));
      else if (seen.has(id)) issues.push(problem(at, 'path_course_twice', { ...label, other: seen.get(id)! + 1 }));
      else seen.set(id, i);
    });
  });
  return issues.length ? { ok: false, issues } : { ok: true, path };
}

/** The part of a stored path the transitions read. */
export interface PathStages {
  stages: readonly { fromMonth: number; toMonth: number; courseIds: readonly number[] }[];
}

/** Whole calendar months from `from` to `to` (YYYY-MM-DD): Jan 31 → Feb 28 is 0, Jan 15 → Feb 15 is 1. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

/** The first stage with a course not completed; `stages.length` when every stage is complete. */
export function currentStageIndex(path: PathStages, completed: ReadonlySet<number>): number {
  const i = path.stages.findIndex((s) => s.courseIds.some((c) => !completed.has(c)));
  return i === -1 ? path.stages.length : i;
}

export interface PathStatus {
  /** 0-based; equals the number of stages once finished. */
  stage: number;
  finished: boolean;
  /** The current stage's courses still open, in the stage's order (none once finished). */
  nextCourses: number[];
  /** The current stage's completed and total courses. */
  stageDone: number;
  stageTotal: number;
  /** All the path's courses completed, and how many it has. */
  done: number;
  total: number;
  monthsElapsed: number;
  /** The current stage's month range has passed with courses open. */
  behind: boolean;
}

/** Where a person stands on a path on `today`, from the courses they completed and the day they started. */
export function pathStatus(
  path: PathStages,
  completed: ReadonlySet<number>,
  startedOn: string,
  today: string,
): PathStatus {
  const stage = currentStageIndex(path, completed);
  const s = path.stages[stage];
  const monthsElapsed = monthsBetween(startedOn, today);
  const all = path.stages.flatMap((x) => x.courseIds);
  const nextCourses = s ? s.courseIds.filter((c) => !completed.has(c)) : [];
  return {
    stage,
    finished: !s,
    nextCourses,
    stageDone: s ? s.courseIds.length - nextCourses.length : 0,
    stageTotal: s ? s.courseIds.length : 0,
    done: all.filter((c) => completed.has(c)).length,
    total: all.length,
    monthsElapsed,
    behind: s !== undefined && monthsElapsed >= s.toMonth,
  };
}

export type MarkRefusal =
  /** The course is on no stage of the path. */
  | 'not_on_path'
  /** Completed already: a mark is recorded once. */
  | 'already_done'
  /** On a later stage: the current stage's courses come first. */
  | 'later_stage'
  /** Every stage is complete. */
  | 'finished';

export type MarkOutcome =
  | { ok: true; from: number; to: number; moved: boolean; finished: boolean; stageComplete: boolean }
  | { ok: false; code: MarkRefusal; stage: number };

/**
 * Mark one course completed. Only the current stage's open courses may be marked; completing its last one moves
 * the person to the next stage at once (`moved`), or finishes the path after the last stage.
 */
export function markCourse(path: PathStages, completed: ReadonlySet<number>, courseId: number): MarkOutcome {
  const from = currentStageIndex(path, completed);
  if (from >= path.stages.length) return { ok: false, code: 'finished', stage: from };
  const on = path.stages.findIndex((s) => s.courseIds.includes(courseId));
  if (on === -1) return { ok: false, code: 'not_on_path', stage: from };
  if (completed.has(courseId)) return { ok: false, code: 'already_done', stage: from };
  if (on > from) return { ok: false, code: 'later_stage', stage: from };
  const after = new Set(completed).add(courseId);
  const to = currentStageIndex(path, after);
  return { ok: true, from, to, moved: to > from, finished: to >= path.stages.length, stageComplete: to > from };
}
