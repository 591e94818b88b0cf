// Requests still open, per flow, and how many are overdue — the counts of HR's and a manager's desk. The
// counting is the turnaround report's (turnaround(): open = pending or returned, overdue = pending past the
// reminder age on its current step), over every open request whatever its age, not a period's.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalRequests } from '../../db/schema.js';
import { getFlow, requestsFor } from './requests.js';
import type { FlowDefinition } from './flow-schema.js';
import { turnaround, type RequestLog } from './turnaround.js';

export interface WaitingFlow {
  flowKey: string;
  name: FlowDefinition['name'];
  open: number;
  overdue: number;
}

/** Every open request (HR), or only those waiting on `approverId` (pending with them as an approver). */
export async function waitingByFlow(
  db: Db,
  input: { now: Date; overdueAfterMs: number; approverId?: number },
): Promise<WaitingFlow[]> {
  const logs: RequestLog[] =
    input.approverId !== undefined
      ? (await requestsFor(db, input.approverId)).waiting.map((r) => ({
          flowKey: r.flow.key,
          status: r.status,
          createdAt: r.createdAt,
          stepStartedAt: r.stepStartedAt.toISOString(),
          decisions: [],
        }))
      : (
          await db
            .select({
              flowKey: approvalRequests.flowKey,
              status: approvalRequests.status,
              createdAt: approvalRequests.createdAt,
              stepStartedAt: approvalRequests.stepStartedAt,
            })
            .from(approvalRequests)
            .where(inArray(approvalRequests.status, ['pending', 'returned']))
        ).map((r) => ({ ...r, decisions: [] }));
  return await Promise.all(
    turnaround(logs, input.now, input.overdueAfterMs).map(async (f) => ({
      flowKey: f.flowKey,
      name: (await getFlow(db, f.flowKey))?.flow.name ?? { 'zh-CN': f.flowKey, en: f.flowKey },
      open: f.open,
      overdue: f.overdue,
    })),
  );
}
