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
]);
export type ApproverRule = z.infer<typeof approverRuleSchema>;

export const conditionSchema = z.object({
  field: z.enum(['points', 'cost']),
  op: z.enum(['gte', 'lt']),
  value: z.number().int(),
});
export type Condition = z.infer<typeof conditionSchema>;

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
  | { code: 'loop'; step: string };

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
  for (const s of flow.steps)
    if (s.next !== undefined && !ids.has(s.next)) return { ok: false, problem: { code: 'unknown_next', step: s.id } };
  // Walk from every step: a path that revisits a step never ends.
  for (let start = 0; start < flow.steps.length; start++) {
    const seen = new Set<number>();
    for (let i: number | undefined = start; i !== undefined; i = nextIndex(flow, i)) {
      if (seen.has(i)) return { ok: false, problem: { code: 'loop', step: flow.steps[i]!.id } };
      seen.add(i);
    }
  }
  return { ok: true, flow };
}

/** The index of the step after `i`, or undefined at the end. */
export function nextIndex(flow: FlowDefinition, i: number): number | undefined {
  const step = flow.steps[i]!;
  if (step.next !== undefined) return flow.steps.findIndex((s) => s.id === step.next);
  return i + 1 < flow.steps.length ? i + 1 : undefined;
}

export function conditionHolds(c: Condition | undefined, facts: { points?: number; cost?: number }): boolean {
  if (!c) return true;
  const v = facts[c.field];
  if (v === undefined) return false;
  return c.op === 'gte' ? v >= c.value : v < c.value;
}

/** The first step at or after `from` (following `next`) whose condition holds. */
export function firstApplicable(
  flow: FlowDefinition,
  from: number | undefined,
  facts: { points?: number; cost?: number },
): number | undefined {
  for (let i = from; i !== undefined; i = nextIndex(flow, i)) if (conditionHolds(flow.steps[i]!.when, facts)) return i;
  return undefined;
}
