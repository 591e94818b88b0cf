// Development paths as pure rules (issue 25 §4): what a path must be (each refusal naming its stage) and where
// a person stands — current stage, next courses, moving on the moment a stage's last course is completed,
// finishing, and "behind" once a stage's months have passed with courses open.
import { describe, expect, it } from 'vitest';
import {
  currentStageIndex,
  markCourse,
  monthsBetween,
  pathStatus,
  validatePath,
  type PathStages,
} from '../../src/domain/growth/paths-rules.js';
import { issueMessage } from '../../src/i18n/issues.js';
import { translator } from '../../src/i18n/index.js';

const CATALOGUE = [
  { id: 1, active: true },
  { id: 2, active: true },
  { id: 3, active: true },
  { id: 4, active: true },
  { id: 5, active: false },
];
const stage = (nameEn: string, fromMonth: number, toMonth: number, courseIds: number[]) => ({
  nameZh: `${nameEn}阶段`,
  nameEn,
  fromMonth,
  toMonth,
  courseIds,
});
const STORE_PATH = {
  nameZh: '门店成长路径',
  nameEn: 'Store growth path',
  role: 'store staff',
  stages: [stage('Basics', 1, 3, [1, 2]), stage('Store management', 3, 6, [3]), stage('Operations', 6, 12, [4])],
};
const PATH: PathStages = { stages: STORE_PATH.stages };

const refusals = (input: unknown) => {
  const r = validatePath(input, CATALOGUE);
  if (r.ok) throw new Error('expected a refusal');
  return r.issues;
};

describe('validating a path', () => {
  it('accepts the store path of the article (1–3, 3–6, 6–12 months; stages may meet at a month)', () => {
    const r = validatePath(STORE_PATH, CATALOGUE);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.path.stages.map((s) => s.courseIds)).toEqual([[1, 2], [3], [4]]);
  });

  it('refuses an empty path', () => {
    const issues = refusals({ ...STORE_PATH, stages: [] });
    expect(issues.map((i) => i.message)).toEqual(['path_empty']);
    expect(issueMessage(issues[0]!, translator('en'))).toBe('A path needs at least one stage.');
  });

  it('refuses a stage without courses, naming the stage in both languages', () => {
    const issues = refusals({ ...STORE_PATH, stages: [STORE_PATH.stages[0], stage('Store management', 3, 6, [])] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['stages', 1, 'courseIds']);
    expect(issueMessage(issues[0]!, translator('en'))).toBe(
      'Stage 2 (Store management阶段 / Store management) has no courses: add at least one.',
    );
    expect(issueMessage(issues[0]!, translator('zh-CN'))).toBe(
      '第 2 阶段（Store management阶段 / Store management）还没有课程：至少添加一门。',
    );
  });

  it('refuses reversed and overlapping month ranges at the stage concerned', () => {
    const reversed = refusals({ ...STORE_PATH, stages: [stage('Basics', 3, 1, [1])] });
    expect(reversed.map((i) => [i.message, i.path])).toEqual([['path_stage_reversed', ['stages', 0, 'toMonth']]]);
    expect(issueMessage(reversed[0]!, translator('en'))).toBe(
      'Stage 1 (Basics阶段 / Basics): the months must run forwards (the end after the start).',
    );
    const overlap = refusals({ ...STORE_PATH, stages: [stage('Basics', 0, 4, [1]), stage('Store', 3, 6, [2])] });
    expect(overlap.map((i) => [i.message, i.path])).toEqual([['path_stage_overlap', ['stages', 1, 'fromMonth']]]);
    expect(issueMessage(overlap[0]!, translator('en'))).toBe(
      'Stage 2 (Store阶段 / Store) starts before stage 1 ends (month 4): stages may not overlap.',
    );
  });

  it('refuses an unknown or retired course and a course on two stages', () => {
    const issues = refusals({
      ...STORE_PATH,
      stages: [stage('Basics', 0, 3, [1, 99]), stage('Store', 3, 6, [5, 1])],
    });
    expect(issues.map((i) => [i.message, i.path])).toEqual([
      ['path_course_unknown', ['stages', 0, 'courseIds', 1]],
      ['path_course_inactive', ['stages', 1, 'courseIds', 0]],
      ['path_course_twice', ['stages', 1, 'courseIds', 1]],
    ]);
    expect(issueMessage(issues[0]!, translator('en'))).toBe('Stage 1 (Basics阶段 / Basics): there is no course #99.');
  });

  it('refuses a malformed path by its fields (zod): no name, a fractional month', () => {
    const issues = refusals({ ...STORE_PATH, nameEn: ' ', stages: [stage('Basics', 0, 2.5, [1])] });
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['nameEn', 'stages.0.toMonth']);
  });
});

describe('where a person stands', () => {
  it('counts whole calendar months from the start', () => {
    expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
    expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0);
    expect(monthsBetween('2025-11-01', '2026-05-01')).toBe(6);
    expect(monthsBetween('2026-05-01', '2026-04-01')).toBe(0);
  });

  it('a new starter is on stage 1 with its courses next, not behind', () => {
    const s = pathStatus(PATH, new Set(), '2026-01-10', '2026-01-20');
    expect(s).toMatchObject({ stage: 0, finished: false, nextCourses: [1, 2], stageDone: 0, stageTotal: 2 });
    expect(s).toMatchObject({ done: 0, total: 4, behind: false, monthsElapsed: 0 });
  });

  it('is behind once the stage months passed with courses open', () => {
    expect(pathStatus(PATH, new Set([1]), '2026-01-10', '2026-04-09').behind).toBe(false);
    const late = pathStatus(PATH, new Set([1]), '2026-01-10', '2026-04-10');
    expect(late).toMatchObject({ stage: 0, behind: true, nextCourses: [2], stageDone: 1 });
  });

  it('completing a stage moves the person on at once, before its months are up', () => {
    const s = pathStatus(PATH, new Set([1, 2]), '2026-01-10', '2026-01-11');
    expect(s).toMatchObject({ stage: 1, nextCourses: [3], behind: false, done: 2 });
  });

  it('all courses completed: finished, nothing next, never behind', () => {
    const s = pathStatus(PATH, new Set([1, 2, 3, 4]), '2020-01-01', '2026-01-01');
    expect(s).toMatchObject({ stage: 3, finished: true, nextCourses: [], behind: false, done: 4, total: 4 });
    expect(currentStageIndex(PATH, new Set([1, 2, 3, 4]))).toBe(3);
  });
});

describe('marking a course', () => {
  it('one of two courses: stays on the stage', () => {
    expect(markCourse(PATH, new Set(), 1)).toEqual({
      ok: true,
      from: 0,
      to: 0,
      moved: false,
      finished: false,
      stageComplete: false,
    });
  });

  it('the last course of a stage moves on to the next', () => {
    expect(markCourse(PATH, new Set([1]), 2)).toMatchObject({ ok: true, from: 0, to: 1, moved: true, finished: false });
  });

  it('the last course of the last stage finishes the path', () => {
    expect(markCourse(PATH, new Set([1, 2, 3]), 4)).toMatchObject({ ok: true, from: 2, to: 3, finished: true });
  });

  it('refuses a course not on the path, one done already, one of a later stage, and anything once finished', () => {
    expect(markCourse(PATH, new Set(), 9)).toEqual({ ok: false, code: 'not_on_path', stage: 0 });
    expect(markCourse(PATH, new Set([1]), 1)).toEqual({ ok: false, code: 'already_done', stage: 0 });
    expect(markCourse(PATH, new Set([1]), 3)).toEqual({ ok: false, code: 'later_stage', stage: 0 });
    expect(markCourse(PATH, new Set([1, 2, 3, 4]), 4)).toEqual({ ok: false, code: 'finished', stage: 3 });
  });
});
