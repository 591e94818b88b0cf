// Point rules over indicators, as validated data and pure evaluation: "budget_deviation < 5 → 50 points,
// tag 成本控制". A threshold no value can be on the far side of is refused: NaN or infinite, a percentage
// outside 0–100, or one that makes the rule always or never true on a percent indicator (< 0, > 100).
import { z } from 'zod';
import { problem, type Issue } from '../../i18n/issues.js';

export const RULE_OPS = ['<', '<=', '>', '>='] as const;
export type RuleOp = (typeof RULE_OPS)[number];
export const INDICATOR_UNITS = ['percent', 'number'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const MAX_RULE_POINTS = 10_000;

export const ruleInputSchema = z.object({
  indicatorKey: z.string().trim().min(1).max(40),
  op: z.enum(RULE_OPS),
  threshold: z.number().finite(),
  points: z.number().int().min(1).max(MAX_RULE_POINTS),
  tagId: z.number().int().positive(),
});
export type RuleInput = z.infer<typeof ruleInputSchema>;

export interface Rule {
  id: number;
  indicatorKey: string;
  op: RuleOp;
  threshold: number;
  points: number;
  tagId: number;
}

/**
 * The threshold's problem for an indicator of `unit`, if any (pure). On a percent indicator values lie in
 * 0–100, so "< 0" and "> 100" could never be met, and "<= 100" or ">= 0" always would: both are mistakes.
 */
export function thresholdProblem(r: Pick<RuleInput, 'op' | 'threshold'>, unit: IndicatorUnit): Issue | undefined {
  if (!Number.isFinite(r.threshold)) return problem(['threshold'], 'rule_threshold_number');
  if (unit !== 'percent') return undefined;
  if (r.threshold < 0 || r.threshold > 100) return problem(['threshold'], 'rule_threshold_percent');
  const never = (r.op === '<' && r.threshold === 0) || (r.op === '>' && r.threshold === 100);
  const always = (r.op === '<=' && r.threshold === 100) || (r.op === '>=' && r.threshold === 0);
  if (never) return problem(['threshold'], 'rule_threshold_never');
  if (always) return problem(['threshold'], 'rule_threshold_always');
  return undefined;
}

/** Whether a value meets a rule. */
export function meets(r: Pick<Rule, 'op' | 'threshold'>, value: number): boolean {
  switch (r.op) {
    case '<':
      return value < r.threshold;
    case '<=':
      return value <= r.threshold;
    case '>':
      return value > r.threshold;
    case '>=':
      return value >= r.threshold;
  }
}

/** The rules a value meets, in the order given. */
export const rulesMet = <R extends Pick<Rule, 'indicatorKey' | 'op' | 'threshold'>>(
  rules: readonly R[],
  indicatorKey: string,
  value: number,
): R[] => rules.filter((r) => r.indicatorKey === indicatorKey && meets(r, value));
