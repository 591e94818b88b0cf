// The status page's pure rules: who may open it, and when each signal fires (fires / does not fire / missing
// data never fires), with the week and month arithmetic the window relies on.
import { describe, expect, it } from 'vitest';
import { managerChainOf, statusAccess, unitHeadsAbove } from '../../src/domain/people/status-access.js';
import {
  lateRising,
  ratingDrops,
  statusSignals,
  tasksFalling,
  type LateWeek,
  type RatedCycle,
} from '../../src/domain/people/status-signals.js';
import { completeWeeksBefore, isoWeek, monthsUpTo } from '../../src/domain/people/status-weeks.js';

// company(1, head 10) → stores(2, no head) → store(3, head 20); 30 works in the store, managed by 20, who is
// managed by 10. 40 heads another store (4) under 2.
const units = [
  { id: 1, parentId: null, headEmployeeId: 10 },
  { id: 2, parentId: 1, headEmployeeId: null },
  { id: 3, parentId: 2, headEmployeeId: 20 },
  { id: 4, parentId: 2, headEmployeeId: 40 },
];
const people = new Map([
  [10, { managerId: null }],
  [20, { managerId: 10 }],
  [30, { managerId: 20 }],
  [31, { managerId: 20 }],
  [40, { managerId: 10 }],
]);
const access = (viewer: number, roles: ('hr' | 'admin' | 'manager')[] = []) =>
  statusAccess({
    viewer: { id: viewer, roles },
    subject: { id: 30, unitId: 3 },
    managerChain: managerChainOf(people, 30),
    unitHeads: unitHeadsAbove(units, 3),
  });

describe('status page access', () => {
  it('HR and admins see anyone', () => {
    expect(access(99, ['hr'])).toBe('hr');
    expect(access(99, ['admin'])).toBe('hr');
  });
  it('the manager, the manager above and the heads of the units above see it', () => {
    expect(managerChainOf(people, 30)).toEqual([20, 10]);
    expect(unitHeadsAbove(units, 3)).toEqual([20, null, 10]);
    expect(access(20)).toBe('chain');
    expect(access(10)).toBe('chain');
  });
  it('a peer, another unit head, someone with the manager role elsewhere and the person do not', () => {
    expect(access(31)).toBe('none');
    expect(access(40)).toBe('none');
    expect(access(41, ['manager'])).toBe('none');
    expect(access(30)).toBe('self');
  });
  it('a loop in the manager links ends the walk', () => {
    const loop = new Map([
      [1, { managerId: 2 }],
      [2, { managerId: 1 }],
    ]);
    expect(managerChainOf(loop, 1)).toEqual([2]);
  });
});

const cycle = (cycleId: number, attitude: number, schemeKey = 'team'): RatedCycle => ({
  cycleId,
  schemeKey,
  scores: { attitude, skill: 4 },
});
const falling = [cycle(1, 4), cycle(2, 3), cycle(3, 2)];
const weeks = (late: number[], recorded = 5): LateWeek[] =>
  late.map((n, i) => ({ week: `2026-W${String(40 + i).padStart(2, '0')}`, late: n, recorded }));
const months = (values: number[], first = 9) =>
  values.map((value, i) => ({ period: `2026-${String(first + i).padStart(2, '0')}`, value }));

describe('signals', () => {
  it('a dimension down two cycles and late arrivals up three weeks running fires, naming the facts', () => {
    expect(statusSignals({ ratings: falling, attendance: weeks([0, 1, 2, 3, 4]), tasks: [] })).toEqual([
      {
        rule: 'rating_and_late',
        cycleId: 3,
        dimension: 'attitude',
        scores: [4, 3, 2],
        weeks: ['2026-W41', '2026-W42', '2026-W43', '2026-W44'],
        late: [1, 2, 3, 4],
      },
    ]);
  });
  it('a dimension down two cycles and task completion down two months running fires', () => {
    expect(statusSignals({ ratings: falling, attendance: [], tasks: months([90, 80, 70]) })).toEqual([
      {
        rule: 'rating_and_tasks',
        cycleId: 3,
        dimension: 'attitude',
        scores: [4, 3, 2],
        months: ['2026-09', '2026-10', '2026-11'],
        values: [90, 80, 70],
      },
    ]);
  });
  it('does not fire when one half is missing: flat late arrivals, a rise that stalls, ratings that fell once', () => {
    expect(statusSignals({ ratings: falling, attendance: weeks([1, 2, 2, 3]), tasks: months([90, 90, 70]) })).toEqual(
      [],
    );
    expect(
      statusSignals({
        ratings: [cycle(1, 4), cycle(2, 4), cycle(3, 2)],
        attendance: weeks([1, 2, 3, 4]),
        tasks: months([90, 80, 70]),
      }),
    ).toEqual([]);
  });
  it('missing data never fires: a week without records, a gap between months, too few cycles or weeks', () => {
    const gap = [...weeks([1, 2, 3]), { week: '2026-W43', late: 4, recorded: 0 }];
    expect(lateRising(gap)).toBeUndefined();
    expect(lateRising(weeks([2, 3, 4]))).toBeUndefined();
    expect(tasksFalling([...months([90, 80], 8), ...months([70], 11)])).toBeUndefined();
    expect(tasksFalling(months([90, 80]))).toBeUndefined();
    expect(ratingDrops([cycle(2, 3), cycle(3, 2)])).toEqual([]);
    // A missing score in a cycle breaks the chain.
    expect(ratingDrops([cycle(1, 4), { cycleId: 2, schemeKey: 'team', scores: { skill: 4 } }, cycle(3, 2)])).toEqual(
      [],
    );
    expect(statusSignals({ ratings: [], attendance: weeks([1, 2, 3, 4]), tasks: months([90, 80, 70]) })).toEqual([]);
  });
  it('reads the drops in the latest cycle’s scheme only', () => {
    expect(ratingDrops([cycle(1, 4), cycle(2, 3), cycle(3, 2, 'store')])).toEqual([]);
    expect(ratingDrops([cycle(1, 4), cycle(9, 5, 'store'), cycle(2, 3), cycle(3, 2)])).toEqual([
      { cycleId: 3, dimension: 'attitude', scores: [4, 3, 2] },
    ]);
  });
});

describe('status page calendar', () => {
  it('ISO weeks across a year end', () => {
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
  it('the complete weeks before today end on the Sunday before this week', () => {
    expect(completeWeeksBefore('2026-12-09', 2)).toEqual({
      fromDay: '2026-11-23',
      toDay: '2026-12-06',
      weeks: ['2026-W48', '2026-W49'],
    });
  });
  it('months up to today, across a year', () => {
    expect(monthsUpTo('2027-02-14', 3)).toEqual(['2026-12', '2027-01', '2027-02']);
  });
});
