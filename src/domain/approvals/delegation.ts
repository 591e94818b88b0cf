// Delegating one's approvals until a date, and ending it. Routing reads delegations whenever a step starts
// or escalates (fallback.ts); these functions also move what already waits: setting a delegation hands the
// delegator's waiting steps to the delegate, ending it hands them back — each with a system decision on
// the timeline, so everyone sees why the card changed hands.
import { jsonArrayHas } from '../../db/sql-dialect.js';
import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests, delegations } from '../../db/schema.js';
import { audit } from '../audit.js';
import { getPerson } from '../org/employees.js';
import { loadOrgFacts, type RoutingNote } from './approvers.js';
import type { Why } from './fallback.js';
import { loadRequest, moveApprovers, today, type RequestView } from './requests.js';
import type { Rerouted } from './transfer-effects.js';

async function waitingOn(db: Db, ids: readonly number[]): Promise<RequestView[]> {
  const out = new Map<number, RequestView>();
  for (const id of ids) {
    for (const r of await db
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(and(eq(approvalRequests.status, 'pending'), jsonArrayHas(approvalRequests.approvers, id))))
      out.set(r.id, (await loadRequest(db, r.id))!);
  }
  return [...out.values()];
}

/** Replace, in each request the seat-holder's principal owns, whoever sits in it (`from`) by `to`. */
async function handOver(
  db: Db,
  owner: number,
  from: readonly number[],
  to: number,
  why: Why['reason'],
  now: Date,
): Promise<Rerouted[]> {
  const out: Rerouted[] = [];
  for (const req of await waitingOn(db, from)) {
    // Only the owner's seat moves: a request waiting on the delegate for someone else stays.
    if (!req.principals.includes(owner) || to === req.applicantId) continue;
    const approvers = [...new Set(req.approvers.map((a) => (from.includes(a) ? to : a)))];
    const notes: RoutingNote[] = [
      ...new Set<RoutingNote>([
        ...req.routingNote.filter((n) => n !== 'delegated'),
        'rerouted',
        ...(why === 'delegated' ? (['delegated'] as const) : []),
      ]),
    ];
    if (
      !(await moveApprovers(
        db,
        req,
        { approvers, principals: req.principals, notes },
        {
          reason: why,
          about: owner,
          to: approvers,
          tier: req.reroute?.tier === undefined || req.reroute.tier === 'none' ? 'rule' : req.reroute.tier,
        },
        now,
      ))
    )
      continue;
    out.push({ request: (await loadRequest(db, req.id))!, asked: approvers.filter((a) => !req.approvers.includes(a)) });
  }
  return out;
}

/** Delegate until `until` (YYYY-MM-DD, inclusive); what already waits on the delegator moves to the delegate. */
export async function setDelegation(
  db: Db,
  input: { fromId: number; toId: number; until: string; now: Date },
): Promise<Rerouted[]> {
  const previous = (await loadOrgFacts(db, today(input.now))).delegations.get(input.fromId);
  await db.insert(delegations).values({ fromId: input.fromId, toId: input.toId, until: input.until });
  await audit(db, { kind: 'employee', employeeId: input.fromId }, 'approval.delegate', String(input.toId), {
    until: input.until,
  });
  // A delegate who has left does not take the seat (fallback.ts): nothing moves.
  if (!(await getPerson(db, input.toId))?.active) return [];
  const sitting = [input.fromId, ...(previous !== undefined && previous !== input.toId ? [previous] : [])];
  return handOver(db, input.fromId, sitting, input.toId, 'delegated', input.now);
}

/** End the delegator's delegations in force (their last day becomes yesterday; rows stay as history). */
export async function endDelegation(db: Db, input: { fromId: number; now: Date }): Promise<Rerouted[]> {
  const current = (await loadOrgFacts(db, today(input.now))).delegations.get(input.fromId);
  const yesterday = today(new Date(input.now.getTime() - 86_400_000));
  await db
    .update(delegations)
    .set({ until: yesterday })
    .where(and(eq(delegations.fromId, input.fromId), gte(delegations.until, today(input.now))));
  await audit(db, { kind: 'employee', employeeId: input.fromId }, 'approval.delegate.off');
  if (current === undefined || current === input.fromId || !(await getPerson(db, input.fromId))?.active) return [];
  return handOver(db, input.fromId, [current], input.fromId, 'delegation_ended', input.now);
}
