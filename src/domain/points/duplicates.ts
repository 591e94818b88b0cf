// The duplicate check on a point claim: an earlier claim by the same person, of the same tag, made within 30
// days before it, whose text is close (similarity.ts). It is a flag for the approver, not a refusal. It runs once
// when the claim is submitted (or resubmitted after edits) and is stored with the request (approval_requests.
// similar), so drawing a card reads it instead of scanning the person's claims on every redraw (issue 22).
import { and, asc, desc, eq, gt, gte, lt, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { approvalRequests } from '../../db/schema.js';
import { jsonArrayHas } from '../../db/sql-dialect.js';
import type { RequestPayload } from '../approvals/requests.js';
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

/** What an earlier claim's payload must hold to be compared (read here, not with requests.ts's whole schema). */
const claimFields = z.object({ kind: z.literal('point_claim'), tagId: z.number().int(), description: z.string() });

/**
 * The check itself. `req.id`: the claim's own id once stored (claims made after it are not earlier); absent
 * before it is stored, when every claim on record is earlier. `flowKey`: the flow point claims go through.
 */
export async function similarEarlierClaim(
  db: Db,
  req: { id?: number; applicantId: number; createdAt: string; flowKey: string; payload: { kind: string } },
): Promise<SimilarClaim | undefined> {
  const parsed = claimFields.safeParse(req.payload);
  if (!parsed.success) return undefined;
  const claim = parsed.data;
  const created = new Date(req.createdAt);
  const rows = await db
    .select({ id: approvalRequests.id, createdAt: approvalRequests.createdAt, payload: approvalRequests.payload })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.applicantId, req.applicantId),
        eq(approvalRequests.flowKey, req.flowKey),
        ne(approvalRequests.status, 'cancelled'),
        gte(approvalRequests.createdAt, new Date(created.getTime() - DUPLICATE_WINDOW_DAYS * DAY).toISOString()),
        // Earlier: made before this one (ties broken by id, as several claims may share a second).
        req.id === undefined ? undefined : lt(approvalRequests.id, req.id),
      ),
    )
    .orderBy(desc(approvalRequests.id))
    .limit(200);
  const earlier = rows.flatMap((r) => {
    const q = claimFields.safeParse(JSON.parse(r.payload));
    return q.success && r.createdAt <= req.createdAt
      ? [{ id: r.id, createdAt: r.createdAt, tagId: q.data.tagId, description: q.data.description }]
      : [];
  });
  return closestEarlier(claim, earlier);
}

/** approval_requests.similar: the check's result as stored — the earlier claim as it was then, or none. */
const storedSchema = z.object({
  of: z.object({ id: z.number().int(), createdAt: z.string(), description: z.string(), score: z.number() }).nullable(),
});

export const storeSimilar = (similar: SimilarClaim | undefined): string => JSON.stringify({ of: similar ?? null });

/** The stored check: `checked` false for a row from before it was stored (or unreadable), so callers run it. */
export function readSimilar(text: string | null): { checked: false } | { checked: true; similar?: SimilarClaim } {
  if (text === null) return { checked: false };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { checked: false };
  }
  const r = storedSchema.safeParse(json);
  if (!r.success) return { checked: false };
  return r.data.of ? { checked: true, similar: r.data.of } : { checked: true };
}

/** Run the check for a stored claim and store its result (a resubmission with an edited text or tag). */
export async function recheckSimilar(
  db: Db,
  req: { id: number; applicantId: number; createdAt: string; flowKey: string; payload: RequestPayload },
): Promise<SimilarClaim | undefined> {
  const similar = await similarEarlierClaim(db, req);
  await db
    .update(approvalRequests)
    .set({ similar: storeSimilar(similar) })
    .where(eq(approvalRequests.id, req.id));
  return similar;
}

/**
 * Whether `viewerId` reviews a later claim whose duplicate flag names `earlier`: someone asked to decide it (its
 * approvers, past and present). They may open the earlier claim the flag links to, read-only, though it was never
 * theirs to decide. A later claim is one of the same person's within the window after the earlier one.
 */
export async function flagLinksViewerTo(
  db: Db,
  earlier: { id: number; applicantId: number; createdAt: string; flowKey: string },
  viewerId: number,
): Promise<boolean> {
  const until = new Date(new Date(earlier.createdAt).getTime() + DUPLICATE_WINDOW_DAYS * DAY).toISOString();
  const rows = await db
    .select({
      id: approvalRequests.id,
      applicantId: approvalRequests.applicantId,
      createdAt: approvalRequests.createdAt,
      payload: approvalRequests.payload,
      similar: approvalRequests.similar,
    })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.applicantId, earlier.applicantId),
        eq(approvalRequests.flowKey, earlier.flowKey),
        gt(approvalRequests.id, earlier.id),
        lte(approvalRequests.createdAt, until),
        jsonArrayHas(approvalRequests.asked, viewerId),
      ),
    )
    .orderBy(asc(approvalRequests.id))
    .limit(200);
  for (const r of rows) {
    const stored = readSimilar(r.similar);
    if (stored.checked) {
      if (stored.similar?.id === earlier.id) return true;
      continue;
    }
    // A claim from before the flag was stored: its flag is what the check finds now, as its card shows.
    const payload = JSON.parse(r.payload) as { kind: string };
    const found = await similarEarlierClaim(db, { ...r, flowKey: earlier.flowKey, payload });
    if (found?.id === earlier.id) return true;
  }
  return false;
}
