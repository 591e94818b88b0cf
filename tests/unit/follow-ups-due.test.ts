// followUpsDue (issue 23 item 2): what a desk counts as open, due within the week and overdue.
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../src/domain/surveys/follow-ups.js';
import { followUpsDue } from '../../src/domain/surveys/follow-ups-due.js';

let next = 1;
const fu = (dueDate: string, status: FollowUp['status'] = 'open'): FollowUp =>
  ({
    id: next++,
    title: `f${next}`,
    ownerId: 1,
    createdBy: 1,
    dueDate,
    status,
    waveId: null,
    unitId: null,
  }) as FollowUp;

describe('followUpsDue', () => {
  const today = '2026-03-30';
  it('counts the not-done ones; due = up to today + 7 days across a month end; overdue = before today', () => {
    const rows = [
      fu('2026-03-29'), // overdue
      fu('2026-03-30', 'in_progress'), // due today: not overdue
      fu('2026-04-06'), // the last day of the week ahead
      fu('2026-04-07'), // one day beyond
      fu('2026-03-01', 'done'), // done: not counted at all
    ];
    const r = followUpsDue(rows, today);
    expect(r).toMatchObject({ open: 4, due: 3, overdue: 1 });
    expect(r.items.map((f) => f.dueDate)).toEqual(['2026-03-29', '2026-03-30', '2026-04-06']);
  });

  it('orders equal dates by id and honours another window', () => {
    const a = fu('2026-04-01');
    const b = fu('2026-04-01');
    const r = followUpsDue([b, a, fu('2026-04-03')], today, 2);
    expect(r.items.map((f) => f.id)).toEqual([a.id, b.id]);
    expect(r).toMatchObject({ open: 3, due: 2, overdue: 0 });
  });
});
