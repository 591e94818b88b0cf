// A status-page history for one person, built through the domain on a harness: Qing Ye's attitude falls in
// three closed cycles of the team scheme (4 → 3 → 2), her late arrivals rise over the last four complete weeks
// (1 → 2 → 3 → 4, eight quieter weeks before), and her task completion falls over the last three months
// (90% → 80% → 70%, pasted as CSV by HR). Both signals fire on it.
import { upsertAttendance, type AttendanceRow } from '../../src/domain/attendance/index.js';
import { importIndicatorCsv, TASK_COMPLETION } from '../../src/domain/indicators/task-completion.js';
import { completeWeeksBefore, monthsUpTo } from '../../src/domain/people/status-weeks.js';
import { companyTimeZone } from '../../src/domain/points/submit-claim.js';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import type { Harness } from './harness.js';
import { attitudeCycle, HR, personId } from './training-history.js';

const DAY = 86_400_000;
const fromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export const SUBJECT = 'ye.qing';
/** Late arrivals per week over the last twelve complete weeks, oldest first. */
export const LATE = [0, 1, 0, 0, 1, 0, 0, 2, 1, 2, 3, 4];
export const TASKS = [90, 80, 70];

export async function today(h: Harness): Promise<string> {
  return calendarDay(new Date(), await companyTimeZone(h.app.db, h.app.config.defaultTimezone));
}

export async function attitudeFalls(h: Harness): Promise<void> {
  const scores = [4, 3, 2];
  for (const [i, s] of scores.entries())
    await attitudeCycle(
      h,
      { [SUBJECT]: s, 'jiang.tao': 3, 'pan.yue': 3, 'sophia.lee': 4 },
      fromNow(-100 + i * 35),
      fromNow(-90 + i * 35),
    );
}

/** Five working days a week: `late` of them late (15 minutes each), the rest on time. */
export async function lateWeeks(h: Harness, who: string, late: readonly number[]): Promise<void> {
  const personIdOf = await personId(h, who);
  const window = completeWeeksBefore(await today(h), late.length);
  const rows: AttendanceRow[] = late.flatMap((n, w) =>
    [0, 1, 2, 3, 4].map((d) => ({
      personId: personIdOf,
      day: addDays(window.fromDay, w * 7 + d),
      status: d < n ? ('late' as const) : ('on_time' as const),
      lateMinutes: d < n ? 15 : null,
      source: 'csv' as const,
    })),
  );
  await unitOfWork(h.app.db, async (tx) => await upsertAttendance(tx, rows, new Date()));
}

export async function tasksFall(h: Harness, who: string, values: readonly number[]): Promise<void> {
  const months = monthsUpTo(await today(h), values.length);
  const csv = ['employee,period,value', ...values.map((v, i) => `${who}@qingyun.example,${months[i]},${v}`)].join('\n');
  const r = await unitOfWork(h.app.db, async (tx) =>
    importIndicatorCsv(tx, {
      indicatorKey: TASK_COMPLETION,
      text: csv,
      actor: { kind: 'employee', employeeId: await personId(h, HR) },
      now: new Date(),
      timeZone: await companyTimeZone(h.app.db, h.app.config.defaultTimezone),
      defaultLocale: 'zh-CN',
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

export async function statusHistory(h: Harness): Promise<number> {
  await attitudeFalls(h);
  await lateWeeks(h, SUBJECT, LATE);
  await tasksFall(h, SUBJECT, TASKS);
  return await personId(h, SUBJECT);
}
