import { describe, expect, it } from 'vitest';
import { composite, concerns, normaliseIndicator, rising } from '../../src/domain/ratings/composite.js';
import { DEFAULT_SCHEMES, schemeSchema } from '../../src/domain/ratings/scheme.js';

const dims = [
  { key: 'dish_quality', weight: 50 },
  { key: 'complaints', weight: 20 },
  { key: 'new_product', weight: 30 },
];

describe('composite', () => {
  it('is the weighted mean', () => {
    expect(composite(dims, { dish_quality: 5, complaints: 4.2, new_product: 4 })).toEqual({
      value: 4.54,
      missing: [],
      renormalised: false,
    });
  });
  it('renormalises over the dimensions that have a score, and says which are missing', () => {
    expect(composite(dims, { dish_quality: 3, new_product: 4 })).toEqual({
      value: 3.38,
      missing: ['complaints'],
      renormalised: true,
    });
  });
  it('never treats a missing score as zero', () => {
    const r = composite(dims, { dish_quality: 4 });
    expect(r.value).toBe(4);
    expect(r.missing).toEqual(['complaints', 'new_product']);
  });
  it('is null when nothing was rated', () => {
    expect(composite(dims, {})).toEqual({
      value: null,
      missing: ['dish_quality', 'complaints', 'new_product'],
      renormalised: false,
    });
  });
});

describe('indicators', () => {
  it('map the raw range onto 1–5, flipped when lower is better, clamped', () => {
    const complaints = { min: 0, max: 10, higherIsBetter: false };
    expect(normaliseIndicator(0, complaints)).toBe(5);
    expect(normaliseIndicator(2, complaints)).toBe(4.2);
    expect(normaliseIndicator(10, complaints)).toBe(1);
    expect(normaliseIndicator(25, complaints)).toBe(1);
    expect(normaliseIndicator(50, { min: 0, max: 100, higherIsBetter: true })).toBe(3);
  });
});

describe('signals', () => {
  it('flag a low score and a drop', () => {
    expect(concerns({ a: 2, b: 3 }, { b: 4.5 }, { low: 2.5, drop: 1 })).toEqual([
      { dimension: 'a', reason: 'low', score: 2, previous: undefined },
      { dimension: 'b', reason: 'drop', score: 3, previous: 4.5 },
    ]);
    expect(concerns({ a: 3 }, { a: 3.5 }, { low: 2.5, drop: 1 })).toEqual([]);
  });
  it('recognise rising attitude or expression, not a mixed picture', () => {
    expect(
      rising([
        { attitude: 3, expression: 3 },
        { attitude: 4, expression: 3 },
      ]),
    ).toEqual([{ dimension: 'attitude', from: 3, to: 4 }]);
    expect(
      rising([
        { attitude: 3, expression: 4 },
        { attitude: 4, expression: 3 },
      ]),
    ).toEqual([]);
    expect(rising([{ attitude: 3 }])).toEqual([]);
  });
});

describe('schemes', () => {
  const base = DEFAULT_SCHEMES[1]!;
  it('ship valid defaults', () => {
    for (const s of DEFAULT_SCHEMES) expect(schemeSchema.safeParse(s).success).toBe(true);
  });
  it('refuse weights that do not sum to 100%', () => {
    const bad = { ...base, dimensions: base.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 40 } : d)) };
    const r = schemeSchema.safeParse(bad);
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toContain('weights_sum');
  });
  it('refuse an indicator that is not imported, and duplicate keys', () => {
    const notImported = {
      ...base,
      dimensions: base.dimensions.map((d) =>
        d.key === 'complaints' ? { ...d, rater: { type: 'manager' as const } } : d,
      ),
    };
    expect(schemeSchema.safeParse(notImported).success).toBe(false);
    const dup = {
      ...base,
      dimensions: [...base.dimensions.slice(0, 2), { ...base.dimensions[2]!, key: 'dish_quality' }],
    };
    expect(schemeSchema.safeParse(dup).success).toBe(false);
  });
});
