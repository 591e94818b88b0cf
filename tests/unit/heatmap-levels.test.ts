// The heatmap's levels and kinds as pure functions over a tree shaped like the demo's: a company, HQ with
// departments, a stores node with stores, one store group one level deeper, and a team directly under the root.
import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../../src/domain/org/units.js';
import { buildHeatmap, clampDepth, kindOf, levelRows, levelsBelow } from '../../src/domain/surveys/heatmap.js';
import type { ClosedWaveData } from '../../src/domain/surveys/results.js';
import type { SurveyTemplate } from '../../src/domain/surveys/templates.js';

const u = (id: number, parentId: number | null, kind: UnitNode['kind'], name = `u${id}`): UnitNode => ({
  id,
  parentId,
  kind,
  name,
  path: name,
  headEmployeeId: null,
});
const tree: UnitNode[] = [
  u(1, null, 'company'),
  u(2, 1, 'department', 'HQ'),
  u(3, 1, 'department', 'Stores'),
  u(4, 2, 'department', 'HR'),
  u(5, 2, 'department', 'R&D'),
  u(6, 3, 'store', 'Xuhui'),
  u(7, 3, 'department', 'East'),
  u(8, 7, 'store', 'Xihu'),
  u(9, 7, 'store', 'Nanshan'),
  u(10, 1, 'department', 'Board'),
];

describe('heatmap levels', () => {
  it('level 1 lists the direct units, deeper levels keep shallower teams so every team is in one row', () => {
    expect(levelRows(tree, 1, 1)).toEqual([2, 3, 10]);
    expect(levelRows(tree, 1, 2)).toEqual([4, 5, 6, 7, 10]);
    expect(levelRows(tree, 1, 3)).toEqual([4, 5, 6, 8, 9, 10]);
    expect(levelsBelow(tree, 1)).toBe(3);
  });

  it('levels are counted from the unit viewed, and a team has none below it', () => {
    expect(levelRows(tree, 3, 1)).toEqual([6, 7]);
    expect(levelRows(tree, 3, 2)).toEqual([6, 8, 9]);
    expect(levelsBelow(tree, 3)).toBe(2);
    expect(levelsBelow(tree, 6)).toBe(0);
    expect(levelRows(tree, 6, 1)).toEqual([]);
  });

  it('an asked depth outside 1..levels is brought within it', () => {
    expect(clampDepth(undefined, 3)).toBe(1);
    expect(clampDepth(0, 3)).toBe(1);
    expect(clampDepth(2.5, 3)).toBe(1);
    expect(clampDepth(9, 3)).toBe(3);
    expect(clampDepth(2, 0)).toBe(1);
  });

  it('a grouping node takes the kind its teams share; a node over both kinds is mixed', () => {
    expect(kindOf(tree, 3)).toBe('store'); // Stores: Xuhui, Xihu, Nanshan
    expect(kindOf(tree, 7)).toBe('store');
    expect(kindOf(tree, 2)).toBe('department');
    expect(kindOf(tree, 1)).toBe('mixed');
    expect(kindOf(tree, 6)).toBe('store');
  });
});

describe('heatmap figures', () => {
  const template = {
    id: 1,
    dimensions: [{ id: 1, key: 'd', name: { en: 'D', 'zh-CN': 'D' } }],
    items: [{ id: 11, key: 'i', kind: 'scale', dimensionId: 1, min: 1, max: 5, text: { en: 'I', 'zh-CN': 'I' } }],
  } as unknown as SurveyTemplate;
  // Groups as stored at close: R&D 6 answers of 4, Nanshan 5 of 2, and the stores' own group 7 answers of 3
  // (Xuhui and Xihu, hidden, are merged into it); HR hidden inside HQ's group of 5 answers of 5.
  const groups: [number, number, number][] = [
    [5, 4, 6],
    [9, 2, 5],
    [3, 3, 7],
    [2, 5, 5],
  ];
  const data: ClosedWaveData = {
    answers: groups.map(([unitId, value, n]) => ({ unitId, itemId: 11, value, n })),
    groupSizes: new Map(groups.map(([unitId, , n]) => [unitId, n])),
    commentSizes: new Map(),
    publication: { units: new Set([1, 2, 3, 5, 7, 9]), comments: new Set() },
  };

  it('shows published rows only, and sums a kind over its shown rows alone', () => {
    const h = buildHeatmap(template, tree, data.publication, data, 1, { depth: 3 });
    expect(h.rows.map((r) => [r.unit.name, r.kind, r.visible, r.responses ?? null])).toEqual([
      ['HR', 'department', false, null],
      ['R&D', 'department', true, 6],
      ['Xuhui', 'store', false, null],
      ['Xihu', 'store', false, null],
      ['Nanshan', 'store', true, 5],
      ['Board', 'department', false, null],
    ]);
    expect(h.rows.find((r) => r.unit.id === 9)!.dims).toEqual({ d: 2 });
    // The stores' own group (7 answers of 3, where the hidden Xuhui and Xihu are) is in no store row: not in the kind either.
    expect(h.kinds).toEqual([
      { kind: 'department', units: 3, shownUnits: 1, responses: 6, dims: { d: 4 } },
      { kind: 'store', units: 3, shownUnits: 1, responses: 5, dims: { d: 2 } },
    ]);
  });

  it('at level 1 the grouping nodes carry their kind, and a kind filter keeps its rows only', () => {
    const h = buildHeatmap(template, tree, data.publication, data, 1, { depth: 1, kind: 'store' });
    expect(h.rows.map((r) => [r.unit.name, r.responses])).toEqual([['Stores', 12]]);
    expect(h.rows[0]!.dims).toEqual({ d: round2((7 * 3 + 5 * 2) / 12) });
    expect(h.kinds.map((k) => [k.kind, k.units, k.shownUnits, k.responses])).toEqual([
      ['department', 2, 1, 11],
      ['store', 1, 1, 12],
    ]);
  });

  it('an open wave (no data) hides every row and gives no kind figures', () => {
    const h = buildHeatmap(template, tree, undefined, undefined, 1, { depth: 2 });
    expect(h.rows.every((r) => !r.visible && r.responses === undefined)).toBe(true);
    expect(h.kinds.every((k) => k.responses === undefined && k.shownUnits === 0)).toBe(true);
  });
});

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
