// Who decides a step when the rule's own people cannot: a pure function of what the rule found, the
// applicant and a snapshot of the org. Nobody approves their own request and nobody who has left decides,
// so such a person is passed over and the step goes, in this order, to the approver's manager (for a
// delegation, the delegator's manager: the delegator still owns the seat), then HR, then the admins. If even
// they are empty or only the applicant, the outcome is `none` and the caller ends the request, so no request
// waits on nobody. The reason travels with the result, so the timeline can say why, in any language.
import { z } from 'zod';

export const FALLBACK_ROLES = ['hr', 'admin'] as const;
export type FallbackRole = (typeof FALLBACK_ROLES)[number];

/** `transferred`, `delegated` and `delegation_ended` move a waiting step after the org changed under it (`about`: the old approver). */
export const WHY_REASONS = [
  'approver_is_applicant',
  'delegate_is_applicant',
  'approver_inactive',
  'no_manager',
  'no_head',
  'no_members',
  'overdue',
  'transferred',
  'delegated',
  'delegation_ended',
] as const;

/** Why a step did not go to the people its rule names (or, for `overdue`, why it moved on). Stored as JSON. */
export const whySchema = z.object({
  reason: z.enum(WHY_REASONS),
  /** The person it is about: the approver who is the applicant or has left, the delegator whose delegate is the applicant. */
  about: z.number().int().optional(),
  /** no_head: the unit without one (absent when the unit itself was not found). */
  unitId: z.number().int().optional(),
  /** no_members: the role nobody active holds. */
  role: z.enum(FALLBACK_ROLES).optional(),
});
export type Why = z.infer<typeof whySchema>;

export const TIERS = ['rule', 'manager', 'hr', 'admin', 'none'] as const;
export type Tier = (typeof TIERS)[number];

/** A reroute as the timeline keeps it (a system decision's comment): to whom, by which tier, and why. */
export const rerouteSchema = whySchema.extend({ to: z.array(z.number().int()), tier: z.enum(TIERS) });
export type Reroute = z.infer<typeof rerouteSchema>;

/** What an approver rule names, before anyone is filtered out. */
export type RuleResult = { kind: 'people'; people: readonly [number, ...number[]] } | { kind: 'nobody'; why: Why };

export interface OrgFacts {
  /** Everyone routing may look at. Someone missing here counts as having left. */
  people: ReadonlyMap<number, { active: boolean; managerId: number | null }>;
  /** Holders of each fallback role. */
  roles: Readonly<Record<FallbackRole, readonly number[]>>;
  /** Delegations in force: who (key) has handed their approvals to whom (value). */
  delegations: ReadonlyMap<number, number>;
}

interface Seated {
  /** Who may decide: active, never the applicant, no duplicates. Empty only when tier is `none`. */
  approvers: number[];
  /** Whose seats these are (a delegator, or the approver themself): escalation goes above these people. */
  principals: number[];
  /** Whether a delegate stands in for someone. */
  delegated: boolean;
}

/** The rule's own people decide (`rule`), or a fallback tier does, and then `why` says why. */
export type Routing = (Seated & { tier: 'rule' }) | (Seated & { tier: Exclude<Tier, 'rule'>; why: Why });

type Seat = { ok: true; approver: number; principal: number; delegated: boolean } | { ok: false; why: Why };

const isActive = (org: OrgFacts, id: number) => org.people.get(id)?.active === true;

/** Can this person's seat decide for this applicant, and who sits in it (the person, or their delegate)? */
function seat(id: number, applicantId: number, org: OrgFacts): Seat {
  if (id === applicantId) return { ok: false, why: { reason: 'approver_is_applicant', about: id } };
  if (!isActive(org, id)) return { ok: false, why: { reason: 'approver_inactive', about: id } };
  const d = org.delegations.get(id);
  // A delegate who has left does not take the seat: the delegator decides, as without a delegation.
  if (d !== undefined && d !== id && isActive(org, d)) {
    return d === applicantId
      ? { ok: false, why: { reason: 'delegate_is_applicant', about: id } }
      : { ok: true, approver: d, principal: id, delegated: true };
  }
  return { ok: true, approver: id, principal: id, delegated: false };
}

/**
 * The first seat up `id`'s manager chain that can decide. "The approver's manager" walks on past people who
 * have left, the applicant, and a manager whose delegate is the applicant, so one gap in the chain does not
 * drop the request to HR.
 */
export function managerAbove(id: number, applicantId: number, org: OrgFacts): Seat | undefined {
  const seen = new Set<number>([id]);
  for (
    let m = org.people.get(id)?.managerId ?? null;
    m !== null && !seen.has(m);
    m = org.people.get(m)?.managerId ?? null
  ) {
    seen.add(m);
    const s = seat(m, applicantId, org);
    if (s.ok) return s;
  }
  return undefined;
}

function seated(seats: readonly Seat[]): Seated {
  const ok = seats.filter((s): s is Extract<Seat, { ok: true }> => s.ok);
  return {
    approvers: [...new Set(ok.map((s) => s.approver))],
    principals: [...new Set(ok.map((s) => s.principal))],
    delegated: ok.some((s) => s.delegated),
  };
}

const anyOk = (seats: readonly Seat[]) => seats.some((s) => s.ok);

/** HR, then the admins; `none` when both are empty or only the applicant. */
function roleTiers(applicantId: number, org: OrgFacts, why: Why): Routing {
  for (const role of FALLBACK_ROLES) {
    const seats = org.roles[role].map((id) => seat(id, applicantId, org));
    if (anyOk(seats)) return { ...seated(seats), tier: role, why };
  }
  return { approvers: [], principals: [], tier: 'none', delegated: false, why };
}

/** Who decides a step that is starting: the rule's people, else the fallback order. */
export function routeStep(rule: RuleResult, applicantId: number, org: OrgFacts): Routing {
  if (rule.kind === 'nobody') return roleTiers(applicantId, org, rule.why);
  const seats = rule.people.map((id) => seat(id, applicantId, org));
  // Some of a role's members may be passed over (the applicant among them); the others decide.
  if (anyOk(seats)) return { ...seated(seats), tier: 'rule' };
  const why = (seats[0] as Extract<Seat, { ok: false }>).why;
  const above = rule.people.map((id) => managerAbove(id, applicantId, org)).filter((s): s is Seat => s !== undefined);
  return above.length ? { ...seated(above), tier: 'manager', why } : roleTiers(applicantId, org, why);
}

export type Escalation = { kind: 'move'; routing: Routing } | { kind: 'stay' } | { kind: 'fail'; why: Why };

/**
 * An overdue step goes above the seats it waits on (their managers), else to HR, then the admins. When there
 * is nobody new to go to, it stays with approvers who can still decide; if they cannot (they have left),
 * it fails rather than wait on nobody.
 */
export function escalationRoute(
  principals: readonly number[],
  current: readonly number[],
  applicantId: number,
  org: OrgFacts,
): Escalation {
  const overdue: Why = { reason: 'overdue' };
  const above = principals.map((id) => managerAbove(id, applicantId, org)).filter((s): s is Seat => s !== undefined);
  const next: Routing = above.length
    ? { ...seated(above), tier: 'manager', why: overdue }
    : roleTiers(applicantId, org, overdue);
  const stillValid = current.filter((id) => id !== applicantId && isActive(org, id));
  const same = next.approvers.length === stillValid.length && next.approvers.every((id) => stillValid.includes(id));
  if (next.tier !== 'none' && !same) return { kind: 'move', routing: next };
  if (stillValid.length) return { kind: 'stay' };
  const gone = current.find((id) => id !== applicantId);
  return {
    kind: 'fail',
    why: gone === undefined ? { reason: 'no_members', role: 'hr' } : { reason: 'approver_inactive', about: gone },
  };
}
