// Rater links follow a change of manager: in cycles still open, the dimensions the old manager was to rate
// and has not rated yet go to the new one. Ratings already given stay with who gave them.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingAssignments, ratingCycles, ratingRaters, ratings } from '../../db/schema.js';
import { audit } from '../audit.js';

export async function moveRaterLinks(
  db: Db,
  input: { subjectId: number; fromRaterId: number; toRaterId: number | null },
): Promise<{ cycleId: number; dimension: string }[]> {
  if (input.toRaterId === input.fromRaterId || input.toRaterId === input.subjectId) return [];
  const links = (
    await db
      .select({ cycleId: ratingAssignments.cycleId, dimension: ratingAssignments.dimension, rated: ratings.value })
      .from(ratingAssignments)
      .innerJoin(ratingCycles, eq(ratingCycles.id, ratingAssignments.cycleId))
      .leftJoin(
        ratings,
        and(
          eq(ratings.cycleId, ratingAssignments.cycleId),
          eq(ratings.subjectId, ratingAssignments.subjectId),
          eq(ratings.dimension, ratingAssignments.dimension),
        ),
      )
      .where(
        and(
          eq(ratingAssignments.subjectId, input.subjectId),
          eq(ratingAssignments.raterId, input.fromRaterId),
          isNull(ratingCycles.closedAt),
        ),
      )
  ).filter((l) => l.rated === null);
  for (const l of links) {
    await db
      .update(ratingAssignments)
      .set({ raterId: input.toRaterId })
      .where(
        and(
          eq(ratingAssignments.cycleId, l.cycleId),
          eq(ratingAssignments.subjectId, input.subjectId),
          eq(ratingAssignments.dimension, l.dimension),
        ),
      );
    if (input.toRaterId !== null)
      await db.insert(ratingRaters).values({ cycleId: l.cycleId, raterId: input.toRaterId }).onConflictDoNothing();
  }
  if (links.length)
    await audit(db, { kind: 'system' }, 'rating.rater.move', `employee:${input.subjectId}`, {
      from: input.fromRaterId,
      to: input.toRaterId,
      links: links.length,
    });
  return links.map((l) => ({ cycleId: l.cycleId, dimension: l.dimension }));
}
