// Importing an org CSV: validate everything first (org-csv.ts), then apply in one transaction, so a
// file with any bad row imports nothing. Used by `npm run org:import`, and later by HR commands and
// the mini-app.
import { eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/connection.js';
import { employeeRoles, employees, orgUnits, transfers, type Role } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { parseOrgCsv, type ImportProblem, type OrgRow } from './org-csv.js';
import { reconcileManagerHistory } from './transfer-move.js';
import { returnedRow } from '../../db/rows.js';

export type ImportResult =
  { ok: true; created: number; updated: number; units: number } | { ok: false; problems: ImportProblem[] };

async function existingOrg(db: Db) {
  const people = await db
    .select({ id: employees.id, email: employees.email, managerId: employees.managerId })
    .from(employees);
  const emailById = new Map(people.map((p) => [p.id, p.email]));
  const managers = new Map<string, string | null>();
  for (const p of people) if (p.email) managers.set(p.email, p.managerId ? (emailById.get(p.managerId) ?? null) : null);
  const root = (await db.select({ name: orgUnits.name }).from(orgUnits).where(isNull(orgUnits.parentId)).limit(1))[0];
  return { managers, rootName: root?.name };
}

/** Create the units on a path (company at the root, then departments/stores) and return the leaf id. */
async function ensureUnitPath(
  db: Db,
  path: string[],
  leafKind: 'department' | 'store',
  cache: Map<string, number>,
): Promise<number> {
  let parentId: number | null = null;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path.slice(0, depth + 1).join('/');
    const kind = depth === 0 ? 'company' : depth === path.length - 1 ? leafKind : 'department';
    let id = cache.get(key);
    if (id === undefined) {
      const found = (await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.path, key)).limit(1))[0];
      if (found) {
        id = found.id;
        if (depth === path.length - 1) await db.update(orgUnits).set({ kind, active: true }).where(eq(orgUnits.id, id));
      } else {
        id = returnedRow(
          await db
            .insert(orgUnits)
            .values({ name: path[depth]!, kind, parentId, path: key })
            .returning({ id: orgUnits.id }),
          'insert orgUnits',
        ).id;
      }
      cache.set(key, id);
    }
    parentId = id;
  }
  return parentId!;
}

export async function applyOrgRows(
  db: Db,
  rows: OrgRow[],
  actor: Actor,
  source: string,
): Promise<{ created: number; updated: number; units: number }> {
  const unitIds = new Map<string, number>();
  const idByEmail = new Map<string, number>();
  let created = 0;
  let updated = 0;
  const now = new Date().toISOString();

  for (const r of rows) {
    const unitId = await ensureUnitPath(db, r.unitPath, r.unitKind, unitIds);
    const existing = (await db.select().from(employees).where(eq(employees.email, r.email)).limit(1))[0];
    const fields = {
      name: r.name,
      unitId,
      locale: r.locale ?? null,
      timezone: r.timezone ?? null,
      title: r.title ?? null,
      // A file without leave columns leaves leave as it is (set in the app or by the directory).
      ...(r.leave !== undefined ? { leaveFrom: r.leave?.from ?? null, leaveUntil: r.leave?.until ?? null } : {}),
      active: true,
      updatedAt: now,
    };
    if (existing) {
      await db.update(employees).set(fields).where(eq(employees.id, existing.id));
      if (existing.unitId !== unitId)
        await db
          .insert(transfers)
          .values({ employeeId: existing.id, fromUnitId: existing.unitId, toUnitId: unitId, source });
      idByEmail.set(r.email, existing.id);
      updated++;
    } else {
      const id = returnedRow(
        await db
          .insert(employees)
          .values({ ...fields, email: r.email })
          .returning({ id: employees.id }),
        'insert employees',
      ).id;
      await db.insert(transfers).values({ employeeId: id, fromUnitId: null, toUnitId: unitId, source });
      idByEmail.set(r.email, id);
      created++;
    }
  }

  const hasReports = new Set(rows.map((r) => r.managerEmail).filter((e): e is string => Boolean(e)));
  for (const r of rows) {
    const id = idByEmail.get(r.email)!;
    const managerId = r.managerEmail
      ? (idByEmail.get(r.managerEmail) ??
        (await db.select({ id: employees.id }).from(employees).where(eq(employees.email, r.managerEmail)).limit(1))[0]
          ?.id ??
        null)
      : null;
    await db.update(employees).set({ managerId }).where(eq(employees.id, id));
    const roles = new Set<Role>(['employee', ...r.roles]);
    if (hasReports.has(r.email) || r.isHead) roles.add('manager');
    await db.delete(employeeRoles).where(eq(employeeRoles.employeeId, id));
    for (const role of roles) await db.insert(employeeRoles).values({ employeeId: id, role });
    if (r.isHead)
      await db
        .update(orgUnits)
        .set({ headEmployeeId: id })
        .where(eq(orgUnits.id, unitIds.get(r.unitPath.join('/'))!));
  }
  await reconcileManagerHistory(db, { date: now.slice(0, 10), source });
  await audit(db, actor, 'org.import', source, { created, updated, units: unitIds.size });
  return { created, updated, units: unitIds.size };
}

export async function importOrgCsv(db: Db, text: string, actor: Actor, source = 'csv'): Promise<ImportResult> {
  return await inTransaction(db, async () => {
    const parsed = parseOrgCsv(text, await existingOrg(db));
    if (!parsed.ok) return parsed;
    return { ok: true as const, ...(await applyOrgRows(db, parsed.rows, actor, source)) };
  });
}
