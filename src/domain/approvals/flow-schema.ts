// Approval flows as validated data: ordered steps, each with an approver rule, an optional condition,
// and what a rejection does. Pure: validation needs no database (org checks are done by the caller with
// `approverResolvable`).
import { z } from 'zod';
import type { Issue } from '../../i18n/issues.js';
import { formFieldSchema, fieldKeySchema, type FormField } from './form-fields.js';

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

/** A branch on an HR-defined form field (flow `fields`): a number compared, or a choice equal to an option. */
export const formConditionSchema = z.object({
  field: z.literal('form'),
  key: fieldKeySchema,
  op: z.enum(['gte', 'lt', 'eq']),
  value: z.union([z.number(), z.string().min(1).max(32)]),
});
export type FormCondition = z.infer<typeof formConditionSchema>;

/** A branch's condition: a number compared (points, cost), the kind of the request's target unit, or a form field. */
export const branchConditionSchema = z.union([
  conditionSchema,
  z.object({ field: z.literal('unitKind'), op: z.literal('eq'), value: z.enum(['company', 'department', 'store']) }),
  formConditionSchema,
]);
export type BranchCondition = z.infer<typeof branchConditionSchema>;

/** What conditions read: the request's form values. */
export interface Facts {
  points?: number;
  cost?: number;
  unitKind?: 'company' | 'department' | 'store';
  /** An HR-defined form's number and choice values, by field key. */
  form?: Readonly<Record<string, string | number>>;
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
  /** The request form HR defines (issue 24): a flow with fields is a request kind of its own, no code needed. */
  fields: z.array(formFieldSchema).max(20).optional(),
});
export type FlowDefinition = z.infer<typeof flowSchema>;

export type FlowProblem =
  | { code: 'invalid'; issues: Issue[] }
  | { code: 'duplicate_step'; step: string }
  | { code: 'unknown_next'; step: string }
  | { code: 'loop'; step: string }
  | { code: 'no_approvers'; step: string }
  /** Two form fields with one key, or two options of a choice with one value. */
  | { code: 'duplicate_field'; field: string }
  /** A choice field with no options. */
  | { code: 'no_options'; field: string }
  /** A branch reading a form field the flow does not have, or one it cannot compare that way. */
  | { code: 'unknown_field'; step: string; field: string };

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
  const fieldProblem = formFieldProblem(flow);
  if (fieldProblem) return { ok: false, problem: fieldProblem };
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

/** The form's own problems (unique keys, options for a choice) and branches reading fields it cannot. */
function formFieldProblem(flow: FlowDefinition): FlowProblem | undefined {
  const fields = flow.fields ?? [];
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key)) return { code: 'duplicate_field', field: f.key };
    keys.add(f.key);
    if (f.type === 'choice' && (f.options ?? []).length === 0) return { code: 'no_options', field: f.key };
    const values = (f.options ?? []).map((o) => o.value);
    if (new Set(values).size !== values.length) return { code: 'duplicate_field', field: f.key };
  }
  for (const s of flow.steps)
    for (const b of s.branches ?? [])
      if (b.when.field === 'form' && !comparable(fields, b.when))
        return { code: 'unknown_field', step: s.id, field: b.when.key };
  return undefined;
}

/** Whether a form branch can be decided: a number field compared with a number, or a choice equal to one of its options. */
function comparable(fields: readonly FormField[], c: FormCondition): boolean {
  const f = fields.find((x) => x.key === c.key);
  if (!f) return false;
  if (f.type === 'number') return typeof c.value === 'number';
  return f.type === 'choice' && c.op === 'eq' && (f.options ?? []).some((o) => o.value === c.value);
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
  if (c.field === 'unitKind') return facts.unitKind === c.value;
  if (c.field === 'form') {
    const v = facts.form?.[c.key];
    if (v === undefined) return false;
    if (c.op === 'eq') return v === c.value;
    return typeof v === 'number' && typeof c.value === 'number' && (c.op === 'gte' ? v >= c.value : v < c.value);
  }
  return conditionHolds(c, facts);
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
