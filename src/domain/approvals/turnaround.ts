// Approval turnaround: how long requests take and where they wait, per flow — for HR to see which flow
// (or which step) slows people down. The statistics are a pure function of each request's decision log;
// the read model only loads the requests of the period.
import { asc, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { approvalDecisions, approvalRequests } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { getFlow } from './requests.js';
import type { FlowDefinition } from './flow-schema.js';

export interface RequestLog {
  flowKey: string;
  status: 'pending' | 'returned' | 'approved' | 'rejected' | 'cancelled';
  createdAt: string;
  stepStartedAt: string;
  /** In order. */
  decisions: { kind: string; at: string }[];
}

export const flowTurnaroundSchema = z.strictObject({
  flowKey: z.string(),
  submitted: z.number(),
  approved: z.number(),
  /** Ended by a final Reject (an approver's, or the system's when nobody could approve). */
  rejected: z.number(),
  /** Times an approver returned a request for changes (a request can be returned more than once). */
  returned: z.number(),
  cancelled: z.number(),
  /** Still waiting on an approver (pending) or on the applicant (returned). */
  open: z.number(),
  /** Pending longer than the reminder threshold on their current step. */
  overdue: z.number(),
  /** Submission to final approval or rejection, in hours (undefined when none finished). */
  medianHoursToDecision: z.number().optional(),
  p90HoursToDecision: z.number().optional(),
  /** How long an approver takes, from the step reaching them to their decision, in hours. */
  medianHoursPerStep: z.number().optional(),
});
export type FlowTurnaround = z.infer<typeof flowTurnaroundSchema>;

/** One flow's turnaround as a reader sees it: the flow named in their language (the chat card, the mini-app). */
export const turnaroundRowSchema = flowTurnaroundSchema.extend({ name: z.string() });
export type TurnaroundRow = z.infer<typeof turnaroundRowSchema>;

const HOUR = 60 * 60 * 1000;
const STEP_STARTS = new Set(['submit', 'approve', 'resubmit', 'skip', 'escalate', 'reroute', 'send_back']);
const STEP_ENDS = new Set(['approve', 'reject', 'return']);
/** Actions within a step (issue 24) that neither start nor end it: the step's clock runs on through them. */
const WITHIN_STEP = new Set(['hand_over', 'add_sign', 'cc', 'urge']);

/** The q-quantile (0..1) of sorted numbers, by nearest rank; rounded to 0.1 h. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return Math.round(v * 10) / 10;
}

/** Per-flow turnaround from request logs (pure). Flows are listed by how many requests they had. */
export function turnaround(logs: readonly RequestLog[], now: Date, overdueAfterMs: number): FlowTurnaround[] {
  const byFlow = new Map<string, RequestLog[]>();
  for (const l of logs) byFlow.set(l.flowKey, [...(byFlow.get(l.flowKey) ?? []), l]);
  const out: FlowTurnaround[] = [];
  for (const [flowKey, list] of byFlow) {
    const toDecision: number[] = [];
    const perStep: number[] = [];
    let overdue = 0;
    for (const l of list) {
      if (l.status === 'approved' || l.status === 'rejected') {
        const last = l.decisions.filter((d) => d.kind === 'approve' || d.kind === 'reject').at(-1);
        if (last) toDecision.push((Date.parse(last.at) - Date.parse(l.createdAt)) / HOUR);
      }
      if (l.status === 'pending' && now.getTime() - Date.parse(l.stepStartedAt) > overdueAfterMs) overdue++;
      let stepStart: number | undefined;
      for (const d of l.decisions) {
        const at = Date.parse(d.at);
        if (STEP_ENDS.has(d.kind) && stepStart !== undefined) perStep.push((at - stepStart) / HOUR);
        stepStart = STEP_STARTS.has(d.kind) ? at : WITHIN_STEP.has(d.kind) ? stepStart : undefined;
      }
    }
    toDecision.sort((a, b) => a - b);
    perStep.sort((a, b) => a - b);
    const count = (s: RequestLog['status']) => list.filter((l) => l.status === s).length;
    out.push({
      flowKey,
      submitted: list.length,
      approved: count('approved'),
      rejected: count('rejected'),
      returned: list.reduce((n, l) => n + l.decisions.filter((d) => d.kind === 'return').length, 0),
      cancelled: count('cancelled'),
      open: count('pending') + count('returned'),
      overdue,
      medianHoursToDecision: quantile(toDecision, 0.5),
      p90HoursToDecision: quantile(toDecision, 0.9),
      medianHoursPerStep: quantile(perStep, 0.5),
    });
  }
  return out.sort((a, b) => b.submitted - a.submitted || a.flowKey.localeCompare(b.flowKey));
}

export interface ApprovalsReport {
  days: number;
  since: string;
  flows: (FlowTurnaround & { name: FlowDefinition['name'] })[];
}

/** HR's turnaround report over the requests submitted in the last `days` days. HR and admins only: it
 *  covers every team's requests. */
export async function approvalsReport(
  db: Db,
  input: { viewer: Person; days: number; now: Date; overdueAfterMs: number },
): Promise<{ ok: true; report: ApprovalsReport } | { ok: false; code: 'forbidden' }> {
  if (!input.viewer.roles.includes('hr') && !input.viewer.roles.includes('admin'))
    return { ok: false, code: 'forbidden' };
  const since = new Date(input.now.getTime() - input.days * 24 * HOUR).toISOString();
  const requests = await db
    .select({
      id: approvalRequests.id,
      flowKey: approvalRequests.flowKey,
      status: approvalRequests.status,
      createdAt: approvalRequests.createdAt,
      stepStartedAt: approvalRequests.stepStartedAt,
    })
    .from(approvalRequests)
    .where(gte(approvalRequests.createdAt, since));
  // One query for the period's decision log (a join, not an id list: no variable limit), grouped per request.
  const log = new Map<number, { kind: string; at: string }[]>();
  for (const d of await db
    .select({
      requestId: approvalDecisions.requestId,
      kind: approvalDecisions.kind,
      actorId: approvalDecisions.actorId,
      at: approvalDecisions.at,
    })
    .from(approvalDecisions)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalDecisions.requestId))
    .where(gte(approvalRequests.createdAt, since))
    .orderBy(asc(approvalDecisions.id)))
    // The system ending a request nobody could approve is no approver's decision: it must not count as a step's time.
    log.set(d.requestId, [
      ...(log.get(d.requestId) ?? []),
      { kind: d.kind === 'reject' && d.actorId === null ? 'unroutable' : d.kind, at: d.at },
    ]);
  const logs = requests.map((r) => ({ ...r, decisions: log.get(r.id) ?? [] }));
  const flows = await Promise.all(
    turnaround(logs, input.now, input.overdueAfterMs).map(async (f) => ({
      ...f,
      name: (await getFlow(db, f.flowKey))?.flow.name ?? { 'zh-CN': f.flowKey, en: f.flowKey },
    })),
  );
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'approval.report.view', `days:${input.days}`);
  return { ok: true, report: { days: input.days, since, flows } };
}
