// Calendar days in a time zone (the company's): "once a day" caps count days as people there live them,
// not UTC days. Pure functions over Intl (shared formatters), no dependency.
import { dateTimeFormat } from '../../intl-format.js';

/** The wall clock (to the second) at `at` in the time zone. */
export const wallClock = (at: Date, timeZone: string) => {
  const p = dateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const n = (type: string) => Number(p.find((x) => x.type === type)?.value);
  return { y: n('year'), m: n('month'), d: n('day'), h: n('hour'), min: n('minute'), s: n('second') };
};

/** The date (YYYY-MM-DD) it is at `at` in the time zone. */
export function calendarDay(at: Date, timeZone: string): string {
  const { y, m, d } = wallClock(at, timeZone);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The time zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(at: Date, timeZone: string): number {
  const { y, m, d, h, min, s } = wallClock(at, timeZone);
  return Date.UTC(y, m - 1, d, h, min, s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the wall clock in the time zone reads y-m-d h:00 (d may overflow into the next month). */
export function zonedHour(y: number, m: number, d: number, hour: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d, hour);
  // Two passes settle an hour whose offset differs from the first guess's (a DST change in between).
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** The first instant of the next calendar day after `at` in the time zone (midnight there). */
export function startOfNextDay(at: Date, timeZone: string): Date {
  const { y, m, d } = wallClock(at, timeZone);
  return zonedHour(y, m, d + 1, 0, timeZone);
}
