// Applying what a platform reported: each day classified (classify.ts) and written for the person linked to
// the platform id — all in one transaction with its count-only audit row, so a failure writes nothing. A day
// for someone who has left, or for a platform id nobody is linked to, is skipped and named in the report; a
// person asked about with no data at all is named too ("no attendance data"), never counted absent.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, platformIdentities } from '../../db/schema.js';
import type { Platform } from '../../vocabulary.js';
import { audit, type Actor } from '../audit.js';
import { unitOfWork } from '../unit-of-work.js';
import { upsertAttendance, type AttendanceRow } from './attendance-days.js';
import { classifyDay } from './classify.js';
import type { PlatformAttendanceDay } from './platform-attendance.js';

export interface AttendancePerson {
  personId: number;
  name: string;
  active: boolean;
  externalUserId: string;
}

export interface AttendanceSyncReport {
  platform: Platform;
  fromDay: string;
  toDay: string;
  /** Days written (new or replaced). */
  written: number;
  /** Active people the platform had no result for over the whole range. */
  noData: string[];
  /** Days not written: the person has left, or nobody here is linked to the platform id. */
  skipped: { who: string; day: string; reason: 'left' | 'unknown' }[];
}

/** Everyone linked on the platform — the leavers too: the platform may still report their last days, which the
 *  sync must refuse by name rather than never see. */
export async function attendancePeople(db: Db, platform: Platform): Promise<AttendancePerson[]> {
  return await db
    .select({
      personId: employees.id,
      name: employees.name,
      active: employees.active,
      externalUserId: platformIdentities.platformUserId,
    })
    .from(platformIdentities)
    .innerJoin(employees, eq(employees.id, platformIdentities.employeeId))
    .where(and(eq(platformIdentities.platform, platform)))
    .orderBy(employees.id);
}

/** Decide what to write (pure): the rows, the skipped days and who had no data. */
export function planAttendance(
  platform: 'feishu' | 'dingtalk',
  asked: readonly AttendancePerson[],
  days: readonly PlatformAttendanceDay[],
): { rows: AttendanceRow[]; skipped: AttendanceSyncReport['skipped']; noData: string[] } {
  const byExternal = new Map(asked.map((p) => [p.externalUserId, p]));
  const rows = new Map<string, AttendanceRow>();
  const skipped: AttendanceSyncReport['skipped'] = [];
  const seen = new Set<string>();
  for (const d of days) {
    seen.add(d.externalUserId);
    const person = byExternal.get(d.externalUserId);
    if (!person) {
      skipped.push({ who: d.externalUserId, day: d.day, reason: 'unknown' });
      continue;
    }
    const verdict = classifyDay(d);
    if (!verdict) continue; // a rest day: nothing to record
    if (!person.active) {
      skipped.push({ who: person.name, day: d.day, reason: 'left' });
      continue;
    }
    // A platform listing one day twice: the later entry wins, as a re-sync would.
    rows.set(`${person.personId} ${d.day}`, { personId: person.personId, day: d.day, ...verdict, source: platform });
  }
  const noData = asked.filter((p) => p.active && !seen.has(p.externalUserId)).map((p) => p.name);
  return { rows: [...rows.values()], skipped, noData };
}

export async function applyPlatformAttendance(
  db: Db,
  input: {
    platform: 'feishu' | 'dingtalk';
    asked: readonly AttendancePerson[];
    fromDay: string;
    toDay: string;
    days: readonly PlatformAttendanceDay[];
  },
  actor: Actor,
  now: Date,
): Promise<AttendanceSyncReport> {
  const plan = planAttendance(input.platform, input.asked, input.days);
  await unitOfWork(db, async (tx) => {
    await upsertAttendance(tx, plan.rows, now);
    // Counts only: who was late is attendance data, not an audit fact.
    await audit(tx, actor, 'attendance.sync', input.platform, {
      fromDay: input.fromDay,
      toDay: input.toDay,
      written: plan.rows.length,
      noData: plan.noData.length,
      skipped: plan.skipped.length,
    });
  });
  return {
    platform: input.platform,
    fromDay: input.fromDay,
    toDay: input.toDay,
    written: plan.rows.length,
    noData: plan.noData,
    skipped: plan.skipped,
  };
}
