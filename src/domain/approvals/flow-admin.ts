// Reading flows for HR's editor (who changed each one and when), and placing a flow's problems at the
// step they concern. saveFlow (requests.ts) stays the one writer; these only read or are pure.
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { approvalFlows } from '../../db/schema.js';
import type { Issue } from '../../i18n/issues.js';
import { audit } from '../audit.js';
import { validateFlow, type FlowDefinition } from './flow-schema.js';
import { FLOW_FOR } from './requests.js';

/** The flows of the built-in request kinds, whose forms are their own pages and commands. */
const BUILT_IN_FLOWS = new Set<string>(Object.values(FLOW_FOR));

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
  if (v.ok || !('step' in v.problem) || v.problem.code === 'unknown_field') return undefined;
  const { code, step } = v.problem;
  // A duplicate id is the second step carrying it; the others concern the step whose `next` goes wrong.
  const index =
    code === 'duplicate_step'
      ? flow.steps.findIndex((s, i) => s.id === step && flow.steps.findIndex((t) => t.id === step) < i)
      : flow.steps.findIndex((s) => s.id === step);
  const field = code === 'duplicate_step' ? 'id' : code === 'no_approvers' ? 'approver' : 'next';
  return { index: Math.max(0, index), field, problem: code };
}

/**
 * HR creates a flow — with form fields, a new request kind (issue 24). Validated like an edit (validateFlow and
 * the approver rules); a key already taken is refused, never overwritten. Audited in the caller's transaction.
 */
export async function createFlow(
  db: Db,
  input: unknown,
  actorId: number,
  resolvable: (f: FlowDefinition) => Promise<string | undefined>,
  now: Date = new Date(),
): Promise<
  | { ok: true; key: string; version: number }
  | { ok: false; code: 'invalid' | 'loop' | 'exists' | 'unresolvable'; detail?: string; issues?: Issue[] }
> {
  const v = validateFlow(input);
  if (!v.ok)
    return {
      ok: false,
      code: v.problem.code === 'loop' ? 'loop' : 'invalid',
      ...('issues' in v.problem
        ? { issues: v.problem.issues }
        : { detail: 'step' in v.problem ? v.problem.step : v.problem.field }),
    };
  if (await flowRow(db, v.flow.key)) return { ok: false, code: 'exists' };
  const bad = await resolvable(v.flow);
  if (bad) return { ok: false, code: 'unresolvable', detail: bad };
  await db.insert(approvalFlows).values({
    key: v.flow.key,
    definition: JSON.stringify(v.flow),
    version: 1,
    updatedBy: actorId,
    updatedAt: now.toISOString(),
  });
  await audit(db, { kind: 'employee', employeeId: actorId }, 'approval.flow.create', v.flow.key, {
    version: 1,
    fields: (v.flow.fields ?? []).length,
  });
  return { ok: true, key: v.flow.key, version: 1 };
}

/** Where a form problem of a schema-valid flow sits in the editor: a field's key or options, a step's branches. */
export function locateFormProblem(
  flow: FlowDefinition,
): { path: string; problem: 'duplicate_field' | 'no_options' | 'unknown_field' | 'builtin_fields' } | undefined {
  // A built-in kind (a claim, a transfer…) has its own form: fields on its flow would never be asked for.
  if ((flow.fields ?? []).length > 0 && BUILT_IN_FLOWS.has(flow.key))
    return { path: 'fields', problem: 'builtin_fields' };
  const v = validateFlow(flow);
  if (v.ok) return undefined;
  const p = v.problem;
  if (p.code === 'duplicate_field') {
    const i = (flow.fields ?? []).findIndex(
      (f, j) => f.key === p.field && (flow.fields ?? []).findIndex((g) => g.key === p.field) < j,
    );
    // A repeated key is the second field carrying it; otherwise it is an option value repeated inside one field.
    return i >= 0
      ? { path: `fields.${i}.key`, problem: p.code }
      : { path: `fields.${(flow.fields ?? []).findIndex((f) => f.key === p.field)}.options`, problem: p.code };
  }
  if (p.code === 'no_options')
    return { path: `fields.${(flow.fields ?? []).findIndex((f) => f.key === p.field)}.options`, problem: p.code };
  if (p.code === 'unknown_field')
    return { path: `steps.${flow.steps.findIndex((s) => s.id === p.step)}.branches`, problem: p.code };
  return undefined;
}
