// Which groups of anonymous answers may be shown. Pure functions, the heart of the privacy promise:
// - a group is shown only with at least K responses (K defaults to 5 and is never below 3);
// - groups under K are not shown on their own, but still count in their parent's totals;
// - complementary suppression: when a shown parent minus its shown children would leave a hidden
//   remainder of 1..K-1 responses, siblings are hidden too, smallest first — otherwise anyone could
//   subtract one published group from another to read a small group;
// - a hidden unit hides its whole subtree, so no published figures can be recombined into it.

export const DEFAULT_K = 5;
export const MIN_K = 3;
/** Above this a team-level pulse shows almost nothing; a larger K is more likely a typo than a policy. */
export const MAX_K = 10;
/** The comment threshold may be set higher than K (comments are easier to recognise), up to this. */
export const MAX_COMMENT_K = 50;

export type ThresholdProblem = 'not_integer' | 'below_minimum' | 'above_maximum';

export function validateThreshold(k: number): { ok: true; k: number } | { ok: false; reason: ThresholdProblem } {
  if (!Number.isInteger(k)) return { ok: false, reason: 'not_integer' };
  if (k < MIN_K) return { ok: false, reason: 'below_minimum' };
  if (k > MAX_K) return { ok: false, reason: 'above_maximum' };
  return { ok: true, k };
}

/** A comment threshold is never below K. */
export function validateCommentThreshold(
  c: number,
  k: number,
): { ok: true; k: number } | { ok: false; reason: ThresholdProblem } {
  if (!Number.isInteger(c)) return { ok: false, reason: 'not_integer' };
  if (c < k) return { ok: false, reason: 'below_minimum' };
  if (c > MAX_COMMENT_K) return { ok: false, reason: 'above_maximum' };
  return { ok: true, k: c };
}

export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** Responses per unit counting everything below it. */
export function subtreeCounts(nodes: readonly TreeNode[], own: ReadonlyMap<number, number>): Map<number, number> {
  const children = childrenOf(nodes);
  const memo = new Map<number, number>();
  const count = (id: number): number => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const n = (own.get(id) ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + count(c), 0);
    memo.set(id, n);
    return n;
  };
  for (const n of nodes) count(n.id);
  return memo;
}

function childrenOf(nodes: readonly TreeNode[]): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) m.set(n.parentId, [...(m.get(n.parentId) ?? []), n.id]);
  return m;
}

/**
 * The units whose aggregates may be published, given each unit's own response count (responses of people
 * placed directly in it). Decided over the whole tree from its roots, so every report — whatever unit it
 * starts from — publishes a consistent set.
 */
export function publishableUnits(nodes: readonly TreeNode[], own: ReadonlyMap<number, number>, k: number): Set<number> {
  const threshold = Math.max(k, MIN_K);
  const totals = subtreeCounts(nodes, own);
  const children = childrenOf(nodes);
  const shown = new Set<number>();

  const visit = (id: number) => {
    if ((totals.get(id) ?? 0) < threshold) return;
    shown.add(id);
    const kids = (children.get(id) ?? []).map((c) => ({ id: c, n: totals.get(c) ?? 0 }));
    const candidates = kids.filter((c) => c.n >= threshold).sort((a, b) => a.n - b.n || a.id - b.id);
    let hidden = (totals.get(id) ?? 0) - candidates.reduce((s, c) => s + c.n, 0);
    // Hide the smallest published sibling until the unpublished remainder is empty or at least K.
    while (hidden > 0 && hidden < threshold && candidates.length > 0) hidden += candidates.shift()!.n;
    for (const c of candidates) visit(c.id);
  };
  for (const root of nodes.filter((n) => n.parentId === null || !nodes.some((p) => p.id === n.parentId)))
    visit(root.id);
  return shown;
}
