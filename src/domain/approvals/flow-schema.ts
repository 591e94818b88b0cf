// Approval flows as validated data: ordered steps, each with an approver rule, an optional condition,
// and what a rejection does. Pure: validation needs no database (org checks are done by the caller with
// `approverResolvable`).
import { z } from 'zod';
import type { Issue } from '../../i18n/issues.js';

export const approverRuleSchema = z.discriminatedUnion('type', [
  /** The applicant's manager. */
  z.object({ type: z.literal('manager') }),
  /** The head of a unit: the applicant's own, the request's target (e.g. a transfer's receiving unit), or a given one. */
  z.object({
    type: z.literal('unitHead'),
    unit: z.union([z.literal('applicant'), z.literal('target'), z.number().int().positive()]),
  }),
  /** Anyone with the role; the first to decide decides. */
  z.object({ type: z.literal('role'), role: z.enum(['hr', 'admin']) }),
  z.object({ type: z.literal('person'), employeeId: z.number().int().positive() }),
  /** Named people — with a step's `mode`, a parallel step (会签/或签). An empty list is a flow problem, not a zod issue. */
  z.object({ type: z.literal('people'), employeeIds: z.array(z.number().int().positive()).max(20) }),
]);
export type ApproverRule = z.infer<typeof approverRuleSchema>;

export const conditionSchema = z.object({
  field: z.enum(['points', 'cost']),
  op: z.enum(['gte', 'lt']),
  value: z.number().int(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** A branch's condition: a number compared (points, cost) or the kind of the request's target unit. */
export const branchConditionSchema = z.union([
  conditionSchema,
  z.object({ field: z.literal('unitKind'), op: z.literal('eq'), value: z.enum(['company', 'department', 'store']) }),
]);
export type BranchCondition = z.infer<typeof branchConditionSchema>;

/** What conditions read: the request's form values. */
export interface Facts {
  points?: number;
  cost?: number;
  unitKind?: 'company' | 'department' | 'store';
}

export const stepSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.object({ 'zh-CN': z.string().min(1).max(40), en: z.string().min(1).max(40) }),
  approver: approverRuleSchema,
  when: conditionSchema.optional(),
  /**
   * Which actions besides Approve the step offers. end: only Reject (final); return: Return for changes (back
   * to the applicant to edit and resubmit) and Reject. The name predates the two actions; stored flows keep it.
   */
  onReject: z.enum(['end', 'return']).default('end'),
  /** The step after this one (default: the next in the list). Lets a flow skip ahead — and so could loop. */
  next: z.string().optional(),
  /** Several approvers decide together: all must approve (会签) or the first decides (或签). Default: any. */
  mode: z.enum(['all', 'any']).optional(),
  /** People informed when the step starts (抄送): a card without buttons; they never decide. */
  cc: z.array(approverRuleSchema).max(5).optional(),
  /** Condition branches, in order: the first that holds names the step after this one (else `next`). */
  branches: z
    .array(z.object({ when: branchConditionSchema, next: z.string() }))
    .max(5)
    .optional(),
});
export type Step = z.infer<typeof stepSchema>;

export const flowSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.object({ 'zh-CN': z.string().min(1).max(40), en: z.string().min(1).max(40) }),
  steps: z.array(stepSchema).min(1).max(10),
});
export type FlowDefinition = z.infer<typeof flowSchema>;

export type FlowProblem =
  | { code: 'invalid'; issues: Issue[] }
  | { code: 'duplicate_step'; step: string }
  | { code: 'unknown_next'; step: string }
  | { code: 'loop'; step: string }
  | { code: 'no_approvers'; step: string };

/** Structure checks beyond the schema: unique step ids, `next` pointing at a real step, no loops. */
export function validateFlow(input: unknown): { ok: true; flow: FlowDefinition } | { ok: false; problem: FlowProblem } {
  const parsed = flowSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: { code: 'invalid', issues: parsed.error.issues } };
  const flow = parsed.data;
  const ids = new Set<string>();
  for (const s of flow.steps) {
    if (ids.has(s.id)) return { ok: false, problem: { code: 'duplicate_step', step: s.id } };
    ids.add(s.id);
  }
  for (const s of flow.steps) {
    if (s.next !== undefined && !ids.has(s.next)) return { ok: false, problem: { code: 'unknown_next', step: s.id } };
    if (s.branches?.some((b) => !ids.has(b.next))) return { ok: false, problem: { code: 'unknown_next', step: s.id } };
    if (s.approver.type === 'people' && s.approver.employeeIds.length === 0)
      return { ok: false, problem: { code: 'no_approvers', step: s.id } };
  }
  // Depth-first over every edge (next and branches): a path that comes back to a step on it never ends.
  const state = new Map<number, 'open' | 'done'>();
  const visit = (i: number): number | undefined => {
    if (state.get(i) === 'done') return undefined;
    if (state.get(i) === 'open') return i;
    state.set(i, 'open');
    for (const j of successors(flow, i)) {
      const looped = visit(j);
      if (looped !== undefined) return looped;
    }
    state.set(i, 'done');
    return undefined;
  };
  for (let start = 0; start < flow.steps.length; start++) {
    const looped = visit(start);
    if (looped !== undefined) return { ok: false, problem: { code: 'loop', step: flow.steps[looped]!.id } };
  }
  return { ok: true, flow };
}

/** Every step a step can lead to: its branches' targets and its default next. */
export function successors(flow: FlowDefinition, i: number): number[] {
  const byId = (id: string) => flow.steps.findIndex((s) => s.id === id);
  const out = (flow.steps[i]!.branches ?? []).map((b) => byId(b.next));
  const n = nextIndex(flow, i);
  return [...new Set(n === undefined ? out : [...out, n])];
}

/** The step after `i` for these facts: the first branch that holds, else the default next. */
export function branchNext(flow: FlowDefinition, i: number, facts: Facts): number | undefined {
  const b = flow.steps[i]!.branches?.find((x) => branchHolds(x.when, facts));
  return b ? flow.steps.findIndex((s) => s.id === b.next) : nextIndex(flow, i);
}

export function branchHolds(c: BranchCondition, facts: Facts): boolean {
  return c.field === 'unitKind' ? facts.unitKind === c.value : conditionHolds(c, facts);
}

/** The index of the step after `i`, or undefined at the end. */
export function nextIndex(flow: FlowDefinition, i: number): number | undefined {
  const step = flow.steps[i]!;
  if (step.next !== undefined) return flow.steps.findIndex((s) => s.id === step.next);
  return i + 1 < flow.steps.length ? i + 1 : undefined;
}

export function conditionHolds(c: Condition | undefined, facts: Facts): boolean {
  if (!c) return true;
  const v = facts[c.field];
  if (v === undefined) return false;
  return c.op === 'gte' ? v >= c.value : v < c.value;
}

/** The first step at or after `from` (following `next`) whose condition holds. */
export function firstApplicable(flow: FlowDefinition, from: number | undefined, facts: Facts): number | undefined {
  for (let i = from; i !== undefined; i = nextIndex(flow, i)) if (conditionHolds(flow.steps[i]!.when, facts)) return i;
  return undefined;
}
