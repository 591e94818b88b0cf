// The org tree: subtrees and who may see what. A manager's scope is the units they head and everything
// below; HR and admins see the whole organisation.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { orgUnits } from '../../db/schema.js';
import type { Person } from './employees.js';

export interface UnitNode {
  id: number;
  parentId: number | null;
  name: string;
  path: string;
  kind: 'company' | 'department' | 'store';
  headEmployeeId: number | null;
}

export async function allUnits(db: Db): Promise<UnitNode[]> {
  return await db
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      name: orgUnits.name,
      path: orgUnits.path,
      kind: orgUnits.kind,
      headEmployeeId: orgUnits.headEmployeeId,
    })
    .from(orgUnits)
    .where(eq(orgUnits.active, true));
}

/** The unit and all units below it (of any tree of id/parentId nodes: today's, or a wave's). */
export function subtreeIds(units: readonly Pick<UnitNode, 'id' | 'parentId'>[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export function rootUnitId(units: readonly UnitNode[]): number | undefined {
  return units.find((u) => u.parentId === null)?.id;
}

/** Units whose results this person may see: all for HR/admin, the headed subtrees for a manager. */
export function visibleUnitIds(units: readonly UnitNode[], person: Pick<Person, 'id' | 'roles'>): Set<number> {
  if (person.roles.includes('hr') || person.roles.includes('admin')) return new Set(units.map((u) => u.id));
  const out = new Set<number>();
  for (const u of units) if (u.headEmployeeId === person.id) for (const id of subtreeIds(units, u.id)) out.add(id);
  return out;
}

/** Find a unit by id, exact path, or (unique, case-insensitive) name. */
export function findUnit(units: readonly UnitNode[], ref: string): UnitNode | undefined {
  const r = ref.trim();
  if (/^\d+$/.test(r)) return units.find((u) => u.id === Number(r));
  const byPath = units.find((u) => u.path === r);
  if (byPath) return byPath;
  const byName = units.filter((u) => u.name.toLowerCase() === r.toLowerCase());
  return byName.length === 1 ? byName[0] : undefined;
}

/**
 * A person's manager in a unit: its head, or — when the unit has none, or the person is its head — the
 * nearest head above who is not the person. Null when nobody up the tree heads anything.
 */
export function managerInUnit(
  units: readonly Pick<UnitNode, 'id' | 'parentId' | 'headEmployeeId'>[],
  unitId: number,
  personId: number,
): number | null {
  const seen = new Set<number>();
  for (let u = units.find((x) => x.id === unitId); u && !seen.has(u.id); u = units.find((x) => x.id === u!.parentId)) {
    seen.add(u.id);
    if (u.headEmployeeId !== null && u.headEmployeeId !== personId) return u.headEmployeeId;
  }
  return null;
}

/**
 * Where a person can be transferred to: not the company root, not their own unit, and not a grouping node
 * (a unit with units below it and no head of its own, like "HQ" or "Stores": nobody works *in* it).
 */
export function transferTargets<U extends Pick<UnitNode, 'id' | 'parentId' | 'headEmployeeId'>>(
  units: readonly U[],
  currentUnitId: number | null,
): U[] {
  const parents = new Set(units.map((u) => u.parentId).filter((id): id is number => id !== null));
  return units.filter(
    (u) => u.parentId !== null && u.id !== currentUnitId && !(parents.has(u.id) && u.headEmployeeId === null),
  );
}
