// The chat trend's sparkline: placed on the scale's range, gaps for hidden waves, and the last change.
import { describe, expect, it } from 'vitest';
import { lastAndChange, sparkline } from '../../cards/trend-text.js';

describe('sparkline', () => {
  it('maps the scale from ▁ at its minimum to █ at its maximum, one character per wave', () => {
    expect(sparkline([1, 2, 3, 4, 5], 1, 5)).toBe('▁▃▅▆█');
    expect(sparkline([0, 0.5, 1], 0, 1)).toBe('▁▅█');
  });

  it('draws a hidden wave as a gap, never a value, and clamps values outside the scale', () => {
    expect(sparkline([3, null, 3.5], 1, 5)).toBe('▅·▅');
    expect(sparkline([0, 9], 1, 5)).toBe('▁█');
    expect(sparkline([], 1, 5)).toBe('');
  });

  it('reads a flat line of 4s high on a 1–5 scale (the scale, not the data, sets the range)', () => {
    expect(sparkline([4, 4, 4], 1, 5)).toBe('▆▆▆');
  });
});

describe('last value and change', () => {
  it('compares the last two shown waves, skipping gaps', () => {
    expect(lastAndChange([3.2, null, 3.5])).toEqual({ last: 3.5, change: 0.3 });
    expect(lastAndChange([null, 4])).toEqual({ last: 4, change: undefined });
    expect(lastAndChange([null, null])).toEqual({ last: undefined, change: undefined });
  });
});
