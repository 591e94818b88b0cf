// Rating schemes' imported dimensions read pushed indicators: a person's value for an indicator whose key is an
// indicator dimension of an open cycle that rates them is written where the chat's CSV import writes
// (ratings, normalised to 1–5, no rater), so the cycle, its coverage and its close read one place. A cycle
// takes the value of the period containing the day it opened (company time zone): the November cycle reads
// 2026-11 (or 2026-Q4, whichever was pushed last).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingAssignments, ratingCycles, ratings } from '../../db/schema.js';
import { normaliseIndicator } from '../ratings/composite.js';
import type { SchemeDefinition } from '../ratings/scheme.js';
import { calendarDay } from '../surveys/calendar-day.js';
import { periodHasDay, type Period } from './periods.js';

export interface OpenIndicatorCycle {
  id: number;
  openedDay: string;
  dimensions: SchemeDefinition['dimensions'];
}

export async function openIndicatorCycles(db: Db, timeZone: string): Promise<OpenIndicatorCycle[]> {
  const rows = await db.select().from(ratingCycles).where(isNull(ratingCycles.closedAt));
  return rows
    .map((r) => ({
      id: r.id,
      openedDay: calendarDay(new Date(r.openedAt), timeZone),
      dimensions: (JSON.parse(r.schemeSnapshot) as SchemeDefinition).dimensions.filter((d) => d.kind === 'indicator'),
    }))
    .filter((c) => c.dimensions.length > 0);
}

/** Write one person's value into the open cycles that read it; returns how many cycle scores it set or changed. */
export async function feedCycles(
  db: Db,
  cycles: readonly OpenIndicatorCycle[],
  v: { personId: number; indicatorKey: string; period: Period; value: number; now: Date },
): Promise<number> {
  let fed = 0;
  for (const c of cycles) {
    const dim = c.dimensions.find((d) => d.key === v.indicatorKey);
    if (!dim?.indicator || !periodHasDay(v.period, c.openedDay)) continue;
    const assigned = await db
      .select({ s: ratingAssignments.subjectId })
      .from(ratingAssignments)
      .where(
        and(
          eq(ratingAssignments.cycleId, c.id),
          eq(ratingAssignments.subjectId, v.personId),
          eq(ratingAssignments.dimension, dim.key),
        ),
      )
      .limit(1);
    if (!assigned.length) continue;
    const value = normaliseIndicator(v.value, dim.indicator);
    // Already there (a re-push): nothing to write. Missing (a cycle opened after the first push): written now.
    const current = await db
      .select({ value: ratings.value })
      .from(ratings)
      .where(and(eq(ratings.cycleId, c.id), eq(ratings.subjectId, v.personId), eq(ratings.dimension, dim.key)))
      .limit(1);
    if (current[0]?.value === value) continue;
    const at = v.now.toISOString();
    await db
      .insert(ratings)
      .values({ cycleId: c.id, subjectId: v.personId, dimension: dim.key, value, raterId: null, updatedAt: at })
      .onConflictDoUpdate({
        target: [ratings.cycleId, ratings.subjectId, ratings.dimension],
        set: { value, updatedAt: at },
      });
    fed++;
  }
  return fed;
}
