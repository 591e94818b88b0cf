// Reading and linking people: the queries the bot core and other domains need about the org.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { employeeRoles, employees, orgUnits, platformIdentities, type Role } from '../../db/schema.js';
import type { Locale, Platform } from '../../vocabulary.js';

export interface Person {
  id: number;
  name: string;
  email: string | null;
  locale: Locale | null;
  timezone: string | null;
  unitId: number | null;
  managerId: number | null;
  active: boolean;
  roles: Role[];
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Who pressed: read on every event (the bot core's resolvePerson), so these reads are built once (issue 22).
const roleRows = prepared((db) =>
  db
    .select({ role: employeeRoles.role })
    .from(employeeRoles)
    .where(eq(employeeRoles.employeeId, sql.placeholder('id'))),
);
const personRow = prepared((db) =>
  db
    .select()
    .from(employees)
    .where(eq(employees.id, sql.placeholder('id')))
    .limit(1),
);
const identityRow = prepared((db) =>
  db
    .select({ employeeId: platformIdentities.employeeId })
    .from(platformIdentities)
    .where(
      and(
        eq(platformIdentities.platform, sql.placeholder('platform')),
        eq(platformIdentities.platformUserId, sql.placeholder('platformUserId')),
      ),
    )
    .limit(1),
);

export async function rolesOf(db: Db, employeeId: number): Promise<Role[]> {
  const rows = await roleRows(db, { id: employeeId });
  const roles = new Set<Role>(['employee', ...rows.map((r) => r.role)]);
  return [...roles];
}

export async function getPerson(db: Db, id: number): Promise<Person | undefined> {
  const row = (await personRow(db, { id }))[0];
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    timezone: row.timezone,
    unitId: row.unitId,
    managerId: row.managerId,
    active: row.active,
    roles: await rolesOf(db, row.id),
  };
}

export async function findByEmail(db: Db, email: string): Promise<Person | undefined> {
  const row = (
    await db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.email, normalizeEmail(email)))
      .limit(1)
  )[0];
  return row ? await getPerson(db, row.id) : undefined;
}

export async function unitName(db: Db, unitId: number | null): Promise<string | undefined> {
  if (unitId === null) return undefined;
  return (await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId)).limit(1))[0]?.name;
}

/** Units' names by id, in one read; ids not found are left out. */
export async function unitNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The employee behind a platform user, or undefined. The sandbox's user id is the employee id. */
export async function findByIdentity(db: Db, platform: Platform, platformUserId: string): Promise<Person | undefined> {
  if (platform === 'sandbox') {
    const id = Number(platformUserId);
    return Number.isInteger(id) ? await getPerson(db, id) : undefined;
  }
  const row = (await identityRow(db, { platform, platformUserId }))[0];
  return row ? await getPerson(db, row.employeeId) : undefined;
}

/** Link a platform user to an employee (first contact by email, or directory sync). Idempotent; a new
 *  platform user id for the same employee replaces the old one (a re-created account). */
export async function linkIdentity(
  db: Db,
  platform: Platform,
  platformUserId: string,
  employeeId: number,
): Promise<void> {
  if (platform === 'sandbox') return;
  await db
    .delete(platformIdentities)
    .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.employeeId, employeeId)));
  await db
    .insert(platformIdentities)
    .values({ platform, platformUserId, employeeId })
    .onConflictDoUpdate({
      target: [platformIdentities.platform, platformIdentities.platformUserId],
      set: { employeeId },
    });
}

/** The employee a platform user id is linked to, if any. */
export async function identityOwner(db: Db, platform: Platform, platformUserId: string): Promise<number | undefined> {
  return (
    await db
      .select({ employeeId: platformIdentities.employeeId })
      .from(platformIdentities)
      .where(and(eq(platformIdentities.platform, platform), eq(platformIdentities.platformUserId, platformUserId)))
      .limit(1)
  )[0]?.employeeId;
}

/** Link a platform user a lookup found (findUsers) — unless that platform user is already someone else's
 *  (two employees behind one platform account would mix their messages): then the other's id. */
export async function linkFoundIdentity(
  db: Db,
  platform: Platform,
  platformUserId: string,
  employeeId: number,
): Promise<{ ok: true } | { ok: false; linkedTo: number }> {
  const owner = await identityOwner(db, platform, platformUserId);
  if (owner !== undefined && owner !== employeeId) return { ok: false, linkedTo: owner };
  await linkIdentity(db, platform, platformUserId, employeeId);
  return { ok: true };
}

/** Of `employeeIds`, the ones with an identity on one of `platforms` (in chunks: a fan-out may be thousands). */
export async function linkedAmong(
  db: Db,
  platforms: readonly Platform[],
  employeeIds: readonly number[],
): Promise<Set<number>> {
  const out = new Set<number>();
  if (platforms.length === 0) return out;
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await db
      .select({ employeeId: platformIdentities.employeeId })
      .from(platformIdentities)
      .where(
        and(
          inArray(platformIdentities.platform, [...platforms]),
          inArray(platformIdentities.employeeId, employeeIds.slice(i, i + 500)),
        ),
      );
    for (const r of rows) out.add(r.employeeId);
  }
  return out;
}

/** Name and e-mail of people, by id (in chunks). */
export async function namesAndEmails(
  db: Db,
  employeeIds: readonly number[],
): Promise<Map<number, { name: string; email: string | null; active: boolean }>> {
  const out = new Map<number, { name: string; email: string | null; active: boolean }>();
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await db
      .select({ id: employees.id, name: employees.name, email: employees.email, active: employees.active })
      .from(employees)
      .where(inArray(employees.id, employeeIds.slice(i, i + 500)));
    for (const r of rows) out.set(r.id, { name: r.name, email: r.email, active: r.active });
  }
  return out;
}

export async function setLocale(db: Db, employeeId: number, locale: Locale): Promise<void> {
  await db.update(employees).set({ locale, updatedAt: new Date().toISOString() }).where(eq(employees.id, employeeId));
}

export async function listActivePeople(
  db: Db,
): Promise<{ id: number; name: string; unitName: string | null; roles: Role[] }[]> {
  const rows = await db
    .select({ id: employees.id, name: employees.name, unitName: orgUnits.name })
    .from(employees)
    .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
    .where(eq(employees.active, true))
    .orderBy(employees.id);
  return await Promise.all(rows.map(async (r) => ({ ...r, roles: await rolesOf(db, r.id) })));
}
