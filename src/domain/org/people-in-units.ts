// People in a set of units: everyone on the roll there (a team's leaderboard), or the active ones (or everyone
// active) as the choice of owner for a follow-up.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';

/** Active people, by id, whose unit is one of `unitIds` ('all': every active person). */
export async function activePeopleIn(
  db: Db,
  unitIds: readonly number[] | 'all',
): Promise<{ id: number; name: string; unitId: number | null }[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  return await db
    .select({ id: employees.id, name: employees.name, unitId: employees.unitId })
    .from(employees)
    .where(
      unitIds === 'all'
        ? eq(employees.active, true)
        : and(eq(employees.active, true), inArray(employees.unitId, [...unitIds])),
    )
    .orderBy(employees.id);
}

/** Ids of the people (active or not) whose unit is one of `unitIds`. */
export async function employeeIdsInUnits(db: Db, unitIds: ReadonlySet<number> | readonly number[]): Promise<number[]> {
  const ids = [...unitIds];
  if (!ids.length) return [];
  return (await db.select({ id: employees.id }).from(employees).where(inArray(employees.unitId, ids))).map((p) => p.id);
}
