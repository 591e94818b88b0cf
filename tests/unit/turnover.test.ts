import { describe, expect, it } from 'vitest';
import { turnoverOf, turnoverRows, type Movement } from '../../src/domain/org/turnover.js';
import type { UnitNode } from '../../src/domain/org/units.js';

const unit = (id: number, parentId: number | null, kind: UnitNode['kind']): UnitNode => ({
  id,
  parentId,
  name: `u${id}`,
  path: `u${id}`,
  kind,
  headEmployeeId: null,
});
// 1 company: 2 HQ → 4 Finance; 3 Stores → 5 store A, 6 store B.
const tree = [
  unit(1, null, 'company'),
  unit(2, 1, 'department'),
  unit(3, 1, 'department'),
  unit(4, 2, 'department'),
  unit(5, 3, 'store'),
  unit(6, 3, 'store'),
];
const period = { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
const moves: Movement[] = [
  { from: 5, to: null, at: '2026-09-10T00:00:00Z' }, // left store A
  { from: 5, to: null, at: '2026-10-10T00:00:00Z' }, // left store A
  { from: 5, to: 6, at: '2026-10-20T00:00:00Z' }, // A → B: a move out of A, into B, nothing for Stores
  { from: null, to: 6, at: '2026-11-01T00:00:00Z' }, // joined B
  { from: 4, to: 5, at: '2026-11-05T00:00:00Z' }, // Finance → A
  { from: 6, to: null, at: '2026-12-03T00:00:00Z' }, // after the period: undone to get B's end headcount
  { from: 4, to: null, at: '2026-08-01T00:00:00Z' }, // before the period: not counted
];
const now = new Map([
  [4, 10],
  [5, 8],
  [6, 10],
]);

describe('turnover', () => {
  it('counts leavers, moves and joins of a subtree in the period and rebuilds its headcount from today', () => {
    const a = turnoverOf(new Set([5]), 8, moves, period);
    // End: nothing moved after the period → 8; start: 8 − 1 in (from Finance) + 2 left + 1 moved out = 10.
    expect(a).toMatchObject({ leavers: 2, movedOut: 1, movedIn: 1, joined: 0, headcountEnd: 8, headcountStart: 10 });
    expect(a.rate).toBeCloseTo(2 / 9, 6);
    expect(a.annualRate).toBeCloseTo(((2 / 9) * 365) / 91, 6);

    const b = turnoverOf(new Set([6]), 10, moves, period);
    // One left after the period: 11 at its end; 11 − 1 joined − 1 moved in = 9 at its start.
    expect(b).toMatchObject({ leavers: 0, movedIn: 1, joined: 1, headcountEnd: 11, headcountStart: 9 });
    expect(b.rate).toBe(0);

    // Stores as a whole: A → B is internal; Finance → A is a move in.
    const stores = turnoverOf(new Set([3, 5, 6]), 18, moves, period);
    expect(stores).toMatchObject({ leavers: 2, movedOut: 0, movedIn: 1, joined: 1, headcountEnd: 19 });
  });

  it('lays rows out at a level like the heatmap, flags stores at or over the annualised threshold, filters by kind', () => {
    const level1 = turnoverRows(tree, now, moves, period, { rootId: 1, depth: 1, threshold: 0.5 });
    expect(level1.levels).toBe(2);
    expect(level1.rows.map((r) => [r.unitId, r.kind])).toEqual([
      [2, 'department'],
      [3, 'store'],
    ]);
    // Stores: 2 leavers over an average of (18 + 19) / 2 over 91 days ≈ 43% a year: under 50%.
    expect(level1.rows.find((r) => r.unitId === 3)!.flagged).toBe(false);
    expect(level1.total).toMatchObject({ leavers: 2, joined: 1, movedIn: 0, movedOut: 0 });

    const level2 = turnoverRows(tree, now, moves, period, { rootId: 1, depth: 2, threshold: 0.5 });
    expect(level2.rows.map((r) => [r.unitId, r.flagged])).toEqual([
      [4, false],
      [5, true], // 2 / 9 over 91 days ≈ 89% a year
      [6, false],
    ]);
    const storesOnly = turnoverRows(tree, now, moves, period, { rootId: 1, depth: 2, kind: 'store', threshold: 0.5 });
    expect(storesOnly.rows.map((r) => r.unitId)).toEqual([5, 6]);
    // A department never gets the store flag, however many leave.
    const finance = turnoverRows(tree, new Map([[4, 1]]), [{ from: 4, to: null, at: '2026-10-01T00:00:00Z' }], period, {
      rootId: 2,
      depth: 1,
      threshold: 0.01,
    });
    expect(finance.rows[0]).toMatchObject({ unitId: 4, leavers: 1, flagged: false });
  });

  it('has no rate for a unit with no one in it, and a depth past the tree is clamped', () => {
    const empty = turnoverOf(new Set([5]), 0, [], period);
    expect(empty).toMatchObject({ headcountStart: 0, headcountEnd: 0, rate: null, annualRate: null });
    expect(turnoverRows(tree, now, [], period, { rootId: 1, depth: 9, threshold: 0.3 }).depth).toBe(2);
  });
});
