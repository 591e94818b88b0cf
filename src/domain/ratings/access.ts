// Who may see a person's ratings: the person, their rater chain (managers above them, heads of their
// units, anyone assigned to rate them) and HR. Everyone else sees nothing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingAssignments } from '../../db/schema.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits, visibleUnitIds } from '../org/units.js';

export async function canViewRatingsOf(db: Db, viewer: Person, subjectId: number): Promise<boolean> {
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
  if (subject?.unitId != null && visibleUnitIds(await allUnits(db), viewer).has(subject.unitId)) return true;
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
