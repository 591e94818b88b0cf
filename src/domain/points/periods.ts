// Calendar periods in the company's time zone (day, week, month, quarter, year): leaderboards and claim caps
// count what people there call "this month", not a rolling 30 days. Pure, over calendar-day.ts's zoned clock.
import { wallClock, zonedHour } from '../surveys/calendar-day.js';

export const CALENDAR_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type CalendarPeriod = (typeof CALENDAR_PERIODS)[number] | 'day';

/** [from, until): the period containing `at`, as instants; `until` is when the next one starts. */
export function periodRange(at: Date, period: CalendarPeriod, timeZone: string): { from: Date; until: Date } {
  const { y, m, d } = wallClock(at, timeZone);
  // zonedHour lets a day or month overflow (Date.UTC rolls it into the next month or year).
  const start = (yy: number, mm: number, dd: number) => zonedHour(yy, mm, dd, 0, timeZone);
  switch (period) {
    case 'day':
      return { from: start(y, m, d), until: start(y, m, d + 1) };
    case 'week': {
      // Weeks start on Monday (ISO 8601, as in China).
      const back = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
      return { from: start(y, m, d - back), until: start(y, m, d - back + 7) };
    }
    case 'month':
      return { from: start(y, m, 1), until: start(y, m + 1, 1) };
    case 'quarter': {
      const first = m - ((m - 1) % 3);
      return { from: start(y, first, 1), until: start(y, first + 3, 1) };
    }
    case 'year':
      return { from: start(y, 1, 1), until: start(y + 1, 1, 1) };
  }
}

/** The period's name as a person reads it: 2026-03, 2026-Q1, 2026, or the week's Monday. */
export function periodLabel(at: Date, period: CalendarPeriod, timeZone: string): string {
  const { y, m } = wallClock(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period === 'year') return String(y);
  if (period === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  if (period === 'month') return `${y}-${pad(m)}`;
  const { y: fy, m: fm, d: fd } = wallClock(periodRange(at, period, timeZone).from, timeZone);
  return `${fy}-${pad(fm)}-${pad(fd)}`;
}
