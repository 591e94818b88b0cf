// Where a person is in their guide: the step reached and whether they dismissed it. A row is written on first
// use; no row means a newcomer (step 0, offered). Dismissing stops the offer only: the guide stays one command
// or one link away.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { guideState } from '../../db/schema.js';
import type { Person } from '../org/employees.js';
import { allUnits, visibleUnitIds } from '../org/units.js';
import { guideRoleOf, type GuideRole } from './guides.js';

export interface GuideState {
  step: number;
  dismissed: boolean;
}

export async function guideStateOf(db: Db, employeeId: number): Promise<GuideState> {
  const row = (await db.select().from(guideState).where(eq(guideState.employeeId, employeeId)).limit(1))[0];
  return { step: row?.step ?? 0, dismissed: Boolean(row?.dismissedAt) };
}

/** Record the step reached and/or the dismissal (undoing it when `dismissed` is false). Idempotent: a platform
 *  retry or a double click writes the same row again. */
export async function saveGuideState(
  db: Db,
  employeeId: number,
  change: { step?: number; dismissed?: boolean },
  now: Date,
): Promise<GuideState> {
  const at = now.toISOString();
  const current = (await db.select().from(guideState).where(eq(guideState.employeeId, employeeId)).limit(1))[0];
  const next = {
    step: change.step ?? current?.step ?? 0,
    dismissedAt:
      change.dismissed === undefined
        ? (current?.dismissedAt ?? null)
        : change.dismissed
          ? (current?.dismissedAt ?? at)
          : null,
    updatedAt: at,
  };
  await db
    .insert(guideState)
    .values({ employeeId, ...next })
    .onConflictDoUpdate({ target: guideState.employeeId, set: next });
  return { step: next.step, dismissed: Boolean(next.dismissedAt) };
}

/** The guide for this person: HR's, a manager's for whoever heads a unit or holds the role, else an employee's. */
export async function guideRoleFor(db: Db, person: Pick<Person, 'id' | 'roles'>): Promise<GuideRole> {
  const heads = visibleUnitIds(await allUnits(db), person).size > 0;
  return guideRoleOf(person.roles, heads);
}
