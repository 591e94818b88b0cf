// Importing an org CSV: validate everything first (org-csv.ts), then apply in one transaction, so a
// file with any bad row imports nothing. Used by `npm run org:import`, and later by HR commands and
// the mini-app.
import { eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db } from '../../db/connection.js';
import { employeeRoles, employees, orgUnits, transfers, type Role } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { parseOrgCsv, type ImportProblem, type OrgRow } from './org-csv.js';
import { reconcileManagerHistory } from './transfer-move.js';

export type ImportResult =
  { ok: true; created: number; updated: number; units: number } | { ok: false; problems: ImportProblem[] };

function existingOrg(db: Db) {
  const people = db
    .select({ id: employees.id, email: employees.email, managerId: employees.managerId })
    .from(employees)
    .all();
  const emailById = new Map(people.map((p) => [p.id, p.email]));
  const managers = new Map<string, string | null>();
  for (const p of people) if (p.email) managers.set(p.email, p.managerId ? (emailById.get(p.managerId) ?? null) : null);
  const root = db.select({ name: orgUnits.name }).from(orgUnits).where(isNull(orgUnits.parentId)).get();
  return { managers, rootName: root?.name };
}

/** Create the units on a path (company at the root, then departments/stores) and return the leaf id. */
function ensureUnitPath(db: Db, path: string[], leafKind: 'department' | 'store', cache: Map<string, number>): number {
  let parentId: number | null = null;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path.slice(0, depth + 1).join('/');
    const kind = depth === 0 ? 'company' : depth === path.length - 1 ? leafKind : 'department';
    let id = cache.get(key);
    if (id === undefined) {
      const found = db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.path, key)).get();
      if (found) {
        id = found.id;
        if (depth === path.length - 1) db.update(orgUnits).set({ kind, active: true }).where(eq(orgUnits.id, id)).run();
      } else {
        id = db
          .insert(orgUnits)
          .values({ name: path[depth]!, kind, parentId, path: key })
          .returning({ id: orgUnits.id })
          .get().id;
      }
      cache.set(key, id);
    }
    parentId = id;
  }
  return parentId!;
}

export function applyOrgRows(
  db: Db,
  rows: OrgRow[],
  actor: Actor,
  source: string,
): { created: number; updated: number; units: number } {
  const unitIds = new Map<string, number>();
  const idByEmail = new Map<string, number>();
  let created = 0;
  let updated = 0;
  const now = new Date().toISOString();

  for (const r of rows) {
    const unitId = ensureUnitPath(db, r.unitPath, r.unitKind, unitIds);
    const existing = db.select().from(employees).where(eq(employees.email, r.email)).get();
    const fields = {
      name: r.name,
      unitId,
      locale: r.locale ?? null,
      timezone: r.timezone ?? null,
      title: r.title ?? null,
      active: true,
      updatedAt: now,
    };
    if (existing) {
      db.update(employees).set(fields).where(eq(employees.id, existing.id)).run();
      if (existing.unitId !== unitId)
        db.insert(transfers)
          .values({ employeeId: existing.id, fromUnitId: existing.unitId, toUnitId: unitId, source })
          .run();
      idByEmail.set(r.email, existing.id);
      updated++;
    } else {
      const id = db
        .insert(employees)
        .values({ ...fields, email: r.email })
        .returning({ id: employees.id })
        .get().id;
      db.insert(transfers).values({ employeeId: id, fromUnitId: null, toUnitId: unitId, source }).run();
      idByEmail.set(r.email, id);
      created++;
    }
  }

  const hasReports = new Set(rows.map((r) => r.managerEmail).filter((e): e is string => Boolean(e)));
  for (const r of rows) {
    const id = idByEmail.get(r.email)!;
    const managerId = r.managerEmail
      ? (idByEmail.get(r.managerEmail) ??
        db.select({ id: employees.id }).from(employees).where(eq(employees.email, r.managerEmail)).get()?.id ??
        null)
      : null;
    db.update(employees).set({ managerId }).where(eq(employees.id, id)).run();
    const roles = new Set<Role>(['employee', ...r.roles]);
    if (hasReports.has(r.email) || r.isHead) roles.add('manager');
    db.delete(employeeRoles).where(eq(employeeRoles.employeeId, id)).run();
    for (const role of roles) db.insert(employeeRoles).values({ employeeId: id, role }).run();
    if (r.isHead)
      db.update(orgUnits)
        .set({ headEmployeeId: id })
        .where(eq(orgUnits.id, unitIds.get(r.unitPath.join('/'))!))
        .run();
  }
  reconcileManagerHistory(db, { date: now.slice(0, 10), source });
  audit(db, actor, 'org.import', source, { created, updated, units: unitIds.size });
  return { created, updated, units: unitIds.size };
}

export function importOrgCsv(db: Db, text: string, actor: Actor, source = 'csv'): ImportResult {
  return inTransaction(db, () => {
    const parsed = parseOrgCsv(text, existingOrg(db));
    if (!parsed.ok) return parsed;
    return { ok: true as const, ...applyOrgRows(db, parsed.rows, actor, source) };
  });
}
