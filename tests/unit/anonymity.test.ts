import { describe, expect, it } from 'vitest';
import { MIN_K, publishableUnits, subtreeCounts, validateThreshold } from '../../src/domain/surveys/anonymity.js';

// company(1) ─┬─ hq(2) ─┬─ finance(4)
//             │         └─ rnd(5)
//             └─ stores(3) ─┬─ north(6)
//                           └─ south(7)
const tree = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 2 },
  { id: 6, parentId: 3 },
  { id: 7, parentId: 3 },
];
const counts = (o: Record<number, number>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));

describe('anonymity threshold', () => {
  it('can never be set below 3', () => {
    expect(MIN_K).toBe(3);
    expect(validateThreshold(2)).toEqual({ ok: false, reason: 'below_minimum' });
    expect(validateThreshold(0)).toEqual({ ok: false, reason: 'below_minimum' });
    expect(validateThreshold(3.5)).toEqual({ ok: false, reason: 'not_integer' });
    expect(validateThreshold(3)).toEqual({ ok: true, k: 3 });
  });
  it('is enforced at 3 even if a caller passes less', () => {
    expect(publishableUnits(tree, counts({ 4: 2 }), 1).has(4)).toBe(false);
  });
});

describe('publishableUnits', () => {
  it('counts responses up the tree', () => {
    expect(subtreeCounts(tree, counts({ 4: 5, 5: 6, 6: 2, 7: 7 })).get(1)).toBe(20);
  });

  it('shows groups of K or more, hides smaller ones and rolls them into the parent', () => {
    const shown = publishableUnits(tree, counts({ 4: 5, 5: 6, 6: 5, 7: 7 }), 5);
    expect([...shown].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const small = publishableUnits(tree, counts({ 4: 4, 5: 6, 6: 5, 7: 7 }), 5);
    // finance (4) is hidden, but its 4 answers still count in HQ (10) and the company (22)…
    expect(small.has(4)).toBe(false);
    // …and HQ minus R&D would reveal finance's 4: so R&D is hidden too (complementary suppression).
    expect(small.has(5)).toBe(false);
    expect(small.has(2)).toBe(true);
  });

  it('suppresses a sibling whenever parent minus shown children would reveal fewer than K', () => {
    // stores: north 6, south 6, plus 2 people placed directly in "stores" -> stores 14, remainder 2.
    const shown = publishableUnits(tree, counts({ 3: 2, 6: 6, 7: 6, 4: 9, 5: 9 }), 5);
    expect(shown.has(3)).toBe(true);
    expect([shown.has(6), shown.has(7)].filter(Boolean)).toHaveLength(1);
  });

  it('needs no suppression when the remainder is zero or at least K', () => {
    const shown = publishableUnits(tree, counts({ 3: 5, 6: 6, 7: 6 }), 5);
    expect([shown.has(3), shown.has(6), shown.has(7)]).toEqual([true, true, true]);
  });

  it('hides everything when the whole organisation has fewer than K', () => {
    expect(publishableUnits(tree, counts({ 4: 2, 6: 2 }), 5).size).toBe(0);
  });

  it('hides the subtree of a hidden unit, so its children cannot be summed back into it', () => {
    // rnd has 3 own + finance… build: HQ(2) with finance 6, rnd 2 -> rnd hidden -> finance must hide (remainder 2).
    const shown = publishableUnits(tree, counts({ 4: 6, 5: 2, 6: 6, 7: 6 }), 5);
    expect([shown.has(2), shown.has(4), shown.has(5)]).toEqual([true, false, false]);
    // Company 20 - HQ 8 - stores 12 = 0: all three top-level figures are safe.
    expect([shown.has(1), shown.has(3)]).toEqual([true, true]);
  });
});
