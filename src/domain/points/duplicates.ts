// The duplicate check on a point claim: an earlier claim by the same person, of the same tag, made within 30
// days before it, whose text is close (similarity.ts). It is a flag for the approver, not a refusal; it is
// worked out when the card is drawn, so it needs nothing stored and follows edits of a returned claim.
import { and, desc, eq, gte, lt, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests } from '../../db/schema.js';
import { FLOW_FOR, payloadSchema, type RequestPayload } from '../approvals/requests.js';
import { SIMILAR_AT, similarity } from './similarity.js';

export const DUPLICATE_WINDOW_DAYS = 30;
const DAY = 86_400_000;

export interface SimilarClaim {
  id: number;
  createdAt: string;
  description: string;
  score: number;
}

/** The closest earlier claim within the window (cancelled ones left out), if any is close enough. */
export function closestEarlier(
  claim: { tagId: number; description: string },
  earlier: readonly { id: number; createdAt: string; tagId: number; description: string }[],
): SimilarClaim | undefined {
  let best: SimilarClaim | undefined;
  for (const e of earlier) {
    if (e.tagId !== claim.tagId) continue;
    const score = similarity(claim.description, e.description);
    if (score >= SIMILAR_AT && (!best || score > best.score))
      best = { id: e.id, createdAt: e.createdAt, description: e.description, score };
  }
  return best;
}

export async function similarEarlierClaim(
  db: Db,
  req: { id: number; applicantId: number; createdAt: string; payload: RequestPayload },
): Promise<SimilarClaim | undefined> {
  const claim = req.payload;
  if (claim.kind !== 'point_claim') return undefined;
  const created = new Date(req.createdAt);
  const rows = await db
    .select({ id: approvalRequests.id, createdAt: approvalRequests.createdAt, payload: approvalRequests.payload })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.applicantId, req.applicantId),
        eq(approvalRequests.flowKey, FLOW_FOR.point_claim),
        ne(approvalRequests.status, 'cancelled'),
        ne(approvalRequests.id, req.id),
        gte(approvalRequests.createdAt, new Date(created.getTime() - DUPLICATE_WINDOW_DAYS * DAY).toISOString()),
        // Earlier: made before this one (ties broken by id, as several claims may share a second).
        lt(approvalRequests.id, req.id),
      ),
    )
    .orderBy(desc(approvalRequests.id))
    .limit(200);
  const earlier = rows.flatMap((r) => {
    const q = payloadSchema.safeParse(JSON.parse(r.payload));
    return q.success && q.data.kind === 'point_claim' && r.createdAt <= req.createdAt
      ? [{ id: r.id, createdAt: r.createdAt, tagId: q.data.tagId, description: q.data.description }]
      : [];
  });
  return closestEarlier(claim, earlier);
}
