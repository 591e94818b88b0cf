// Calendar arithmetic for the status page's attendance window (pure): ISO weeks and the last N complete weeks
// before a day, so the trend never ends on a half-finished week.

const DAY = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** ISO week of a calendar day (YYYY-MM-DD), e.g. 2026-W49. */
export function isoWeek(day: string): string {
  const d = new Date(dayMs(day));
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The `n` complete ISO weeks before the week of `today`: their first and last day and their keys, oldest first. */
export function completeWeeksBefore(today: string, n: number): { fromDay: string; toDay: string; weeks: string[] } {
  const t = dayMs(today);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const from = monday - n * 7 * DAY;
  const weeks = Array.from({ length: n }, (_, i) => isoWeek(dayOf(from + i * 7 * DAY)));
  return { fromDay: dayOf(from), toDay: dayOf(monday - DAY), weeks };
}

/** The `n` months up to and including the month of `today`, oldest first (YYYY-MM). */
export function monthsUpTo(today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + m - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}
