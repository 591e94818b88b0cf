// Who may see a person's ratings: the person, their rater chain (managers above them, heads of their
// units, anyone assigned to rate them) and HR. Everyone else sees nothing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingAssignments } from '../../db/schema.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits, visibleUnitIds } from '../org/units.js';

/**
 * The person, HR, a manager above them or the head of a unit they are in now (the rule that lets a head see
 * their people: after a transfer, the receiving head and no longer the old one).
 */
export async function leadsOrIs(db: Db, viewer: Person, subjectId: number): Promise<boolean> {
  if (viewer.id === subjectId || viewer.roles.includes('hr') || viewer.roles.includes('admin')) return true;
  const seen = new Set<number>();
  for (
    let m = (await getPerson(db, subjectId))?.managerId ?? null;
    m !== null && !seen.has(m);
    m = (await getPerson(db, m))?.managerId ?? null
  ) {
    if (m === viewer.id) return true;
    seen.add(m);
  }
  const subject = await getPerson(db, subjectId);
  return subject?.unitId != null && visibleUnitIds(await allUnits(db), viewer).has(subject.unitId);
}

export async function canViewRatingsOf(db: Db, viewer: Person, subjectId: number): Promise<boolean> {
  if (await leadsOrIs(db, viewer, subjectId)) return true;
  return Boolean(
    (
      await db
        .select()
        .from(ratingAssignments)
        .where(and(eq(ratingAssignments.subjectId, subjectId), eq(ratingAssignments.raterId, viewer.id)))
        .limit(1)
    )[0],
  );
}
