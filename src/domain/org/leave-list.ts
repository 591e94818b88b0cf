// Who is on leave, for HR's org page: each person whose leave has not ended yet (its last day is today or later
// in the company's calendar), soonest first. Ended leave stays in the person's row but drops off this list.
import { and, asc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, orgUnits } from '../../db/schema.js';

export interface PersonOnLeave {
  id: number;
  name: string;
  unit: string | null;
  from: string;
  until: string;
}

/** People with leave ending on or after `today` (YYYY-MM-DD), by first day then name. */
export async function currentAndComingLeave(db: Db, today: string): Promise<PersonOnLeave[]> {
  const rows = await db
    .select({
      id: employees.id,
      name: employees.name,
      unit: orgUnits.name,
      from: employees.leaveFrom,
      until: employees.leaveUntil,
    })
    .from(employees)
    .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
    .where(and(isNotNull(employees.leaveFrom), isNotNull(employees.leaveUntil), gte(employees.leaveUntil, today)))
    .orderBy(asc(employees.leaveFrom), asc(employees.name), asc(employees.id));
  return rows.flatMap((r) => (r.from && r.until ? [{ ...r, from: r.from, until: r.until }] : []));
}
