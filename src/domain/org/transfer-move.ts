// Moving a person to another unit on a transfer's effective date: the unit, the manager (the receiving
// unit's head — or the head above when they head it themselves) and the manager history change together,
// and the transfer is written to the history of unit changes. Only org rows change here; what follows the
// manager in other domains (open approvals, rater links) is the caller's (approvals/transfer-effects.ts).
import { changedRows } from '../../db/rows.js';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, managerHistory, transfers } from '../../db/schema.js';
import { audit } from '../audit.js';
import { allUnits, managerInUnit } from './units.js';

export interface MoveResult {
  employeeId: number;
  fromUnitId: number | null;
  toUnitId: number;
  oldManagerId: number | null;
  newManagerId: number | null;
}

export interface ManagerPeriod {
  managerId: number | null;
  unitId: number | null;
  from: string;
  to: string | null;
  source: string;
}

/** Who managed the person when, oldest first. */
export async function managerHistoryOf(db: Db, employeeId: number): Promise<ManagerPeriod[]> {
  return await db
    .select({
      managerId: managerHistory.managerId,
      unitId: managerHistory.unitId,
      from: managerHistory.from,
      to: managerHistory.to,
      source: managerHistory.source,
    })
    .from(managerHistory)
    .where(eq(managerHistory.employeeId, employeeId))
    .orderBy(asc(managerHistory.from), asc(managerHistory.id));
}

/**
 * Close the person's current period on `date` and open the new one. Someone without an open period (added
 * since the history began) gets their previous period written first, from the day they were added.
 */
export async function recordManagerChange(
  db: Db,
  input: {
    employeeId: number;
    before: { managerId: number | null; unitId: number | null; since: string };
    after: { managerId: number | null; unitId: number | null };
    date: string;
    source: string;
  },
): Promise<void> {
  const closed = changedRows(
    await db
      .update(managerHistory)
      .set({ to: input.date })
      .where(and(eq(managerHistory.employeeId, input.employeeId), isNull(managerHistory.to))),
  );
  if (closed === 0)
    await db.insert(managerHistory).values({
      employeeId: input.employeeId,
      managerId: input.before.managerId,
      unitId: input.before.unitId,
      from: input.before.since,
      to: input.date,
      source: 'backfill',
    });
  await db.insert(managerHistory).values({
    employeeId: input.employeeId,
    managerId: input.after.managerId,
    unitId: input.after.unitId,
    from: input.date,
    to: null,
    source: input.source,
  });
}

/**
 * Bring the history in line with the employee table after a bulk change (an org CSV import, a directory
 * sync): whoever's manager or unit differs from their open period gets the period closed and a new one
 * opened on `date`; someone with no period yet gets one from `date`. Returns how many people changed.
 */
export async function reconcileManagerHistory(db: Db, input: { date: string; source: string }): Promise<number> {
  const open = new Map(
    (
      await db
        .select({
          employeeId: managerHistory.employeeId,
          managerId: managerHistory.managerId,
          unitId: managerHistory.unitId,
        })
        .from(managerHistory)
        .where(isNull(managerHistory.to))
    ).map((p) => [p.employeeId, p] as const),
  );
  let changed = 0;
  for (const e of await db
    .select({ id: employees.id, managerId: employees.managerId, unitId: employees.unitId })
    .from(employees)
    .where(eq(employees.active, true))) {
    const period = open.get(e.id);
    if (!period) {
      await db.insert(managerHistory).values({
        employeeId: e.id,
        managerId: e.managerId,
        unitId: e.unitId,
        from: input.date,
        to: null,
        source: input.source,
      });
      continue;
    }
    if (period.managerId === e.managerId && period.unitId === e.unitId) continue;
    await recordManagerChange(db, {
      employeeId: e.id,
      before: { managerId: period.managerId, unitId: period.unitId, since: input.date },
      after: { managerId: e.managerId, unitId: e.unitId },
      date: input.date,
      source: input.source,
    });
    changed++;
  }
  return changed;
}

/** Apply a transfer: unit, manager, manager history and the transfers row, audited. */
export async function movePerson(
  db: Db,
  input: {
    employeeId: number;
    toUnitId: number;
    reason: string | null;
    source: string;
    effectiveDate: string;
    now: Date;
  },
): Promise<MoveResult | undefined> {
  const before = (
    await db
      .select({ unitId: employees.unitId, managerId: employees.managerId, createdAt: employees.createdAt })
      .from(employees)
      .where(eq(employees.id, input.employeeId))
      .limit(1)
  )[0];
  if (!before) return undefined;
  const newManagerId = managerInUnit(await allUnits(db), input.toUnitId, input.employeeId);
  await db
    .update(employees)
    .set({ unitId: input.toUnitId, managerId: newManagerId, updatedAt: input.now.toISOString() })
    .where(eq(employees.id, input.employeeId));
  await db.insert(transfers).values({
    employeeId: input.employeeId,
    fromUnitId: before.unitId,
    toUnitId: input.toUnitId,
    reason: input.reason,
    source: input.source,
    at: input.now.toISOString(),
  });
  await recordManagerChange(db, {
    employeeId: input.employeeId,
    before: { managerId: before.managerId, unitId: before.unitId, since: before.createdAt.slice(0, 10) },
    after: { managerId: newManagerId, unitId: input.toUnitId },
    date: input.effectiveDate,
    source: input.source,
  });
  await audit(db, { kind: 'system' }, 'org.transfer.apply', `employee:${input.employeeId}`, {
    from: before.unitId,
    to: input.toUnitId,
    managerFrom: before.managerId,
    managerTo: newManagerId,
    effective: input.effectiveDate,
    source: input.source,
  });
  return {
    employeeId: input.employeeId,
    fromUnitId: before.unitId,
    toUnitId: input.toUnitId,
    oldManagerId: before.managerId,
    newManagerId,
  };
}
