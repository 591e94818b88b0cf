// What a closed wave publishes, decided once at close over the wave's own tree and thresholds. Pure
// functions over the unit tree of the wave (see anonymity.ts for the suppression rule itself).
//
// The published units of a wave are closed upwards (a hidden unit hides its subtree), so every respondent
// has at most one *group*: the nearest published unit at or above their unit. A group's members are its
// published unit minus the subtrees of its published descendants — exactly what an attacker can isolate
// by sums and differences of published figures — and suppression guarantees each group is empty or holds
// at least K. Responses are stored under their group, never their own unit.
import { MIN_K, publishableUnits, type TreeNode } from './anonymity.js';

export interface WaveUnit extends TreeNode {
  name: string;
  path: string;
  kind: 'company' | 'department' | 'store';
}

export interface Publication {
  /** Units whose figures are published. */
  units: ReadonlySet<number>;
  /** Units whose comment lists are published. */
  comments: ReadonlySet<number>;
}

export function rootOf(tree: readonly TreeNode[]): number | undefined {
  return tree.find((n) => n.parentId === null || !tree.some((p) => p.id === n.parentId))?.id;
}

/** Unit of a respondent, with "no unit" counted at the top of the tree. */
export function placeOf(tree: readonly TreeNode[], unitId: number | null): number | undefined {
  if (unitId !== null && tree.some((n) => n.id === unitId)) return unitId;
  return rootOf(tree);
}

/** Nearest unit at or above `unitId` that is in `published`; undefined when none is. */
export function groupOf(
  tree: readonly TreeNode[],
  published: ReadonlySet<number>,
  unitId: number | null,
): number | undefined {
  const parent = new Map(tree.map((n) => [n.id, n.parentId]));
  let at = placeOf(tree, unitId);
  const seen = new Set<number>();
  while (at !== undefined && !seen.has(at)) {
    if (published.has(at)) return at;
    seen.add(at);
    at = parent.get(at) ?? undefined;
  }
  return undefined;
}

function countBy(tree: readonly TreeNode[], unitIds: readonly (number | null)[]): Map<number, number> {
  const own = new Map<number, number>();
  for (const u of unitIds) {
    const at = placeOf(tree, u);
    if (at !== undefined) own.set(at, (own.get(at) ?? 0) + 1);
  }
  return own;
}

/** The publication at close: figures by response counts and K, comments by comment counts and their threshold. */
export function publishAtClose(
  tree: readonly TreeNode[],
  respondents: readonly (number | null)[],
  commenters: readonly (number | null)[],
  k: number,
  commentK: number,
): Publication {
  return {
    units: publishableUnits(tree, countBy(tree, respondents), Math.max(k, MIN_K)),
    comments: publishableUnits(tree, countBy(tree, commenters), Math.max(commentK, k, MIN_K)),
  };
}

/**
 * What may be shown today of a publication made at close, when the thresholds have since been raised: the
 * suppression run again over the stored groups' sizes, intersected with what was published. A subset of a
 * published set can only reveal less, so lowering a threshold never reveals more and raising one may hide more.
 */
export function narrowed(
  tree: readonly TreeNode[],
  published: ReadonlySet<number>,
  groupSizes: ReadonlyMap<number, number>,
  threshold: number,
): Set<number> {
  const again = publishableUnits(tree, groupSizes, Math.max(threshold, MIN_K));
  return new Set([...published].filter((u) => again.has(u)));
}

/** The nearest published unit strictly above `unitId`. */
export function enclosingPublished(
  tree: readonly TreeNode[],
  published: ReadonlySet<number>,
  unitId: number,
): number | undefined {
  const parent = tree.find((n) => n.id === unitId)?.parentId ?? null;
  return parent === null ? undefined : groupOf(tree, published, parent);
}
