// Training records as pure rules: the states move one step forward only, by the person or HR; and a course's
// effect is its dimension before vs after completion, for those who completed it and for everyone else.
import { describe, expect, it } from 'vitest';
import { trainingEffect, type DimensionScore } from '../../src/domain/growth/training-effect.js';
import { nextTrainingState, TRAINING_STATES } from '../../src/domain/growth/training-states.js';

const owner = { isOwner: true, isHr: false };
const hr = { isOwner: false, isHr: true };
const head = { isOwner: false, isHr: false };

describe('training states', () => {
  it('enrolled → attended → completed, by the person or HR', () => {
    expect(nextTrainingState('enrolled', 'attended', owner)).toEqual({ ok: true, state: 'attended' });
    expect(nextTrainingState('attended', 'completed', owner)).toEqual({ ok: true, state: 'completed' });
    expect(nextTrainingState('enrolled', 'attended', hr)).toEqual({ ok: true, state: 'attended' });
    expect(nextTrainingState('attended', 'completed', hr)).toEqual({ ok: true, state: 'completed' });
  });

  it('refuses going back or marking the same step again', () => {
    expect(nextTrainingState('attended', 'attended', owner)).toEqual({ ok: false, code: 'backwards' });
    expect(nextTrainingState('completed', 'attended', owner)).toEqual({ ok: false, code: 'backwards' });
    expect(nextTrainingState('completed', 'completed', hr)).toEqual({ ok: false, code: 'backwards' });
  });

  it('refuses skipping attendance', () => {
    expect(nextTrainingState('enrolled', 'completed', owner)).toEqual({ ok: false, code: 'skip' });
    expect(nextTrainingState('enrolled', 'completed', hr)).toEqual({ ok: false, code: 'skip' });
  });

  it("refuses someone else's record to anyone but HR, whatever its state", () => {
    for (const s of TRAINING_STATES)
      for (const to of ['attended', 'completed'] as const)
        expect(nextTrainingState(s, to, head)).toEqual({ ok: false, code: 'not_yours' });
  });

  it('from any state, every sequence of marks reaches completed at most once and never goes back', () => {
    const order = (s: string) => TRAINING_STATES.indexOf(s as (typeof TRAINING_STATES)[number]);
    for (const start of TRAINING_STATES)
      for (const a of ['attended', 'completed'] as const)
        for (const b of ['attended', 'completed'] as const) {
          let s: (typeof TRAINING_STATES)[number] = start;
          for (const to of [a, b]) {
            const r = nextTrainingState(s, to, owner);
            if (r.ok) {
              expect(order(r.state)).toBe(order(s) + 1);
              s = r.state;
            }
          }
          expect(order(s)).toBeGreaterThanOrEqual(order(start));
        }
  });
});

// Four cycles closed on the 1st of Jan, Apr, Jul, Oct; people 1 and 2 complete the course in between.
const at = {
  jan: '2026-01-01T00:00:00.000Z',
  apr: '2026-04-01T00:00:00.000Z',
  jul: '2026-07-01T00:00:00.000Z',
  oct: '2026-10-01T00:00:00.000Z',
};
const history = (rows: [number, keyof typeof at, number][]): DimensionScore[] =>
  rows.map(([employeeId, when, score]) => ({ employeeId, closedAt: at[when], score }));

describe('course effect', () => {
  const scores = history([
    // 1 completes in February: before = Jan (2), after = Apr, Jul, Oct (3, 4, 5) → 2 → 4.
    [1, 'jan', 2],
    [1, 'apr', 3],
    [1, 'jul', 4],
    [1, 'oct', 5],
    // 2 completes in May: before = Jan, Apr (2, 3) → 2.5; after = Jul, Oct (3, 3) → 3.
    [2, 'jan', 2],
    [2, 'apr', 3],
    [2, 'jul', 3],
    [2, 'oct', 3],
    // 3 and 4 did not take it: split at the first completion (February).
    [3, 'jan', 4],
    [3, 'apr', 4],
    [3, 'jul', 3],
    [3, 'oct', 4],
    [4, 'jan', 3],
    [4, 'apr', 3],
    // 5 has no score before the split: left out of the comparison.
    [5, 'jul', 1],
  ]);
  const completions = new Map([
    [1, '2026-02-10T08:00:00.000Z'],
    [2, '2026-05-20T08:00:00.000Z'],
  ]);

  it('averages each person before and after their own completion, then the people', () => {
    const e = trainingEffect(scores, completions);
    // before: mean(2, 2.5) = 2.25; after: mean(4, 3) = 3.5.
    expect(e.completed).toEqual({ people: 2, before: 2.25, after: 3.5, change: 1.25 });
    // 3: before 4, after mean(4, 3, 4) = 3.67; 4: before 3, after 3 → before 3.5, after 3.33.
    expect(e.others).toEqual({ people: 2, before: 3.5, after: 3.33, change: -0.17 });
    expect(e.splitAt).toBe('2026-02-10T08:00:00.000Z');
  });

  it('a cycle closed at the very moment of completion counts as before', () => {
    const e = trainingEffect(
      history([
        [1, 'jan', 2],
        [1, 'apr', 4],
      ]),
      new Map([[1, at.apr]]),
    );
    expect(e.completed).toEqual({ people: 0, before: null, after: null, change: null });
  });

  it('nobody completed it: no split, no figures', () => {
    expect(trainingEffect(scores, new Map())).toEqual({
      completed: { people: 0, before: null, after: null, change: null },
      others: { people: 0, before: null, after: null, change: null },
      splitAt: null,
    });
  });
});
