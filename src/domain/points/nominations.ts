// Peer nomination: anyone puts a colleague forward for a value tag, with what they did and the value created.
// A nomination is a point claim made *for* the nominee: the nominee is the request's applicant (so the approver
// chain resolves from them — their manager, not the nominator's — and the points land on their ledger), and the
// payload names the nominator, who is also the submit decision's actor (the timeline's "nominated by").
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';
import { findByEmail, getPerson } from '../org/employees.js';
import type { PointClaimPayload } from './claims.js';
import { submitClaim, type ClaimSubmitError } from './submit-claim.js';

export interface Colleague {
  id: number;
  name: string;
  email: string | null;
  active: boolean;
}
export type ColleagueLookup =
  | { ok: true; person: Colleague }
  | { ok: false; code: 'unknown_person' }
  | { ok: false; code: 'ambiguous'; matches: Colleague[] };

/** How many of an ambiguous name's matches the refusal lists. */
export const MATCHES_SHOWN = 8;

/** A whole name wins over partial ones; with several people left, the lookup is ambiguous. Pure. */
export function pickColleague(ref: string, hits: readonly Colleague[]): ColleagueLookup {
  const lower = ref.trim().toLowerCase();
  const exact = hits.filter((h) => h.name.toLowerCase() === lower);
  const pick = exact.length === 1 ? exact : hits;
  if (pick.length === 1) return { ok: true, person: pick[0]! };
  return pick.length
    ? { ok: false, code: 'ambiguous', matches: pick.slice(0, MATCHES_SHOWN) }
    : { ok: false, code: 'unknown_person' };
}

/**
 * A colleague named by work e-mail or by (part of) their name. People who left are found too, so the refusal
 * can say they left rather than that nobody has that name.
 */
export async function findColleague(db: Db, ref: string): Promise<ColleagueLookup> {
  const q = ref.trim().replace(/^@/, '');
  if (!q) return { ok: false, code: 'unknown_person' };
  if (q.includes('@')) {
    const p = await findByEmail(db, q);
    return p
      ? { ok: true, person: { id: p.id, name: p.name, email: p.email, active: p.active } }
      : { ok: false, code: 'unknown_person' };
  }
  const hits = await db
    .select({ id: employees.id, name: employees.name, email: employees.email, active: employees.active })
    .from(employees)
    // LIKE with its wildcards escaped: portable SQL, and "%" in a name means a percent sign.
    .where(sql`lower(${employees.name}) like ${`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`)
    .orderBy(employees.name)
    .limit(50);
  return pickColleague(q, hits);
}

export type NominationRefusal = 'self' | 'left' | 'unknown_person';

/** Who may not be nominated: oneself, someone who has left, someone not in the organisation. Pure. */
export function nominationRefusal(
  nominatorId: number,
  nominee: { id: number; active: boolean } | undefined,
): NominationRefusal | undefined {
  if (!nominee) return 'unknown_person';
  if (nominee.id === nominatorId) return 'self';
  if (!nominee.active) return 'left';
  return undefined;
}

export type NominationError = ClaimSubmitError | { code: NominationRefusal };

/**
 * Submit a nomination. The nominee's caps and duplicate check apply as if they had claimed themselves: the
 * points are theirs, so a nomination must not be a way round the limits on what one person can gain in a day or
 * a month (three colleagues nominating one person for the same thing count as three claims by that person, and
 * the approver sees the duplicate flag). Refused (nothing written): oneself, a leaver, an unknown person.
 */
export async function submitNomination(
  db: Db,
  input: { nominatorId: number; nomineeId: number; payload: PointClaimPayload; now: Date; timeZone: string },
): Promise<
  ({ ok: true } & Extract<Awaited<ReturnType<typeof submitClaim>>, { ok: true }>) | ({ ok: false } & NominationError)
> {
  const nominee = await getPerson(db, input.nomineeId);
  const refused = nominationRefusal(input.nominatorId, nominee);
  if (refused) return { ok: false, code: refused };
  return await submitClaim(db, {
    applicantId: input.nomineeId,
    payload: { ...input.payload, nominatorId: input.nominatorId },
    now: input.now,
    timeZone: input.timeZone,
    submittedBy: input.nominatorId,
  });
}
