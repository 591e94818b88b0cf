// The periods an indicator value is for: a month (2026-11) or a quarter (2026-Q4), as calendar days in the
// company's time zone. Pure.

export interface Period {
  key: string;
  kind: 'month' | 'quarter';
  /** First day, YYYY-MM-DD. */
  first: string;
  /** Last day, YYYY-MM-DD. */
  last: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** "2026-11" or "2026-Q4" (year 2000–2099); anything else is undefined. */
export function parsePeriod(raw: string): Period | undefined {
  const month = /^(20\d\d)-(0[1-9]|1[0-2])$/.exec(raw);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { key: raw, kind: 'month', first: `${y}-${pad(m)}-01`, last: `${y}-${pad(m)}-${pad(lastDayOf(y, m))}` };
  }
  const quarter = /^(20\d\d)-Q([1-4])$/.exec(raw);
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2])];
    const [m1, m3] = [q * 3 - 2, q * 3];
    return { key: raw, kind: 'quarter', first: `${y}-${pad(m1)}-01`, last: `${y}-${pad(m3)}-${pad(lastDayOf(y, m3))}` };
  }
  return undefined;
}

/** Whether the calendar day (YYYY-MM-DD) falls in the period. */
export const periodHasDay = (p: Period, day: string): boolean => day >= p.first && day <= p.last;

/** A period that has not begun by `today` (YYYY-MM-DD): no system can have measured it yet. */
export const periodInFuture = (p: Period, today: string): boolean => p.first > today;
