// Follow-up resolution (rate and median time) and the report targets' validation and status, as pure functions.
import { describe, expect, it } from 'vitest';
import { followUpResolution, median } from '../../src/domain/surveys/follow-up-stats.js';
import { DEFAULT_TARGETS, satisfactionOf, targetStatus, targetsSchema } from '../../src/domain/surveys/targets.js';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

describe('follow-up resolution', () => {
  it('counts the share done and the median days from creation to resolution', () => {
    const r = followUpResolution([
      { status: 'done', createdAt: at(1), resolvedAt: at(3) }, // 2 days
      { status: 'done', createdAt: at(1), resolvedAt: at(9) }, // 8 days
      { status: 'done', createdAt: at(2), resolvedAt: at(6, 12) }, // 4.5 days
      { status: 'in_progress', createdAt: at(1), resolvedAt: null },
      { status: 'open', createdAt: at(1), resolvedAt: null },
    ]);
    expect(r).toEqual({ total: 5, resolved: 3, rate: 0.6, medianDays: 4.5 });
  });

  it('a follow-up done before the time was kept counts as resolved but not in the median; none at all is null', () => {
    expect(
      followUpResolution([
        { status: 'done', createdAt: at(1), resolvedAt: null },
        { status: 'open', createdAt: at(1), resolvedAt: null },
      ]),
    ).toEqual({ total: 2, resolved: 1, rate: 0.5, medianDays: null });
    expect(followUpResolution([])).toEqual({ total: 0, resolved: 0, rate: null, medianDays: null });
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('report targets', () => {
  it('defaults to the practice of seed 000: participation 80%, follow-ups resolved 70%, satisfaction 4.5', () => {
    expect(DEFAULT_TARGETS).toEqual({ participation: 0.8, followUpsResolved: 0.7, satisfaction: 4.5 });
  });

  it('accepts shares in 0..1 and satisfaction in 1..5 only', () => {
    expect(targetsSchema.safeParse({ participation: 0.9, followUpsResolved: 0, satisfaction: 5 }).success).toBe(true);
    for (const bad of [
      { participation: 80, followUpsResolved: 0.7, satisfaction: 4.5 },
      { participation: 0.8, followUpsResolved: -0.1, satisfaction: 4.5 },
      { participation: 0.8, followUpsResolved: 0.7, satisfaction: 0 },
      { participation: 0.8, followUpsResolved: 0.7 },
      { participation: '0.8', followUpsResolved: 0.7, satisfaction: 4.5 },
    ])
      expect(targetsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('a target is met when the figure reaches it, unknown when the report does not show the figure', () => {
    expect(targetStatus(DEFAULT_TARGETS, { participation: 0.8, followUpsResolved: 0.69, satisfaction: null })).toEqual([
      { key: 'participation', target: 0.8, actual: 0.8, met: true },
      { key: 'followUpsResolved', target: 0.7, actual: 0.69, met: false },
      { key: 'satisfaction', target: 4.5, actual: null, met: null },
    ]);
  });

  it('satisfaction is the mean of the shown dimension averages', () => {
    expect(satisfactionOf([{ avg: 4 }, { avg: 4.5 }, { avg: 5 }])).toBe(4.5);
    expect(satisfactionOf([])).toBeNull();
  });
});
