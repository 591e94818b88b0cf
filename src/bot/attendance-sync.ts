// Platform attendance sync: ask each platform's attendance source for yesterday and today (the company's
// calendar) for everyone linked there, and apply the answer (domain). Used by the hourly schedule and HR's
// "sync now" in the mini-app.
import type { Actor } from '../domain/audit.js';
import {
  applyPlatformAttendance,
  attendancePeople,
  type AttendanceSyncReport,
} from '../domain/attendance/attendance-sync.js';
import { addDays } from '../domain/attendance/iso-week.js';
import { companyTimeZone } from '../domain/points/submit-claim.js';
import { calendarDay } from '../domain/surveys/calendar-day.js';
import type { Db } from '../domain/unit-of-work.js';
import type { AttendanceSource, Platform } from './port.js';

export type AttendancePlatform = Extract<Platform, 'feishu' | 'dingtalk'>;

/** The platforms whose attendance the sync reads (Slack has none: CSV instead). */
export function attendanceSources(
  adapters: Iterable<{ platform: Platform; attendance?: AttendanceSource }>,
): Map<AttendancePlatform, AttendanceSource> {
  const out = new Map<AttendancePlatform, AttendanceSource>();
  for (const a of adapters)
    if (a.attendance && (a.platform === 'feishu' || a.platform === 'dingtalk')) out.set(a.platform, a.attendance);
  return out;
}

export async function syncAttendance(
  db: Db,
  platform: AttendancePlatform,
  source: AttendanceSource,
  actor: Actor,
  opts: { now: Date; fallbackTimeZone: string },
): Promise<AttendanceSyncReport> {
  const today = calendarDay(opts.now, await companyTimeZone(db, opts.fallbackTimeZone));
  const fromDay = addDays(today, -1);
  const asked = await attendancePeople(db, platform);
  const days = asked.length
    ? await source.fetchDays(
        asked.map((p) => ({ externalUserId: p.externalUserId })),
        fromDay,
        today,
      )
    : [];
  return applyPlatformAttendance(db, { platform, asked, fromDay, toDay: today, days }, actor, opts.now);
}
