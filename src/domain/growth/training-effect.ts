// Did a course help? (pure) The course's dimension, averaged over the cycles closed before and after
// completion: for the people who completed it (each split at their own completion) and, as the comparison,
// for everyone else rated on the dimension (split at the course's first completion). A person counts only
// with a score on both sides, and each person weighs the same however many cycles they have on a side.

export interface DimensionScore {
  employeeId: number;
  /** When the cycle closed (ISO). */
  closedAt: string;
  score: number;
}

export interface GroupEffect {
  /** People with a score both before and after. */
  people: number;
  before: number | null;
  after: number | null;
  /** after − before. */
  change: number | null;
}

export interface TrainingEffect {
  completed: GroupEffect;
  others: GroupEffect;
  /** The comparison group's split: the course's first completion; null when nobody completed it. */
  splitAt: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function group(perPerson: Map<number, { before: number[]; after: number[] }>): GroupEffect {
  const both = [...perPerson.values()].filter((p) => p.before.length > 0 && p.after.length > 0);
  if (both.length === 0) return { people: 0, before: null, after: null, change: null };
  const before = mean(both.map((p) => mean(p.before)));
  const after = mean(both.map((p) => mean(p.after)));
  return { people: both.length, before: round2(before), after: round2(after), change: round2(after - before) };
}

/**
 * `completions`: person → when they completed the course (ISO). A cycle closed at or before that instant
 * is "before" (its ratings could not reflect the course); one closed after it is "after".
 */
export function trainingEffect(
  scores: readonly DimensionScore[],
  completions: ReadonlyMap<number, string>,
): TrainingEffect {
  const splitAt = [...completions.values()].sort()[0] ?? null;
  const completed = new Map<number, { before: number[]; after: number[] }>();
  const others = new Map<number, { before: number[]; after: number[] }>();
  if (splitAt === null) return { completed: group(completed), others: group(others), splitAt };
  for (const s of scores) {
    const own = completions.get(s.employeeId);
    const into = own !== undefined ? completed : others;
    const at = own ?? splitAt;
    const p = into.get(s.employeeId) ?? { before: [], after: [] };
    (s.closedAt <= at ? p.before : p.after).push(s.score);
    into.set(s.employeeId, p);
  }
  return { completed: group(completed), others: group(others), splitAt };
}
