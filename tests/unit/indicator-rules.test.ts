// Point rules over indicators, periods and value conversion as pure functions (issue 25 §2).
import { describe, expect, it } from 'vitest';
import { parsePeriod, periodHasDay, periodInFuture } from '../../src/domain/indicators/periods.js';
import { meets, ruleInputSchema, rulesMet, thresholdProblem } from '../../src/domain/indicators/rules.js';
import { hoursValue, hoursValueText, validHourlyCost } from '../../src/domain/points/hours-value.js';
import { describeAudit } from '../../src/domain/audit-describe.js';
import { translator } from '../../src/i18n/index.js';

describe('periods', () => {
  it('reads a month or a quarter as its first and last day', () => {
    expect(parsePeriod('2026-11')).toEqual({ key: '2026-11', kind: 'month', first: '2026-11-01', last: '2026-11-30' });
    expect(parsePeriod('2028-02')?.last).toBe('2028-02-29');
    expect(parsePeriod('2026-Q4')).toEqual({
      key: '2026-Q4',
      kind: 'quarter',
      first: '2026-10-01',
      last: '2026-12-31',
    });
    expect(parsePeriod('2026-Q1')?.last).toBe('2026-03-31');
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-q4', '26-11', '2026-1', '2026-11-01', 'last month', ''])
      expect(parsePeriod(bad), bad).toBeUndefined();
  });

  it('knows its days and whether it has begun', () => {
    const q4 = parsePeriod('2026-Q4')!;
    expect(periodHasDay(q4, '2026-10-01')).toBe(true);
    expect(periodHasDay(q4, '2026-12-31')).toBe(true);
    expect(periodHasDay(q4, '2027-01-01')).toBe(false);
    expect(periodInFuture(parsePeriod('2026-12')!, '2026-12-07')).toBe(false);
    expect(periodInFuture(parsePeriod('2027-01')!, '2026-12-31')).toBe(true);
  });
});

describe('point rules', () => {
  it('evaluates each comparison at and around its threshold', () => {
    const at = (op: '<' | '<=' | '>' | '>=') => [4.9, 5, 5.1].map((v) => meets({ op, threshold: 5 }, v));
    expect(at('<')).toEqual([true, false, false]);
    expect(at('<=')).toEqual([true, true, false]);
    expect(at('>')).toEqual([false, false, true]);
    expect(at('>=')).toEqual([false, true, true]);
  });

  it('picks the rules of the indicator a value meets', () => {
    const rules = [
      { id: 1, indicatorKey: 'budget_deviation', op: '<' as const, threshold: 5 },
      { id: 2, indicatorKey: 'cost_reduction', op: '>' as const, threshold: 10 },
      { id: 3, indicatorKey: 'budget_deviation', op: '<' as const, threshold: 2 },
    ];
    expect(rulesMet(rules, 'budget_deviation', 3.2).map((r) => r.id)).toEqual([1]);
    expect(rulesMet(rules, 'budget_deviation', 1).map((r) => r.id)).toEqual([1, 3]);
    expect(rulesMet(rules, 'cost_reduction', 10)).toEqual([]);
    expect(rulesMet(rules, 'cost_reduction', 12).map((r) => r.id)).toEqual([2]);
  });

  it('refuses an impossible threshold on a percentage, not on a plain number', () => {
    const code = (op: '<' | '<=' | '>' | '>=', threshold: number, unit: 'percent' | 'number' = 'percent') =>
      thresholdProblem({ op, threshold }, unit)?.message;
    expect(code('<', -1)).toBe('rule_threshold_percent');
    expect(code('>', 100.5)).toBe('rule_threshold_percent');
    expect(code('<', 0)).toBe('rule_threshold_never');
    expect(code('>', 100)).toBe('rule_threshold_never');
    expect(code('>=', 0)).toBe('rule_threshold_always');
    expect(code('<=', 100)).toBe('rule_threshold_always');
    expect(code('<', NaN)).toBe('rule_threshold_number');
    expect(code('<', 5)).toBeUndefined();
    expect(code('<=', 0)).toBeUndefined();
    expect(code('>', -20, 'number')).toBeUndefined();
    expect(code('<', Infinity, 'number')).toBe('rule_threshold_number');
  });

  it('reads a rule only with a known comparison, whole points and a finite threshold', () => {
    const base = { indicatorKey: 'budget_deviation', op: '<', threshold: 5, points: 50, tagId: 1 };
    expect(ruleInputSchema.safeParse(base).success).toBe(true);
    for (const bad of [{ op: '=' }, { op: '!=' }, { threshold: NaN }, { points: 0 }, { points: 1.5 }, { tagId: -1 }])
      expect(ruleInputSchema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('value conversion', () => {
  it('converts hours saved at the hourly cost, as the article writes it', () => {
    const v = hoursValue([{ amount: 1000, unit: 'hours' }], 50)!;
    expect(v).toEqual({ hours: 1000, rate: 50, money: 50000 });
    expect(hoursValueText(v, 'en')).toBe('1,000 hours × ¥50 = ¥50,000');
    expect(hoursValueText(v, 'zh-CN')).toBe('1,000 小时 × ¥50 = ¥50,000');
  });

  it('adds a claim’s hour quantities, ignores the others, and rounds to the cent', () => {
    expect(
      hoursValue(
        [
          { amount: 12.5, unit: 'hours' },
          { amount: 15, unit: 'percent' },
          { amount: 0.1, unit: 'hours' },
        ],
        30,
      ),
    ).toEqual({ hours: 12.6, rate: 30, money: 378 });
    expect(hoursValue([{ amount: 0.1, unit: 'hours' }], 30)?.money).toBe(3);
    expect(hoursValue([{ amount: 3, unit: 'hours' }], 33.33)?.money).toBe(99.99);
  });

  it('shows nothing without hours or without a rate', () => {
    expect(hoursValue([{ amount: 100, unit: 'cny' }], 50)).toBeUndefined();
    expect(hoursValue([{ amount: 10, unit: 'hours' }], undefined)).toBeUndefined();
    expect(hoursValue([], 50)).toBeUndefined();
  });

  it('accepts an hourly cost above 0, at most 100,000, in whole cents', () => {
    for (const ok of [50, 0.01, 99.99, 100_000]) expect(validHourlyCost(ok), String(ok)).toBe(true);
    for (const bad of [0, -5, 100_000.01, 12.345, NaN, Infinity]) expect(validHourlyCost(bad), String(bad)).toBe(false);
  });
});

describe('the audit log in words', () => {
  const names = { person: (id: number) => (id === 7 ? 'Olivia Brown' : undefined), unit: () => undefined };
  const said = (action: string, subject: string, detail: Record<string, unknown> = {}) =>
    describeAudit({ action, subject, detail: JSON.stringify(detail) }, names, translator('en'));

  it('names the system, the indicator and the rule a row is about', () => {
    expect(said('ingest.system.create', 'ingest:2', { name: 'ERP' }).summary).toBe(
      'created ingestion system #2 and its token',
    );
    expect(said('indicator.define', 'indicator:budget_deviation').summary).toBe('defined indicator budget_deviation');
    expect(said('indicator.rule.retire', 'rule:3').summary).toBe('retired point rule #3');
    const change = said('indicator.change', 'ingest:1', { subjectId: 7, period: '2026-11', from: 3.2, to: 4.1 });
    expect(change.summary).toBe('changed an indicator value pushed by ingestion system #1');
    expect(change.fields.map((f) => f.value)).toContain('Olivia Brown');
  });
});
