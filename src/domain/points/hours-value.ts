// Value conversion (issue 25 §2): a claim's "hours saved" in money at HR's hourly cost, shown beside what was
// entered — "1,000 hours × ¥50 = ¥50,000". Pure; the rate is read by hourly-cost.ts.
import type { Locale } from '../../vocabulary.js';
import { translator } from '../../i18n/index.js';
import type { Quantity } from './claim-value.js';
import { formatQuantity } from './claim-value-text.js';

/** The highest hourly cost HR may set (¥); a typo of extra zeros is refused rather than shown to approvers. */
export const MAX_HOURLY_COST = 100_000;

export interface HoursValue {
  hours: number;
  rate: number;
  money: number;
}

/** Hours in a claim (all its hour quantities added) times the rate; undefined without hours or a rate. */
export function hoursValue(quantities: readonly Pick<Quantity, 'amount' | 'unit'>[], rate: number | undefined) {
  const hours = quantities.filter((q) => q.unit === 'hours').map((q) => q.amount);
  if (!hours.length || rate === undefined || !(rate > 0)) return undefined;
  // Hours and a rate of at most two decimals: compute in cents so 0.1 h × ¥30 is ¥3, not ¥3.0000000000000004.
  const total = hours.reduce((a, b) => a + b, 0);
  const money = Math.round(total * Math.round(rate * 100)) / 100;
  return { hours: total, rate, money } satisfies HoursValue;
}

/** "1,000 hours × ¥50 = ¥50,000" in the reader's language. */
export function hoursValueText(v: HoursValue, locale: Locale): string {
  const t = translator(locale);
  const money = (amount: number) => formatQuantity({ amount, unit: 'cny' }, locale, t);
  return `${formatQuantity({ amount: v.hours, unit: 'hours' }, locale, t)} × ${money(v.rate)} = ${money(v.money)}`;
}

/** Whether a rate HR typed is one to keep: more than 0, at most MAX_HOURLY_COST, whole cents. */
export const validHourlyCost = (rate: number): boolean =>
  Number.isFinite(rate) && rate > 0 && rate <= MAX_HOURLY_COST && Math.abs(rate * 100 - Math.round(rate * 100)) < 1e-6;
