// Reading flows for HR's editor (who changed each one and when), and placing a flow's problems at the
// step they concern. saveFlow (requests.ts) stays the one writer; these only read or are pure.
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalFlows } from '../../db/schema.js';
import { validateFlow, type FlowDefinition } from './flow-schema.js';

export interface FlowRow {
  key: string;
  flow: FlowDefinition;
  version: number;
  updatedBy: number | null;
  updatedAt: string;
}

export async function listFlows(db: Db): Promise<FlowRow[]> {
  return (await db.select().from(approvalFlows).orderBy(asc(approvalFlows.key))).map((r) => ({
    key: r.key,
    flow: JSON.parse(r.definition) as FlowDefinition,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  }));
}

export async function flowRow(db: Db, key: string): Promise<FlowRow | undefined> {
  return (await listFlows(db)).find((f) => f.key === key);
}

export type StepProblem = 'duplicate_step' | 'unknown_next' | 'loop' | 'no_approvers';

/**
 * The structural problem of a schema-valid flow, placed at a step index and field (saveFlow reports a
 * duplicate id and an unknown `next` both as "invalid" with the step id, which cannot say which field).
 */
export function locateProblem(
  flow: FlowDefinition,
): { index: number; field: 'id' | 'next' | 'approver'; problem: StepProblem } | undefined {
  const v = validateFlow(flow);
  if (v.ok || v.problem.code === 'invalid') return undefined;
  const { code, step } = v.problem;
  // A duplicate id is the second step carrying it; the others concern the step whose `next` goes wrong.
  const index =
    code === 'duplicate_step'
      ? flow.steps.findIndex((s, i) => s.id === step && flow.steps.findIndex((t) => t.id === step) < i)
      : flow.steps.findIndex((s) => s.id === step);
  const field = code === 'duplicate_step' ? 'id' : code === 'no_approvers' ? 'approver' : 'next';
  return { index: Math.max(0, index), field, problem: code };
}
