// People on leave: one period per person (first and last day, inclusive, YYYY-MM-DD in their own calendar), from
// the org CSV import, the directory sync or HR in the mini-app. While on leave nobody sends them survey cards or
// reminders (delivery-queue.ts), and a wave whose days overlap the leave leaves them out altogether: not asked,
// so counted in no participation rate and in no group's "asked" (units that drop below K that way are marked
// below K on the wave's page, as any small unit is).
import { and, eq, gte, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';

export interface Leave {
  from: string;
  until: string;
}

export type LeaveProblem = 'leave_incomplete' | 'leave_bad_date' | 'leave_ends_before_start';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Both days empty: no leave; one of them, a date that does not exist, or an end before the start: a problem. */
export function parseLeave(
  from: string,
  until: string,
): { ok: true; leave: Leave | null } | { ok: false; problem: LeaveProblem } {
  const f = from.trim();
  const u = until.trim();
  if (f === '' && u === '') return { ok: true, leave: null };
  if (f === '' || u === '') return { ok: false, problem: 'leave_incomplete' };
  if (!isDay(f) || !isDay(u)) return { ok: false, problem: 'leave_bad_date' };
  if (u < f) return { ok: false, problem: 'leave_ends_before_start' };
  return { ok: true, leave: { from: f, until: u } };
}

/** Whether the leave covers the day (YYYY-MM-DD). */
export function onLeaveOn(leave: Partial<Leave> | { from: string | null; until: string | null }, day: string): boolean {
  return !!leave.from && !!leave.until && leave.from <= day && day <= leave.until;
}

/** Whether the leave shares at least one day with [firstDay, lastDay]. */
export function leaveOverlaps(leave: Leave, firstDay: string, lastDay: string): boolean {
  return leave.from <= lastDay && leave.until >= firstDay;
}

/** People whose leave shares a day with [firstDay, lastDay] (indexed on the leave's last day). */
export async function onLeaveDuring(db: Db, firstDay: string, lastDay: string): Promise<Set<number>> {
  const rows = await db
    .select({ id: employees.id })
    .from(employees)
    .where(and(isNotNull(employees.leaveFrom), gte(employees.leaveUntil, firstDay), lte(employees.leaveFrom, lastDay)));
  return new Set(rows.map((r) => r.id));
}

/** HR sets or clears (null) a person's leave; audited with the dates. The caller checks the role. */
export async function setLeave(
  db: Db,
  employeeId: number,
  leave: Leave | null,
  actor: Actor,
  now: Date,
): Promise<{ ok: true } | { ok: false; code: 'unknown_employee' }> {
  const person = (
    await db.select({ id: employees.id }).from(employees).where(eq(employees.id, employeeId)).limit(1)
  )[0];
  if (!person) return { ok: false, code: 'unknown_employee' };
  await db
    .update(employees)
    .set({ leaveFrom: leave?.from ?? null, leaveUntil: leave?.until ?? null, updatedAt: now.toISOString() })
    .where(eq(employees.id, employeeId));
  await audit(
    db,
    actor,
    'org.leave',
    `employee:${employeeId}`,
    leave ? { from: leave.from, until: leave.until } : { cleared: true },
  );
  return { ok: true };
}
