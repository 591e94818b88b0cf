// ISO-8601 weeks of calendar days (YYYY-MM-DD), pure: weeks start on Monday; week 1 holds the year's first
// Thursday. Days are plain dates (no time zone): the company calendar decided them already.

const DAY_MS = 86_400_000;

function utcOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday of the day's ISO week. */
export function weekStart(day: string): string {
  const ms = utcOf(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return dayOf(ms - weekday * DAY_MS);
}

/** "2026-W49". */
export function isoWeek(day: string): string {
  const monday = utcOf(weekStart(day));
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The day n days after (or before, n < 0) a day. */
export function addDays(day: string, n: number): string {
  return dayOf(utcOf(day) + n * DAY_MS);
}

/** Every day from..to inclusive (empty when from > to). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = utcOf(from); ms <= utcOf(to); ms += DAY_MS) out.push(dayOf(ms));
  return out;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayOf(utcOf(s)) === s;
}
