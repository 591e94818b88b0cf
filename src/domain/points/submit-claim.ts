// Submitting a point claim: the caps are checked first (caps.ts), so a claim over a cap writes nothing, then
// it becomes an approval request like any other. Chat and the mini-app both come through here, in one unit of
// work: two claims at the same moment cannot both take a cap's last place (SQLite has one writer; PostgreSQL
// runs units SERIALIZABLE and retries the one that conflicts, which then counts the other).
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';
import { FLOW_FOR, payloadSchema, submitRequest, type SubmitError } from '../approvals/requests.js';
import { deliveryRules } from '../surveys/delivery-settings.js';
import { checkCaps, claimCaps, type CapKind, type ClaimCounts } from './caps.js';
import type { PointClaimPayload } from './claims.js';
import { periodRange } from './periods.js';

/** The organisation's time zone (HR's delivery settings, else the configured default). */
export async function companyTimeZone(db: Db, fallbackTimeZone: string): Promise<string> {
  return (await deliveryRules(db, fallbackTimeZone)).timeZone;
}

/** Statuses that count against a cap: a claim still alive or granted. */
const COUNTED = ['pending', 'returned', 'approved'] as const;

/** The person's counted claims in the current day and month of `at` (company time zone), in all and for a tag. */
export async function claimCounts(
  db: Db,
  applicantId: number,
  tagId: number,
  at: Date,
  timeZone: string,
): Promise<ClaimCounts> {
  const month = periodRange(at, 'month', timeZone);
  const day = periodRange(at, 'day', timeZone);
  const rows = await db
    .select({ payload: approvalRequests.payload, createdAt: approvalRequests.createdAt })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.applicantId, applicantId),
        eq(approvalRequests.flowKey, FLOW_FOR.point_claim),
        inArray(approvalRequests.status, [...COUNTED]),
        gte(approvalRequests.createdAt, month.from.toISOString()),
      ),
    );
  const counts: ClaimCounts = { personDay: 0, personMonth: 0, tagDay: 0, tagMonth: 0 };
  for (const r of rows) {
    const created = new Date(r.createdAt);
    if (created >= month.until) continue;
    const p = payloadSchema.safeParse(JSON.parse(r.payload));
    if (!p.success || p.data.kind !== 'point_claim') continue;
    const sameTag = p.data.tagId === tagId;
    const today = created >= day.from && created < day.until;
    counts.personMonth++;
    if (today) counts.personDay++;
    if (sameTag) counts.tagMonth++;
    if (sameTag && today) counts.tagDay++;
  }
  return counts;
}

export type ClaimSubmitError =
  | { code: SubmitError; step?: Record<Locale, string> }
  | { code: 'over_cap'; cap: CapKind; limit: number; resetsAt: Date };

export async function submitClaim(
  db: Db,
  input: { applicantId: number; payload: PointClaimPayload; now: Date; timeZone: string; submittedBy?: number },
): Promise<
  ({ ok: true } & Extract<Awaited<ReturnType<typeof submitRequest>>, { ok: true }>) | ({ ok: false } & ClaimSubmitError)
> {
  const caps = await claimCaps(db);
  const counts = await claimCounts(db, input.applicantId, input.payload.tagId, input.now, input.timeZone);
  const checked = checkCaps(caps, input.payload.tagId, counts, input.now, input.timeZone);
  if (!checked.ok)
    return { ok: false, code: 'over_cap', cap: checked.cap, limit: checked.limit, resetsAt: checked.resetsAt };
  const r = await submitRequest(db, {
    applicantId: input.applicantId,
    payload: input.payload,
    now: input.now,
    ...(input.submittedBy === undefined ? {} : { submittedBy: input.submittedBy }),
  });
  return r.ok ? r : { ok: false, code: r.code, ...(r.step ? { step: r.step } : {}) };
}
