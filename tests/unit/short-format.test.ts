// The short weekly format's rotation (src/domain/surveys/short-format.ts): every item once per cycle, no wave
// larger than the size, dimensions mixed within a wave.
import { describe, expect, it } from 'vitest';
import {
  isShortSize,
  narrowTemplate,
  shortCycleLength,
  shortRoundItems,
} from '../../src/domain/surveys/short-format.js';
import type { SurveyItem, SurveyTemplate } from '../../src/domain/surveys/templates.js';

/** `dims` items per dimension (ids 1…), plus an eNPS item without a dimension when `enps`. */
function items(dims: number[], enps: boolean): SurveyItem[] {
  const out: SurveyItem[] = [];
  dims.forEach((n, d) => {
    for (let i = 0; i < n; i++)
      out.push({
        id: out.length + 1,
        key: `d${d}i${i}`,
        kind: 'scale',
        dimensionId: d + 1,
        text: { 'zh-CN': '', en: '' },
        min: 1,
        max: 5,
      });
  });
  if (enps)
    out.push({
      id: out.length + 1,
      key: 'enps',
      kind: 'enps',
      dimensionId: null,
      text: { 'zh-CN': '', en: '' },
      min: 0,
      max: 10,
    });
  return out;
}

const shapes: [number[], boolean][] = [
  [[3, 3, 3], true], // the built-in template: 10 items
  [[3, 3, 3], false],
  [[1], false],
  [[2, 5], true],
  [[4, 4, 4, 4], false],
  [[1, 1, 1, 1, 1, 1, 1], true],
];

describe('short format rotation', () => {
  for (const [dims, enps] of shapes)
    for (const size of [3, 4, 5])
      it(`asks every item exactly once per cycle (${dims.join('+')}${enps ? '+eNPS' : ''}, ${size} a wave)`, () => {
        const all = items(dims, enps);
        const cycle = shortCycleLength(all.length, size);
        // Two full cycles: the second repeats the first.
        const rounds = Array.from({ length: 2 * cycle }, (_, r) => shortRoundItems(all, size, r));
        const first = rounds.slice(0, cycle).flat();
        expect([...first].sort((a, b) => a - b)).toEqual(all.map((i) => i.id));
        expect(rounds.slice(cycle)).toEqual(rounds.slice(0, cycle));
        for (const r of rounds) {
          expect(r.length).toBeGreaterThan(0);
          expect(r.length).toBeLessThanOrEqual(size);
          // Wave sizes differ by at most one within a cycle.
          expect(
            Math.max(...rounds.map((x) => x.length)) - Math.min(...rounds.map((x) => x.length)),
          ).toBeLessThanOrEqual(1);
          // In template order, so the card reads like the full survey.
          expect([...r].sort((a, b) => a - b)).toEqual(r);
        }
      });

  it('covers every dimension of the built-in template within four weekly waves of 3, mixing dimensions', () => {
    const all = items([3, 3, 3], true);
    expect(shortCycleLength(all.length, 3)).toBe(4);
    const dimOf = new Map(all.map((i) => [i.id, i.dimensionId]));
    const rounds = [0, 1, 2, 3].map((r) => shortRoundItems(all, 3, r));
    expect(new Set(rounds.flat().map((id) => dimOf.get(id)))).toEqual(new Set([1, 2, 3, null]));
    // No wave is three questions on one dimension.
    for (const r of rounds) expect(new Set(r.map((id) => dimOf.get(id))).size).toBeGreaterThan(1);
  });

  it('asks the whole template when it has no more items than the size', () => {
    const all = items([2, 1], false);
    expect(shortRoundItems(all, 5, 0)).toEqual([1, 2, 3]);
    expect(shortRoundItems(all, 5, 7)).toEqual([1, 2, 3]);
  });

  it('accepts 3 to 5 only', () => {
    expect([2, 3, 4, 5, 6, 3.5, Number.NaN].map(isShortSize)).toEqual([false, true, true, true, false, false, false]);
  });

  it('narrows a template to a wave’s items and leaves a whole wave alone', () => {
    const template: SurveyTemplate = {
      id: 1,
      name: { 'zh-CN': '', en: '' },
      commentEnabled: true,
      dimensions: [1, 2].map((id) => ({ id, key: `d${id}`, name: { 'zh-CN': '', en: '' } })),
      items: items([3, 2], false),
    };
    expect(narrowTemplate(template, null)).toBe(template);
    const narrowed = narrowTemplate(template, [3, 1]);
    expect(narrowed.items.map((i) => i.id)).toEqual([1, 3]);
    // A dimension none of the wave's items belongs to is not shown.
    expect(narrowed.dimensions.map((d) => d.id)).toEqual([1]);
  });
});
