// Who a message goes to and in which language: the few reads of the org that delivery needs on its own
// (one query each; the notifier asks for a locale once per message, on the hot path of a fan-out).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { employeeRoles, employees, platformIdentities } from '../../db/schema.js';
import type { Locale, Platform } from '../../vocabulary.js';

/** A person's language and platform identities in one read: what every message to them needs first. */
export async function reachOf(
  db: Db,
  employeeId: number,
): Promise<{ locale: Locale | undefined; identities: { platform: Platform; platformUserId: string }[] }> {
  const rows = await reachRows(db, { employeeId });
  return {
    locale: rows[0]?.locale ?? undefined,
    identities: rows.flatMap((r) =>
      r.platform !== null && r.platformUserId !== null
        ? [{ platform: r.platform, platformUserId: r.platformUserId }]
        : [],
    ),
  };
}
// Read for every message: built once (src/db/prepared.ts).
const reachRows = prepared((db) =>
  db
    .select({
      locale: employees.locale,
      platform: platformIdentities.platform,
      platformUserId: platformIdentities.platformUserId,
    })
    .from(employees)
    .leftJoin(platformIdentities, eq(platformIdentities.employeeId, employees.id))
    .where(eq(employees.id, sql.placeholder('employeeId'))),
);

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
