// Someone asked for the first time gets the full privacy notice on the survey card. "First" counts the waves
// that reached them (the one being sent included); waves that could not reach them do not count: they never
// saw those cards.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyParticipation } from '../../db/schema.js';

/** Whether at most one wave (the one being sent) has reached this person. */
export async function isFirstSurvey(db: Db, employeeId: number): Promise<boolean> {
  return (
    (
      await db
        .select({ n: count() })
        .from(surveyParticipation)
        .where(and(eq(surveyParticipation.employeeId, employeeId), eq(surveyParticipation.reachable, true)))
        .limit(1)
    )[0]!.n <= 1
  );
}
