// The attendance_days table: writing a person's day (idempotent: a re-sync or re-import overwrites the same
// row) and reading it back per ISO week for the status page's trend (issue 25 §1) — the only read other
// features use.
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ATTENDANCE_STATUSES, attendanceDays, type ATTENDANCE_SOURCES } from '../../db/schema.js';
import type { Tx } from '../unit-of-work.js';
import type { AttendanceStatus } from './classify.js';
import { addDays, isoWeek, weekStart } from './iso-week.js';

export type AttendanceOrigin = (typeof ATTENDANCE_SOURCES)[number];

export interface AttendanceRow {
  personId: number;
  day: string;
  status: AttendanceStatus;
  lateMinutes: number | null;
  source: AttendanceOrigin;
}

/** Write the days (one row per person and day; the latest write wins). Call inside the caller's unit of work. */
export async function upsertAttendance(tx: Tx, rows: readonly AttendanceRow[], now: Date): Promise<number> {
  const updatedAt = now.toISOString();
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((r) => ({ ...r, updatedAt }));
    await tx
      .insert(attendanceDays)
      .values(chunk)
      .onConflictDoUpdate({
        target: [attendanceDays.personId, attendanceDays.day],
        set: {
          status: sql`excluded.status`,
          lateMinutes: sql`excluded.late_minutes`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return rows.length;
}

export interface AttendanceWeek {
  /** ISO week, "2026-W49". */
  week: string;
  /** Its Monday, YYYY-MM-DD. */
  weekStart: string;
  /** Days with a record this week (0: no data — not the same as a clean week). */
  days: number;
  counts: Record<AttendanceStatus, number>;
  /** Sum of the minutes late over the week's late arrivals. */
  lateMinutes: number;
}

function emptyCounts(): Record<AttendanceStatus, number> {
  return Object.fromEntries(ATTENDANCE_STATUSES.map((s) => [s, 0])) as Record<AttendanceStatus, number>;
}

/**
 * A person's attendance per ISO week from fromDay to toDay (inclusive, company-calendar days): every week the
 * range touches, oldest first, with the count of each status and the late minutes. Weeks without a record are
 * listed with days 0, so a trend can tell "no data" from "all on time".
 */
export async function attendanceWeeks(
  db: Db,
  personId: number,
  range: { fromDay: string; toDay: string },
): Promise<AttendanceWeek[]> {
  const rows = await db
    .select({ day: attendanceDays.day, status: attendanceDays.status, lateMinutes: attendanceDays.lateMinutes })
    .from(attendanceDays)
    .where(
      and(
        eq(attendanceDays.personId, personId),
        gte(attendanceDays.day, range.fromDay),
        lte(attendanceDays.day, range.toDay),
      ),
    )
    .orderBy(asc(attendanceDays.day));
  const weeks = new Map<string, AttendanceWeek>();
  for (let monday = weekStart(range.fromDay); monday <= range.toDay; monday = addDays(monday, 7)) {
    weeks.set(monday, { week: isoWeek(monday), weekStart: monday, days: 0, counts: emptyCounts(), lateMinutes: 0 });
  }
  for (const r of rows) {
    const w = weeks.get(weekStart(r.day));
    if (!w) continue;
    w.days += 1;
    w.counts[r.status] += 1;
    w.lateMinutes += r.lateMinutes ?? 0;
  }
  return [...weeks.values()];
}

/** The recorded day of each of these people (those without a record are absent from the map). */
export async function attendanceOn(
  db: Db,
  personIds: readonly number[],
  day: string,
): Promise<Map<number, { status: AttendanceStatus; lateMinutes: number | null; source: AttendanceOrigin }>> {
  const out = new Map<number, { status: AttendanceStatus; lateMinutes: number | null; source: AttendanceOrigin }>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .select({
        personId: attendanceDays.personId,
        status: attendanceDays.status,
        lateMinutes: attendanceDays.lateMinutes,
        source: attendanceDays.source,
      })
      .from(attendanceDays)
      .where(and(eq(attendanceDays.day, day), inArray(attendanceDays.personId, personIds.slice(i, i + 500))));
    for (const r of rows) out.set(r.personId, { status: r.status, lateMinutes: r.lateMinutes, source: r.source });
  }
  return out;
}
