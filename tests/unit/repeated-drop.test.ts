// The performance-conversation rule (pure): a dimension strictly lower than the cycle before, twice in a row.
import { describe, expect, it } from 'vitest';
import { repeatedDrops } from '../../src/domain/growth/repeated-drop.js';

describe('repeated drop', () => {
  it('two strict falls in a row on a dimension call for a conversation, with the three scores', () => {
    expect(
      repeatedDrops([
        { attitude: 4, collaboration: 4 },
        { attitude: 3.5, collaboration: 3 },
        { attitude: 3, collaboration: 3 },
      ]),
    ).toEqual([{ dimension: 'attitude', scores: [4, 3.5, 3] }]);
  });

  it('a fall then a stay, a rise then a fall, or one big fall are not repeated drops', () => {
    expect(repeatedDrops([{ a: 4 }, { a: 3 }, { a: 3 }])).toEqual([]);
    expect(repeatedDrops([{ a: 3 }, { a: 4 }, { a: 2 }])).toEqual([]);
    expect(repeatedDrops([{ a: 5 }, { a: 5 }, { a: 1 }])).toEqual([]);
  });

  it('a missing score in any of the three cycles breaks the chain; fewer than three cycles say nothing', () => {
    expect(repeatedDrops([{ b: 5 }, { a: 4 }, { a: 3 }])).toEqual([]);
    expect(repeatedDrops([{ a: 5 }, { b: 4 }, { a: 3 }])).toEqual([]);
    expect(repeatedDrops([{ a: 5 }, { a: 4 }, { b: 3 }])).toEqual([]);
    expect(repeatedDrops([{ a: 5 }, { a: 4 }])).toEqual([]);
    expect(repeatedDrops([])).toEqual([]);
  });

  it('only the last three cycles count, and every dimension is judged on its own (sorted by key)', () => {
    const history = [
      { a: 1, b: 5 },
      { a: 5, b: 4 },
      { a: 4, b: 3 },
      { a: 3, b: 3.5 },
    ];
    expect(repeatedDrops(history)).toEqual([{ dimension: 'a', scores: [5, 4, 3] }]);
    expect(
      repeatedDrops([
        { z: 3, a: 3 },
        { z: 2, a: 2 },
        { z: 1, a: 1 },
      ]).map((d) => d.dimension),
    ).toEqual(['a', 'z']);
  });
});
