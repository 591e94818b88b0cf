// Who may open a person's status page (issue 25 §1): HR (and admins, as everywhere HR may look), and the
// person's manager chain — every manager above them by manager link, and the head of every unit above or at
// theirs. Nobody else: not a peer, not another unit's head, and not the person themself (their ratings, points
// and training are on their own pages already; this page is the chain's view of them, and its signal speaks to
// the manager). Pure: the caller reads the chain and the units.
import type { Role } from '../../vocabulary.js';

export type StatusAccess = 'hr' | 'chain' | 'self' | 'none';

export interface StatusAccessFacts {
  viewer: { id: number; roles: readonly Role[] };
  subject: { id: number; unitId: number | null };
  /** The subject's managers by manager link, nearest first. */
  managerChain: readonly number[];
  /** Heads of the subject's unit and of every unit above it (null where a unit has none). */
  unitHeads: readonly (number | null)[];
}

export function statusAccess(f: StatusAccessFacts): StatusAccess {
  if (f.viewer.roles.includes('hr') || f.viewer.roles.includes('admin')) return 'hr';
  if (f.viewer.id === f.subject.id) return 'self';
  if (f.managerChain.includes(f.viewer.id) || f.unitHeads.includes(f.viewer.id)) return 'chain';
  return 'none';
}

export const mayViewStatus = (a: StatusAccess): boolean => a === 'hr' || a === 'chain';

/** Manager links upwards from a person, nearest first; a loop in the data stops the walk. */
export function managerChainOf(people: ReadonlyMap<number, { managerId: number | null }>, subjectId: number): number[] {
  const chain: number[] = [];
  const seen = new Set([subjectId]);
  for (
    let m = people.get(subjectId)?.managerId ?? null;
    m !== null && !seen.has(m);
    m = people.get(m)?.managerId ?? null
  ) {
    chain.push(m);
    seen.add(m);
  }
  return chain;
}

/** Heads of a unit and of every unit above it, nearest first. */
export function unitHeadsAbove(
  units: readonly { id: number; parentId: number | null; headEmployeeId: number | null }[],
  unitId: number | null,
): (number | null)[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const heads: (number | null)[] = [];
  const seen = new Set<number>();
  for (
    let u = unitId === null ? undefined : byId.get(unitId);
    u && !seen.has(u.id);
    u = u.parentId === null ? undefined : byId.get(u.parentId)
  ) {
    heads.push(u.headEmployeeId);
    seen.add(u.id);
  }
  return heads;
}
