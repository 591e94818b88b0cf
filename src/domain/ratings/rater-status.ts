// Whether someone rates anyone in a cycle that is still open: the mini-app offers "Rate my team" to such
// a person even when they lead no unit (a named-person rater rule, e.g. HQ's head of a function). And the
// cycles not yet closed that they rate in: chat's `/rate` and the mini-app's rater forms list them.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingCycles, ratingRaters } from '../../db/schema.js';

export async function hasOpenRaterTasks(db: Db, personId: number, now: Date): Promise<boolean> {
  return Boolean(
    (
      await db
        .select({ id: ratingCycles.id })
        .from(ratingCycles)
        .innerJoin(ratingRaters, eq(ratingRaters.cycleId, ratingCycles.id))
        .where(
          and(
            isNull(ratingCycles.closedAt),
            gt(ratingCycles.closesAt, now.toISOString()),
            eq(ratingRaters.raterId, personId),
          ),
        )
        .limit(1)
    )[0],
  );
}

/** The ids of the cycles not yet closed (closed_at unset, whatever their deadline) in which this person rates. */
export async function unclosedCyclesRatedBy(db: Db, raterId: number): Promise<number[]> {
  return (
    await db
      .select({ id: ratingCycles.id })
      .from(ratingCycles)
      .innerJoin(ratingRaters, eq(ratingRaters.cycleId, ratingCycles.id))
      .where(and(isNull(ratingCycles.closedAt), eq(ratingRaters.raterId, raterId)))
  ).map((r) => r.id);
}
