// Approval turnaround from decision logs: outcomes, open and overdue requests, time to decision (median and
// 90th percentile) and each approver's step time — and how the card words the durations.
import { describe, expect, it } from 'vitest';
import { duration } from '../../cards/turnaround.js';
import { quantile, turnaround, type RequestLog } from '../../src/domain/approvals/turnaround.js';
import { translator } from '../../src/i18n/index.js';

const T0 = Date.parse('2026-11-01T09:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const log = (
  flowKey: string,
  status: RequestLog['status'],
  decisions: [string, number][],
  stepStartedAt = decisions.at(-1)![1],
): RequestLog => ({
  flowKey,
  status,
  createdAt: at(0),
  stepStartedAt: at(stepStartedAt),
  decisions: decisions.map(([kind, h]) => ({ kind, at: at(h) })),
});

describe('turnaround', () => {
  it('quantiles by nearest rank', () => {
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4, 100], 0.9)).toBe(100);
    expect(quantile([1.234], 0.5)).toBe(1.2);
  });

  it('a step runs on through a hand over, an add-sign, a CC or an urge; a send back starts the step again (issue 24)', () => {
    const r = turnaround(
      [
        log('point-claim', 'approved', [
          ['submit', 0],
          ['urge', 1],
          ['hand_over', 2],
          ['approve', 5],
          ['send_back', 6],
          ['cc', 7],
          ['approve', 9],
        ]),
      ],
      new Date(at(48)),
      24 * 3_600_000,
    );
    // 5 h with the first approver (through an urge and a hand over), 3 h after the send back (through a CC).
    expect(r[0]).toMatchObject({ medianHoursPerStep: 3 });
  });

  it('counts outcomes and open requests, and times decisions and each approver step per flow', () => {
    const logs = [
      // Two steps: the manager takes 2 h, HR 4 h; decided 6 h after submission.
      log('point-claim', 'approved', [
        ['submit', 0],
        ['approve', 2],
        ['approve', 6],
      ]),
      // Returned after 1 h, resubmitted at 3 h, approved at 13 h (10 h with the approver the second time).
      log('point-claim', 'approved', [
        ['submit', 0],
        ['return', 1],
        ['resubmit', 3],
        ['approve', 13],
      ]),
      log('point-claim', 'rejected', [
        ['submit', 0],
        ['reject', 30],
      ]),
      log('point-claim', 'cancelled', [
        ['submit', 0],
        ['cancel', 1],
      ]),
      // Waiting since hour 0: overdue at hour 100 with a 24 h threshold; the returned one waits on the applicant.
      log('point-claim', 'pending', [['submit', 0]]),
      log('point-claim', 'returned', [
        ['submit', 0],
        ['return', 5],
      ]),
      log('transfer', 'pending', [['submit', 90]]),
    ];
    const [claims, transfers] = turnaround(logs, new Date(at(100)), 24 * 3_600_000);
    expect(claims).toEqual({
      flowKey: 'point-claim',
      submitted: 6,
      approved: 2,
      rejected: 1,
      returned: 2, // two return decisions, counted apart from the one rejection
      cancelled: 1,
      open: 2,
      overdue: 1,
      medianHoursToDecision: 13, // of 6, 13, 30
      p90HoursToDecision: 30,
      medianHoursPerStep: 4, // of 2, 4, 1, 10, 30, 5
    });
    expect(transfers).toMatchObject({
      flowKey: 'transfer',
      submitted: 1,
      open: 1,
      overdue: 0,
      medianHoursToDecision: undefined,
      medianHoursPerStep: undefined,
    });
  });

  it('words durations as people read them', () => {
    const en = translator('en');
    expect([duration(undefined, en), duration(0.25, en), duration(5.04, en), duration(72, en)]).toEqual([
      '—',
      '15 min',
      '5 h',
      '3 days',
    ]);
    expect(duration(30, translator('zh-CN'))).toBe('30 小时');
  });
});
