// Who the HR editors' pickers offer: the active people by name (an approval step's named approver, a rating
// dimension's named rater). One read for every picker; each takes the fields it needs.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';

export interface PickablePerson {
  id: number;
  name: string;
  email: string | null;
}

/** Every active person, ordered by name. */
export async function activePeopleByName(db: Db): Promise<PickablePerson[]> {
  return await db
    .select({ id: employees.id, name: employees.name, email: employees.email })
    .from(employees)
    .where(eq(employees.active, true))
    .orderBy(asc(employees.name));
}
