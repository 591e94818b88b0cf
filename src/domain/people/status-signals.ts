// The status page's signals (issue 25 §1): plain rules over facts the page already shows, each naming exactly
// the facts that made it fire, never a label for the person. A signal proposes a conversation about the rating
// dimension that fell; missing data (a cycle, a week or a month without records) never fires a rule. Pure.
import { repeatedDrops } from '../growth/repeated-drop.js';

export interface RatedCycle {
  cycleId: number;
  schemeKey: string;
  /** Dimension key → score (1–5). */
  scores: Readonly<Record<string, number>>;
}

export interface LateWeek {
  /** ISO week, e.g. 2026-W49. */
  week: string;
  late: number;
  /** Days with any attendance record that week; 0 means no data, not a perfect week. */
  recorded: number;
}

export interface MonthValue {
  /** YYYY-MM. */
  period: string;
  value: number;
}

export interface SignalFacts {
  /** The person's closed cycles, oldest first. */
  ratings: readonly RatedCycle[];
  /** Complete ISO weeks, oldest first, consecutive (a week without records has recorded 0). */
  attendance: readonly LateWeek[];
  /** Task completion per month, oldest first. */
  tasks: readonly MonthValue[];
}

interface Drop {
  cycleId: number;
  dimension: string;
  scores: [number, number, number];
}

export type Signal =
  | (Drop & { rule: 'rating_and_late'; weeks: string[]; late: number[] })
  | (Drop & { rule: 'rating_and_tasks'; months: string[]; values: number[] });

export const SIGNAL_RULES = ['rating_and_late', 'rating_and_tasks'] as const;
export type SignalRule = (typeof SIGNAL_RULES)[number];

/** Late weeks in a row that count as "up 3 weeks running": four weeks, each later one strictly higher. */
export const LATE_WEEKS = 4;
/** Months of task completion that count as "down two months running": three months, each strictly lower. */
export const TASK_MONTHS = 3;

/** Dimensions of the latest cycle's scheme that fell in each of its last two cycles (as the talks rule reads it). */
export function ratingDrops(ratings: readonly RatedCycle[]): Drop[] {
  const latest = ratings[ratings.length - 1];
  if (!latest) return [];
  const same = ratings.filter((r) => r.schemeKey === latest.schemeKey).slice(-3);
  if (same.length < 3) return [];
  return repeatedDrops(same.map((r) => r.scores)).map((d) => ({ cycleId: latest.cycleId, ...d }));
}

/** The last LATE_WEEKS weeks when every one has records and late arrivals rose each week; else undefined. */
export function lateRising(weeks: readonly LateWeek[]): LateWeek[] | undefined {
  const last = weeks.slice(-LATE_WEEKS);
  if (last.length < LATE_WEEKS || last.some((w) => w.recorded === 0)) return undefined;
  return last.every((w, i) => i === 0 || w.late > last[i - 1]!.late) ? last : undefined;
}

const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));

/** The last TASK_MONTHS months when they follow each other and each is lower than the one before; else undefined. */
export function tasksFalling(months: readonly MonthValue[]): MonthValue[] | undefined {
  const last = months.slice(-TASK_MONTHS);
  if (last.length < TASK_MONTHS) return undefined;
  const ok = last.every(
    (m, i) => i === 0 || (monthIndex(m.period) === monthIndex(last[i - 1]!.period) + 1 && m.value < last[i - 1]!.value),
  );
  return ok ? last : undefined;
}

/** Every signal the facts support, one per rule and fallen dimension. */
export function statusSignals(facts: SignalFacts): Signal[] {
  const drops = ratingDrops(facts.ratings);
  if (drops.length === 0) return [];
  const late = lateRising(facts.attendance);
  const tasks = tasksFalling(facts.tasks);
  return drops.flatMap((d): Signal[] => [
    ...(late
      ? [{ ...d, rule: 'rating_and_late' as const, weeks: late.map((w) => w.week), late: late.map((w) => w.late) }]
      : []),
    ...(tasks
      ? [
          {
            ...d,
            rule: 'rating_and_tasks' as const,
            months: tasks.map((m) => m.period),
            values: tasks.map((m) => m.value),
          },
        ]
      : []),
  ]);
}
