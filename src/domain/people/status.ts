// A person's status page (issue 25 §1), read-only, built from named (non-anonymous) sources only: closed rating
// cycles, attendance weeks, task completion, the points ledger and claims, training and performance talks.
// Nothing here reads a survey table — no answer, comment, tally, pool or thread — and a test builds the page
// with every statement recorded to hold that (tests/privacy/status-page-sources.test.ts). Who may build it is
// the caller's check (status-access.ts); every view is audited by the caller.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests, employees, performanceTalks, ratingCycles, ratingResults } from '../../db/schema.js';
import { attendanceWeeks } from '../attendance/index.js';
import { trainingRecordsOf } from '../growth/training.js';
import { monthlyValues, TASK_COMPLETION } from '../indicators/task-completion.js';
import { unitName } from '../org/employees.js';
import { balanceOf } from '../points/ledger.js';
import type { SchemeDefinition } from '../ratings/scheme.js';
import { completeWeeksBefore, monthsUpTo } from './status-weeks.js';
import { statusSignals, type Signal } from './status-signals.js';

export const STATUS_CYCLES = 8;
export const STATUS_WEEKS = 12;
export const STATUS_MONTHS = 12;
export const STATUS_CLAIMS = 5;

type Names = { 'zh-CN': string; en: string };

/** One complete ISO week of a person's attendance: counts by status, late minutes, days recorded (0: no data). */
export interface StatusWeek {
  week: string;
  onTime: number;
  late: number;
  earlyLeave: number;
  absent: number;
  onLeave: number;
  notClockedIn: number;
  lateMinutes: number;
  recorded: number;
}

export interface StatusRating {
  cycleId: number;
  closedAt: string;
  scheme: Names;
  composite: number | null;
  dimensions: { key: string; name: Names; score: number | null }[];
  /** The two lowest-scored dimensions of the cycle (fewer when fewer were scored). */
  lowest: string[];
}

export interface StatusTalk {
  id: number;
  cycleId: number;
  dimension: string;
  dimensionName: Names;
  scores: number[];
  status: 'open' | 'done';
  dueAt: string;
  doneAt: string | null;
}

export interface PersonStatus {
  person: { id: number; name: string; title: string | null; unit: string | null; active: boolean };
  ratings: StatusRating[];
  /** The last STATUS_WEEKS complete weeks, oldest first, every week present (zeros where nothing was recorded). */
  attendance: StatusWeek[];
  /** Task completion per month of the last STATUS_MONTHS months that have a value, oldest first. */
  tasks: { period: string; value: number }[];
  points: {
    balance: number;
    claims: { requestId: number; description: string; points: number; status: string; createdAt: string }[];
  };
  training: { course: Names; dimension: string; state: string; completedAt: string | null }[];
  talks: StatusTalk[];
  signals: (Signal & { talk: { id: number; status: 'open' | 'done' } | null; dimensionName: Names })[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

async function ratingsOf(db: Db, personId: number) {
  const rows = await db
    .select({
      cycleId: ratingCycles.id,
      closedAt: ratingCycles.closedAt,
      snapshot: ratingCycles.schemeSnapshot,
      scores: ratingResults.scores,
      composite: ratingResults.composite,
    })
    .from(ratingResults)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
    .where(and(eq(ratingResults.employeeId, personId), isNotNull(ratingCycles.closedAt)))
    .orderBy(asc(ratingCycles.closedAt), asc(ratingCycles.id));
  return rows.map((r) => ({
    cycleId: r.cycleId,
    closedAt: r.closedAt!,
    scheme: JSON.parse(r.snapshot) as SchemeDefinition,
    scores: JSON.parse(r.scores) as Record<string, number>,
    composite: r.composite,
  }));
}

export async function personStatus(
  db: Db,
  input: { personId: number; today: string },
): Promise<PersonStatus | undefined> {
  const person = (
    await db
      .select({
        id: employees.id,
        name: employees.name,
        title: employees.title,
        unitId: employees.unitId,
        active: employees.active,
      })
      .from(employees)
      .where(eq(employees.id, input.personId))
      .limit(1)
  )[0];
  if (!person) return undefined;

  const rated = await ratingsOf(db, person.id);
  const dimensionNames = new Map<string, Names>();
  for (const r of rated) for (const d of r.scheme.dimensions) dimensionNames.set(d.key, d.name);
  const nameOf = (key: string): Names => dimensionNames.get(key) ?? { 'zh-CN': key, en: key };
  const ratings: StatusRating[] = rated.slice(-STATUS_CYCLES).map((r) => {
    const scored = r.scheme.dimensions
      .map((d) => ({ key: d.key, name: d.name, score: r.scores[d.key] ?? null }))
      .filter((d) => d.score !== null) as { key: string; name: Names; score: number }[];
    return {
      cycleId: r.cycleId,
      closedAt: r.closedAt,
      scheme: r.scheme.name,
      composite: r.composite === null ? null : round2(r.composite),
      dimensions: r.scheme.dimensions.map((d) => ({ key: d.key, name: d.name, score: r.scores[d.key] ?? null })),
      lowest: [...scored]
        .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
        .slice(0, 2)
        .map((d) => d.key),
    };
  });

  const window = completeWeeksBefore(input.today, STATUS_WEEKS);
  const byWeek = new Map(
    (await attendanceWeeks(db, person.id, { fromDay: window.fromDay, toDay: window.toDay })).map((w) => [w.week, w]),
  );
  const attendance: StatusWeek[] = window.weeks.map((week) => {
    const w = byWeek.get(week);
    return {
      week,
      onTime: w?.counts.on_time ?? 0,
      late: w?.counts.late ?? 0,
      earlyLeave: w?.counts.early_leave ?? 0,
      absent: w?.counts.absent ?? 0,
      onLeave: w?.counts.on_leave ?? 0,
      notClockedIn: w?.counts.not_clocked_in ?? 0,
      lateMinutes: w?.lateMinutes ?? 0,
      recorded: w?.days ?? 0,
    };
  });

  const months = monthsUpTo(input.today, STATUS_MONTHS);
  const values = await monthlyValues(db, person.id, TASK_COMPLETION);
  const tasks = months.flatMap((period) => {
    const value = values.get(period);
    return value === undefined ? [] : [{ period, value }];
  });

  const claimRows = await db
    .select({
      id: approvalRequests.id,
      payload: approvalRequests.payload,
      status: approvalRequests.status,
      createdAt: approvalRequests.createdAt,
    })
    .from(approvalRequests)
    .where(eq(approvalRequests.applicantId, person.id))
    .orderBy(desc(approvalRequests.id));
  const claims = claimRows
    .map((r) => ({ ...r, payload: JSON.parse(r.payload) as { kind?: string; description?: string; points?: number } }))
    .filter((r) => r.payload.kind === 'point_claim')
    .slice(0, STATUS_CLAIMS)
    .map((r) => ({
      requestId: r.id,
      description: r.payload.description ?? '',
      points: r.payload.points ?? 0,
      status: r.status,
      createdAt: r.createdAt,
    }));

  const training = (await trainingRecordsOf(db, person.id)).map((t) => ({
    course: { 'zh-CN': t.nameZh, en: t.nameEn },
    dimension: t.dimension,
    state: t.state,
    completedAt: t.completedAt,
  }));

  const talks: StatusTalk[] = (
    await db
      .select()
      .from(performanceTalks)
      .where(eq(performanceTalks.employeeId, person.id))
      .orderBy(desc(performanceTalks.id))
  ).map((t) => ({
    id: t.id,
    cycleId: t.cycleId,
    dimension: t.dimension,
    dimensionName: nameOf(t.dimension),
    scores: JSON.parse(t.scores) as number[],
    status: t.status,
    dueAt: t.dueAt,
    doneAt: t.doneAt,
  }));

  const signals = statusSignals({
    ratings: rated.map((r) => ({ cycleId: r.cycleId, schemeKey: r.scheme.key, scores: r.scores })),
    attendance: attendance.map((w) => ({ week: w.week, late: w.late, recorded: w.recorded })),
    tasks,
  }).map((s) => {
    const talk = talks.find((t) => t.cycleId === s.cycleId && t.dimension === s.dimension);
    return { ...s, dimensionName: nameOf(s.dimension), talk: talk ? { id: talk.id, status: talk.status } : null };
  });

  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      unit: (await unitName(db, person.unitId)) ?? null,
      active: person.active,
    },
    ratings,
    attendance,
    tasks,
    points: { balance: await balanceOf(db, person.id), claims },
    training,
    talks,
    signals,
  };
}
