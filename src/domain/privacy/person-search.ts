// HR's person picker for the privacy pages: by name or e-mail, leavers included (they may be the ones asking).
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, orgUnits } from '../../db/schema.js';

export interface PersonHit {
  id: number;
  name: string;
  email: string | null;
  unit: string | null;
  active: boolean;
}

/** Up to `limit` people whose name or e-mail contains q (case-insensitive; everyone for an empty q), by name. */
export async function searchPeople(db: Db, q: string, limit: number): Promise<PersonHit[]> {
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return await db
    .select({
      id: employees.id,
      name: employees.name,
      email: employees.email,
      unit: orgUnits.name,
      active: employees.active,
    })
    .from(employees)
    .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
    .where(
      q
        ? sql`(lower(${employees.name}) like ${like} escape '\\' or lower(coalesce(${employees.email}, '')) like ${like} escape '\\')`
        : undefined,
    )
    .orderBy(asc(employees.name))
    .limit(limit);
}
