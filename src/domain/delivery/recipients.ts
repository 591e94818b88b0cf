// Who a message goes to and in which language: the few reads of the org that delivery needs on its own
// (one query each; the notifier asks for a locale once per message, on the hot path of a fan-out).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employeeRoles, employees } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';

/** The language a person chose (or the org import set); undefined when they have none or are unknown. */
export async function preferredLocale(db: Db, employeeId: number): Promise<Locale | undefined> {
  return (
    (await db.select({ locale: employees.locale }).from(employees).where(eq(employees.id, employeeId)).limit(1))[0]
      ?.locale ?? undefined
  );
}

/** The active people with the HR or admin role (each once): whom a delivery alert goes to. */
export async function activeHrAndAdmins(db: Db): Promise<number[]> {
  return (
    await db
      .selectDistinct({ id: employeeRoles.employeeId })
      .from(employeeRoles)
      .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
      .where(and(inArray(employeeRoles.role, ['hr', 'admin']), eq(employees.active, true)))
  ).map((r) => r.id);
}
