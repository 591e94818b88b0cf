// Applying a platform directory snapshot (Feishu contact, DingTalk org) to the org model. Units and
// people are matched by their platform ids first, then by path/email; people who left are deactivated,
// never deleted (their history — ratings, points, approvals — stays intact).
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../db/connection.js';
import {
  departures,
  employeeRoles,
  employees,
  orgUnitLinks,
  orgUnits,
  platformIdentities,
  transfers,
} from '../../db/schema.js';
import type { Platform } from '../../vocabulary.js';
import type { DirectorySnapshot } from './platform-directory.js';
import { audit, type Actor } from '../audit.js';
import { linkIdentity, normalizeEmail } from './employees.js';
import { reconcileManagerHistory } from './transfer-move.js';
import { parseLeave } from './leave.js';
import { isValidTimeZone } from '../surveys/delivery-time.js';
import { returnedRow } from '../../db/rows.js';

/** What a sync changed, by name (the chat's report and the mini-app's). */
export const syncReportSchema = z.strictObject({
  unitsCreated: z.array(z.string()),
  unitsRenamed: z.array(z.string()),
  peopleCreated: z.array(z.string()),
  peopleUpdated: z.array(z.string()),
  peopleMoved: z.array(z.string()),
  peopleDeactivated: z.array(z.string()),
  /** People whose time zone or leave from the directory was not applied (a zone that does not exist, a leave
   *  that ends before it starts): what they had is kept. */
  peopleRejected: z.array(z.string()),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

async function rootUnit(db: Db, fallbackName: string): Promise<{ id: number; path: string }> {
  const root = (
    await db
      .select({ id: orgUnits.id, path: orgUnits.path })
      .from(orgUnits)
      .where(eq(orgUnits.kind, 'company'))
      .limit(1)
  )[0];
  if (root) return root;
  return returnedRow(
    await db
      .insert(orgUnits)
      .values({ name: fallbackName, kind: 'company', path: fallbackName })
      .returning({ id: orgUnits.id, path: orgUnits.path }),
    'insert orgUnits',
  );
}

/** Parents before children, so each unit's parent exists when it is written. */
function topoOrder(units: DirectorySnapshot['units']): DirectorySnapshot['units'] {
  const byId = new Map(units.map((u) => [u.externalId, u]));
  const out: DirectorySnapshot['units'] = [];
  const done = new Set<string>();
  const visit = (u: DirectorySnapshot['units'][number], depth: number) => {
    if (done.has(u.externalId) || depth > units.length) return;
    const parent = u.parentExternalId ? byId.get(u.parentExternalId) : undefined;
    if (parent) visit(parent, depth + 1);
    done.add(u.externalId);
    out.push(u);
  };
  for (const u of units) visit(u, 0);
  return out;
}

export async function applyDirectorySnapshot(
  db: Db,
  platform: Platform,
  snap: DirectorySnapshot,
  actor: Actor,
  companyName = 'Company',
): Promise<SyncReport> {
  const report: SyncReport = {
    peopleRejected: [],
    unitsCreated: [],
    unitsRenamed: [],
    peopleCreated: [],
    peopleUpdated: [],
    peopleMoved: [],
    peopleDeactivated: [],
  };
  return await inTransaction(db, async () => {
    const root = await rootUnit(db, companyName);
    const unitIdByExt = new Map<string, number>();
    const pathById = new Map<number, string>([[root.id, root.path]]);

    for (const u of topoOrder(snap.units)) {
      const parentId = (u.parentExternalId && unitIdByExt.get(u.parentExternalId)) || root.id;
      const path = `${pathById.get(parentId) ?? root.path}/${u.name.replace(/\//g, '-')}`;
      const link = (
        await db
          .select()
          .from(orgUnitLinks)
          .where(and(eq(orgUnitLinks.platform, platform), eq(orgUnitLinks.externalId, u.externalId)))
          .limit(1)
      )[0];
      let id =
        link?.unitId ??
        (await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.path, path)).limit(1))[0]?.id;
      if (id === undefined) {
        id = returnedRow(
          await db
            .insert(orgUnits)
            .values({ name: u.name, kind: 'department', parentId, path })
            .returning({ id: orgUnits.id }),
          'insert orgUnits',
        ).id;
        report.unitsCreated.push(path);
      } else {
        const current = (await db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1))[0]!;
        if (current.name !== u.name) report.unitsRenamed.push(`${current.path} → ${path}`);
        await db.update(orgUnits).set({ name: u.name, parentId, path, active: true }).where(eq(orgUnits.id, id));
      }
      if (!link) await db.insert(orgUnitLinks).values({ platform, externalId: u.externalId, unitId: id });
      unitIdByExt.set(u.externalId, id);
      pathById.set(id, path);
    }

    // The directory's time zone and leave, where it gives them; bad ones are named and not applied.
    const zoneAndLeave = (p: DirectorySnapshot['users'][number]) => {
      const zone = p.timezone === undefined ? undefined : isValidTimeZone(p.timezone) ? p.timezone : null;
      const leave =
        p.leave === undefined
          ? undefined
          : p.leave === null
            ? { ok: true as const, leave: null }
            : parseLeave(p.leave.from, p.leave.until);
      if (zone === null || (leave && !leave.ok)) report.peopleRejected.push(p.name);
      return {
        ...(zone ? { timezone: zone } : {}),
        ...(leave?.ok ? { leaveFrom: leave.leave?.from ?? null, leaveUntil: leave.leave?.until ?? null } : {}),
      };
    };
    const empIdByExt = new Map<string, number>();
    const now = new Date().toISOString();
    for (const p of snap.users) {
      const linked = (
        await db
          .select({ id: platformIdentities.employeeId })
          .from(platformIdentities)
          .where(
            and(eq(platformIdentities.platform, platform), eq(platformIdentities.platformUserId, p.externalUserId)),
          )
          .limit(1)
      )[0];
      const email = p.email ? normalizeEmail(p.email) : null;
      const byEmail = email
        ? (await db.select({ id: employees.id }).from(employees).where(eq(employees.email, email)).limit(1))[0]
        : undefined;
      const unitId = p.unitExternalIds.map((x) => unitIdByExt.get(x)).find((x) => x !== undefined) ?? root.id;
      const id = linked?.id ?? byEmail?.id;
      if (id === undefined) {
        if (!p.active) continue;
        const created = returnedRow(
          await db
            .insert(employees)
            .values({ name: p.name, email, locale: p.locale ?? null, unitId, active: true, ...zoneAndLeave(p) })
            .returning({ id: employees.id }),
          'insert employees',
        );
        await db
          .insert(transfers)
          .values({ employeeId: created.id, fromUnitId: null, toUnitId: unitId, source: `sync:${platform}` });
        await linkIdentity(db, platform, p.externalUserId, created.id);
        empIdByExt.set(p.externalUserId, created.id);
        report.peopleCreated.push(p.name);
        continue;
      }
      const before = (await db.select().from(employees).where(eq(employees.id, id)).limit(1))[0]!;
      await linkIdentity(db, platform, p.externalUserId, id);
      empIdByExt.set(p.externalUserId, id);
      if (!p.active) {
        if (before.active) {
          await db.update(employees).set({ active: false, updatedAt: now }).where(eq(employees.id, id));
          await db.insert(departures).values({ employeeId: id, unitId: before.unitId, source: `sync:${platform}` });
          report.peopleDeactivated.push(before.name);
        }
        continue;
      }
      if (!before.active) {
        // Back after leaving: a join (from no unit), as turnover counts it.
        await db
          .insert(transfers)
          .values({ employeeId: id, fromUnitId: null, toUnitId: unitId, source: `sync:${platform}` });
      } else if (before.unitId !== unitId) {
        await db
          .insert(transfers)
          .values({ employeeId: id, fromUnitId: before.unitId, toUnitId: unitId, source: `sync:${platform}` });
        report.peopleMoved.push(p.name);
      }
      const changed =
        before.name !== p.name ||
        before.email !== (email ?? before.email) ||
        before.unitId !== unitId ||
        !before.active;
      await db
        .update(employees)
        .set({
          name: p.name,
          email: email ?? before.email,
          unitId,
          active: true,
          locale: before.locale ?? p.locale ?? null,
          ...zoneAndLeave(p),
          updatedAt: now,
        })
        .where(eq(employees.id, id));
      if (changed && before.unitId === unitId) report.peopleUpdated.push(p.name);
    }

    // People linked to this platform who are no longer in the directory have left.
    const seen = new Set(snap.users.map((u) => u.externalUserId));
    const linkedHere = await db
      .select({
        ext: platformIdentities.platformUserId,
        id: platformIdentities.employeeId,
        name: employees.name,
        active: employees.active,
        unitId: employees.unitId,
      })
      .from(platformIdentities)
      .innerJoin(employees, eq(employees.id, platformIdentities.employeeId))
      .where(eq(platformIdentities.platform, platform));
    for (const l of linkedHere) {
      if (!seen.has(l.ext) && l.active) {
        await db.update(employees).set({ active: false, updatedAt: now }).where(eq(employees.id, l.id));
        await db.insert(departures).values({ employeeId: l.id, unitId: l.unitId, source: `sync:${platform}` });
        report.peopleDeactivated.push(l.name);
      }
    }

    // Managers and unit heads, now that every person exists.
    const managers = new Set<number>();
    for (const p of snap.users) {
      const id = empIdByExt.get(p.externalUserId);
      if (id === undefined || !p.active) continue;
      const managerId = p.managerExternalUserId ? (empIdByExt.get(p.managerExternalUserId) ?? null) : null;
      await db.update(employees).set({ managerId }).where(eq(employees.id, id));
      if (managerId !== null) managers.add(managerId);
    }
    for (const u of snap.units) {
      const head = u.leaderExternalUserId ? empIdByExt.get(u.leaderExternalUserId) : undefined;
      if (head === undefined) continue;
      await db
        .update(orgUnits)
        .set({ headEmployeeId: head })
        .where(eq(orgUnits.id, unitIdByExt.get(u.externalId)!));
      managers.add(head);
    }
    for (const m of managers)
      await db.insert(employeeRoles).values({ employeeId: m, role: 'manager' }).onConflictDoNothing();
    await reconcileManagerHistory(db, { date: now.slice(0, 10), source: `sync:${platform}` });

    await audit(db, actor, 'org.sync', platform, {
      unitsCreated: report.unitsCreated.length,
      peopleCreated: report.peopleCreated.length,
      peopleMoved: report.peopleMoved.length,
      peopleDeactivated: report.peopleDeactivated.length,
      ...(report.peopleRejected.length ? { peopleRejected: report.peopleRejected.length } : {}),
    });
    return report;
  });
}
