// The approvals centre's "decided by me" tab: the requests a person approved, rejected or returned.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalDecisions } from '../../db/schema.js';

/** The ids of the requests this person has decided (approve, reject, return) at any step, newest first. */
export async function requestIdsDecidedBy(db: Db, actorId: number): Promise<number[]> {
  return (
    await db
      .selectDistinct({ id: approvalDecisions.requestId })
      .from(approvalDecisions)
      .where(
        and(eq(approvalDecisions.actorId, actorId), inArray(approvalDecisions.kind, ['approve', 'reject', 'return'])),
      )
      .orderBy(desc(approvalDecisions.requestId))
  ).map((r) => r.id);
}
