// Property: over random trees, answer counts and comment counts, nothing the publication shows lets anyone
// work out a group smaller than the threshold by sums and differences. Checked by brute force, independent
// of how publishableUnits reasons: the attacker knows the total of every published unit's subtree, i.e.
// every vector in the row space R of the incidence matrix (published units × units). Every 0/1 set of units
// whose indicator lies in R is a group the attacker can isolate; it must hold 0 or at least K people. And
// R must be spanned by such sets, so nothing finer than those groups (no weighted mix) is learnable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishableUnits, type TreeNode } from '../../src/domain/surveys/anonymity.js';
import { subtreeIds } from '../../src/domain/org/units.js';
import { groupOf, narrowed, publishAtClose } from '../../src/domain/surveys/publication.js';

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = -1;
    for (let i = r; i < m.length; i++)
      if (Math.abs(m[i]![c]!) > 1e-9 && (pivot < 0 || Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!))) pivot = i;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let j = c; j < cols; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/** Every set of units the attacker can isolate from the published subtree totals. */
function isolatable(tree: readonly TreeNode[], published: ReadonlySet<number>): number[][] {
  const ids = tree.map((n) => n.id);
  const rows = [...published].map((u) => {
    const sub = subtreeIds(tree, u);
    return ids.map((id) => (sub.has(id) ? 1 : 0));
  });
  if (rows.length === 0) return [];
  const base = rank(rows);
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) {
    const v = ids.map((_, i) => ((mask >> i) & 1 ? 1 : 0));
    if (rank([...rows, v]) === base) out.push(v);
  }
  return out;
}

/** A random tree of up to 9 units (unit 1 is the root), own counts 0..8 per unit. */
const treeAndCounts = fc.array(fc.nat(), { minLength: 0, maxLength: 8 }).chain((parents) => {
  const tree: TreeNode[] = [
    { id: 1, parentId: null },
    ...parents.map((p, i) => ({ id: i + 2, parentId: 1 + (p % (i + 1)) })),
  ];
  return fc.tuple(
    fc.constant(tree),
    fc.array(fc.nat({ max: 8 }), { minLength: tree.length, maxLength: tree.length }),
    fc.array(fc.nat({ max: 8 }), { minLength: tree.length, maxLength: tree.length }),
    fc.integer({ min: 3, max: 7 }),
    fc.integer({ min: 0, max: 3 }),
  );
});

function assertNothingSmallIsolatable(tree: TreeNode[], own: number[], published: ReadonlySet<number>, k: number) {
  const sets = isolatable(tree, published);
  for (const v of sets) {
    const people = v.reduce((s, on, i) => s + on * own[i]!, 0);
    expect(people === 0 || people >= k, `isolatable set ${JSON.stringify(v)} holds ${people} < ${k}`).toBe(true);
  }
  // Nothing finer than those sets: they span everything the published totals span.
  if (published.size > 0) {
    const ids = tree.map((n) => n.id);
    const rows = [...published].map((u) => ids.map((id) => (subtreeIds(tree, u).has(id) ? 1 : 0)));
    expect(rank(sets)).toBe(rank(rows));
  }
}

describe('publication at close, over random trees and counts', () => {
  it('no figure set and no comment set isolates a group of 1..K-1 people by sums and differences', () => {
    fc.assert(
      fc.property(treeAndCounts, ([tree, answers, commentsRaw, k, extra]) => {
        // Commenters are a subset of respondents.
        const comments = commentsRaw.map((c, i) => Math.min(c, answers[i]!));
        const respondents = tree.flatMap((n, i) => Array<number>(answers[i]!).fill(n.id));
        const commenters = tree.flatMap((n, i) => Array<number>(comments[i]!).fill(n.id));
        const commentK = k + extra;
        const pub = publishAtClose(tree, respondents, commenters, k, commentK);
        for (const u of pub.units)
          expect(
            answers.reduce((s, a, i) => s + (subtreeIds(tree, u).has(tree[i]!.id) ? a : 0), 0),
          ).toBeGreaterThanOrEqual(k);
        assertNothingSmallIsolatable(tree, answers, pub.units, k);
        assertNothingSmallIsolatable(tree, comments, pub.comments, commentK);
      }),
      { numRuns: 300 },
    );
  });

  it('every stored group (nearest published unit) holds 0 or at least K respondents', () => {
    fc.assert(
      fc.property(treeAndCounts, ([tree, answers, , k]) => {
        const respondents = tree.flatMap((n, i) => Array<number>(answers[i]!).fill(n.id));
        const pub = publishAtClose(tree, respondents, [], k, k);
        const groups = new Map<number, number>();
        for (const r of respondents) {
          const g = groupOf(tree, pub.units, r);
          if (g !== undefined) groups.set(g, (groups.get(g) ?? 0) + 1);
        }
        for (const n of groups.values()) expect(n).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it('a threshold raised after close only ever hides more, and what remains is still safe', () => {
    fc.assert(
      fc.property(treeAndCounts, fc.integer({ min: 1, max: 5 }), ([tree, answers, , k], raise) => {
        const respondents = tree.flatMap((n, i) => Array<number>(answers[i]!).fill(n.id));
        const pub = publishAtClose(tree, respondents, [], k, k);
        const sizes = new Map<number, number>();
        for (const r of respondents) {
          const g = groupOf(tree, pub.units, r);
          if (g !== undefined) sizes.set(g, (sizes.get(g) ?? 0) + 1);
        }
        // The same threshold gives back exactly the publication; a higher one a subset of it.
        expect([...narrowed(tree, pub.units, sizes, k)].sort()).toEqual([...pub.units].sort());
        const later = narrowed(tree, pub.units, sizes, k + raise);
        for (const u of later) expect(pub.units.has(u)).toBe(true);
        assertNothingSmallIsolatable(tree, answers, later, k + raise);
        // And a lower threshold never adds anything.
        const lower = narrowed(tree, pub.units, sizes, 3);
        for (const u of lower) expect(pub.units.has(u)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with publishableUnits on the figures (the rule itself is unchanged)', () => {
    const tree: TreeNode[] = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 1 },
      { id: 4, parentId: 1 },
    ];
    const respondents = [...Array<number>(6).fill(2), ...Array<number>(6).fill(3), ...Array<number>(3).fill(4)];
    const pub = publishAtClose(tree, respondents, [], 5, 5);
    expect(pub.units).toEqual(
      publishableUnits(
        tree,
        new Map([
          [2, 6],
          [3, 6],
          [4, 3],
        ]),
        5,
      ),
    );
    expect(pub.units.has(1)).toBe(true);
    expect([2, 3].filter((u) => pub.units.has(u))).toHaveLength(1);
  });
});
