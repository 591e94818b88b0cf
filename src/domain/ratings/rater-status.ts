// Whether someone rates anyone in a cycle that is still open: the mini-app offers "Rate my team" to such
// a person even when they lead no unit (a named-person rater rule, e.g. HQ's head of a function).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingCycles, ratingRaters } from '../../db/schema.js';

export function hasOpenRaterTasks(db: Db, personId: number, now: Date): boolean {
  return Boolean(
    db
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
      .get(),
  );
}
