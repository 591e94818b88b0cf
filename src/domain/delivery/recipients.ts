// Who a message goes to and in which language: the few reads of the org that delivery needs on its own
// (one query each; the notifier asks for a locale once per message, on the hot path of a fan-out).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employeeRoles, employees } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';

/** The language a person chose (or the org import set); undefined when they have none or are unknown. */
export function preferredLocale(db: Db, employeeId: number): Locale | undefined {
  return (
    db.select({ locale: employees.locale }).from(employees).where(eq(employees.id, employeeId)).get()?.locale ??
    undefined
  );
}

/** The active people with the HR or admin role (each once): whom a delivery alert goes to. */
export function activeHrAndAdmins(db: Db): number[] {
  return db
    .selectDistinct({ id: employeeRoles.employeeId })
    .from(employeeRoles)
    .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
    .where(and(inArray(employeeRoles.role, ['hr', 'admin']), eq(employees.active, true)))
    .all()
    .map((r) => r.id);
}
