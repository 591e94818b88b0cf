// What an approved transfer does on its effective date: the person moves (unit, manager = the receiving
// unit's head, manager history — org/transfer-move.ts), their rater links for ratings not yet given move to
// the new manager, and their own requests that wait on the old manager are rerouted by the step's rule to
// whoever it names now, with a system decision on the timeline ("transferred"). A future date is applied by
// the scheduler's tick on the day (applyDueTransfers), once: a transfer is applied when its
// `transfers` row (source `request:<id>`) exists, and only then.
import { jsonText } from '../../db/sql-dialect.js';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests, transfers } from '../../db/schema.js';
import { movePerson } from '../org/transfer-move.js';
import { carryPathOnTransfer } from '../growth/path-enrolments.js';
import { moveRaterLinks } from '../ratings/rater-links.js';
import { routeApprovers, type RoutingNote } from './approvers.js';
import { FLOW_FOR, loadRequest, moveApprovers, today, type RequestView } from './requests.js';

/** A request moved to new approvers: who is newly asked (their cards are sent; everyone else's redrawn). */
export interface Rerouted {
  request: RequestView;
  asked: number[];
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Reroute the person's waiting requests that the old manager holds, by each step's own rule, now. */
async function followNewManager(
  db: Db,
  applicantId: number,
  oldManagerId: number,
  excludeId: number,
  now: Date,
): Promise<Rerouted[]> {
  const ids = (
    await db
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(and(eq(approvalRequests.applicantId, applicantId), eq(approvalRequests.status, 'pending')))
  )
    .map((r) => r.id)
    .filter((id) => id !== excludeId);
  const out: Rerouted[] = [];
  for (const id of ids) {
    const req = (await loadRequest(db, id))!;
    if (!req.principals.includes(oldManagerId) && !req.approvers.includes(oldManagerId)) continue;
    const step = req.flow.steps[req.stepIndex]!;
    const routing = await routeApprovers(db, step.approver, {
      applicantId,
      targetUnitId: req.payload.kind === 'transfer' ? req.payload.toUnitId : undefined,
      today: today(now),
    });
    // A step whose rule does not follow the manager (a role, a named person) stays where it is.
    if (routing.tier === 'none' || sameSet(routing.approvers, req.approvers)) continue;
    const notes: RoutingNote[] = ['rerouted', ...(routing.delegated ? (['delegated'] as const) : [])];
    if (
      !(await moveApprovers(
        db,
        req,
        { approvers: routing.approvers, principals: routing.principals, notes },
        { reason: 'transferred', about: oldManagerId, to: routing.approvers, tier: routing.tier },
        now,
      ))
    )
      continue;
    out.push({
      request: (await loadRequest(db, id))!,
      asked: routing.approvers.filter((a) => !req.approvers.includes(a)),
    });
  }
  return out;
}

/** Apply an approved transfer now. Returns the person's other requests that moved to new approvers. */
export async function completeTransfer(db: Db, req: RequestView, now: Date): Promise<Rerouted[]> {
  const p = req.payload;
  if (p.kind !== 'transfer') return [];
  const moved = await movePerson(db, {
    employeeId: req.applicantId,
    toUnitId: p.toUnitId,
    reason: p.reason,
    source: `request:${req.id}`,
    effectiveDate: p.effectiveDate ?? today(now),
    now,
  });
  // A development path goes with the person; the receiving head is to be told (issue 25 §4).
  if (moved) await carryPathOnTransfer(db, moved);
  if (!moved || moved.oldManagerId === null || moved.oldManagerId === moved.newManagerId) return [];
  await moveRaterLinks(db, {
    subjectId: req.applicantId,
    fromRaterId: moved.oldManagerId,
    toRaterId: moved.newManagerId,
  });
  return await followNewManager(db, req.applicantId, moved.oldManagerId, req.id, now);
}

/** The scheduler's step: approved transfers whose effective date has come and that are not applied yet. */
export async function applyDueTransfers(db: Db, now: Date): Promise<{ applied: number[]; rerouted: Rerouted[] }> {
  const due = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(
        // Through the (flow_key, status) index: the approved transfers, not every approved request ever.
        eq(approvalRequests.flowKey, FLOW_FOR.transfer),
        eq(approvalRequests.status, 'approved'),
        sql`${jsonText(approvalRequests.payload, 'kind')} = 'transfer'`,
        sql`${jsonText(approvalRequests.payload, 'effectiveDate')} <= ${today(now)}`,
        sql`not exists (select 1 from transfers where transfers.source = 'request:' || ${approvalRequests.id})`,
      ),
    );
  const applied: number[] = [];
  const rerouted: Rerouted[] = [];
  for (const { id } of due) {
    rerouted.push(...(await completeTransfer(db, (await loadRequest(db, id))!, now)));
    applied.push(id);
  }
  return { applied, rerouted };
}

/** An approved transfer waiting for its effective date (for the card: "takes effect on …"). */
export async function transferScheduled(db: Db, req: RequestView): Promise<boolean> {
  if (req.status !== 'approved' || req.payload.kind !== 'transfer') return false;
  const applied = await db
    .select({ id: transfers.id })
    .from(transfers)
    .where(eq(transfers.source, `request:${req.id}`))
    .limit(1);
  return applied.length === 0;
}
