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

export function allUnits(db: Db): UnitNode[] {
  return db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind, headEmployeeId: orgUnits.headEmployeeId })
    .from(orgUnits)
    .where(eq(orgUnits.active, true))
    .all();
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
