// Claim caps as a pure rule, and the calendar periods they (and leaderboards) count in, in the company's zone.
import { describe, expect, it } from 'vitest';
import { checkCaps, claimCapsSchema, NO_CAPS, type ClaimCaps } from '../../src/domain/points/caps.js';
import { periodLabel, periodRange } from '../../src/domain/points/periods.js';

const SH = 'Asia/Shanghai';
const zero = { personDay: 0, personMonth: 0, tagDay: 0, tagMonth: 0 };

describe('calendar periods in the company time zone', () => {
  it('a grant at 2026-03-31 23:30 Shanghai is in March and Q1; one at 2026-04-01 00:10 in April and Q2', () => {
    const late = new Date('2026-03-31T15:30:00Z'); // 23:30 in Shanghai
    expect(periodRange(late, 'month', SH)).toEqual({
      from: new Date('2026-02-28T16:00:00Z'),
      until: new Date('2026-03-31T16:00:00Z'),
    });
    expect(periodRange(late, 'quarter', SH)).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      until: new Date('2026-03-31T16:00:00Z'),
    });
    const april = new Date('2026-03-31T16:10:00Z'); // 2026-04-01 00:10 in Shanghai
    expect(periodLabel(late, 'month', SH)).toBe('2026-03');
    expect(periodLabel(april, 'month', SH)).toBe('2026-04');
    expect(periodLabel(late, 'quarter', SH)).toBe('2026-Q1');
    expect(periodLabel(april, 'quarter', SH)).toBe('2026-Q2');
    expect(periodRange(april, 'quarter', SH).from).toEqual(new Date('2026-03-31T16:00:00Z'));
    expect(periodRange(late, 'month', SH).until).toEqual(periodRange(april, 'month', SH).from);
  });

  it('the year turns at local midnight, not UTC midnight', () => {
    const newYearsEveUtc = new Date('2026-12-31T17:00:00Z'); // already 2027-01-01 01:00 in Shanghai
    expect(periodLabel(newYearsEveUtc, 'year', SH)).toBe('2027');
    expect(periodLabel(newYearsEveUtc, 'year', 'UTC')).toBe('2026');
    expect(periodRange(newYearsEveUtc, 'year', SH)).toEqual({
      from: new Date('2026-12-31T16:00:00Z'),
      until: new Date('2027-12-31T16:00:00Z'),
    });
    // December's quarter ends at the next year's start.
    expect(periodRange(new Date('2026-12-15T00:00:00Z'), 'quarter', SH)).toEqual({
      from: new Date('2026-09-30T16:00:00Z'),
      until: new Date('2026-12-31T16:00:00Z'),
    });
  });

  it('a week runs Monday to Monday; a day from local midnight; daylight saving is followed', () => {
    // 2026-12-07 is a Monday; Sunday 23:59 in Shanghai belongs to the week before.
    expect(periodRange(new Date('2026-12-09T04:00:00Z'), 'week', SH).from).toEqual(new Date('2026-12-06T16:00:00Z'));
    expect(periodRange(new Date('2026-12-06T15:59:00Z'), 'week', SH).from).toEqual(new Date('2026-11-29T16:00:00Z'));
    expect(periodRange(new Date('2026-12-07T01:00:00Z'), 'day', SH)).toEqual({
      from: new Date('2026-12-06T16:00:00Z'),
      until: new Date('2026-12-07T16:00:00Z'),
    });
    // New York's March has 31 days of which one is 23 hours long: the month starts at EST, ends at EDT.
    expect(periodRange(new Date('2026-03-15T12:00:00Z'), 'month', 'America/New_York')).toEqual({
      from: new Date('2026-03-01T05:00:00Z'),
      until: new Date('2026-04-01T04:00:00Z'),
    });
  });
});

describe('claim caps', () => {
  const caps: ClaimCaps = { person: { day: 3, month: 20 }, tags: [{ tagId: 7, day: 1, month: 4 }] };
  const at = new Date('2026-03-31T15:30:00Z');

  it('no caps: any number of claims fits', () => {
    expect(checkCaps(NO_CAPS, 7, { personDay: 99, personMonth: 999, tagDay: 99, tagMonth: 999 }, at, SH)).toEqual({
      ok: true,
    });
  });

  it('a per-person daily cap of 3 takes the 3rd claim and refuses the 4th, resetting at local midnight', () => {
    expect(checkCaps(caps, 8, { ...zero, personDay: 2, personMonth: 2 }, at, SH)).toEqual({ ok: true });
    expect(checkCaps(caps, 8, { ...zero, personDay: 3, personMonth: 3 }, at, SH)).toEqual({
      ok: false,
      cap: 'person_day',
      limit: 3,
      resetsAt: new Date('2026-03-31T16:00:00Z'),
    });
  });

  it('a tag cap applies to that tag only; the monthly cap resets on the 1st of next month', () => {
    expect(checkCaps(caps, 7, { ...zero, tagDay: 1, tagMonth: 1, personDay: 1 }, at, SH)).toMatchObject({
      ok: false,
      cap: 'tag_day',
      limit: 1,
    });
    expect(checkCaps(caps, 8, { ...zero, tagDay: 1, tagMonth: 1, personDay: 1 }, at, SH)).toEqual({ ok: true });
    expect(checkCaps(caps, 7, { personDay: 0, personMonth: 4, tagDay: 0, tagMonth: 4 }, at, SH)).toEqual({
      ok: false,
      cap: 'tag_month',
      limit: 4,
      resetsAt: new Date('2026-03-31T16:00:00Z'),
    });
    expect(checkCaps(caps, 8, { personDay: 0, personMonth: 20, tagDay: 0, tagMonth: 0 }, at, SH)).toMatchObject({
      cap: 'person_month',
      limit: 20,
    });
  });

  it('a cap of zero or below is not a cap: the setting refuses it; empty (null) is no cap', () => {
    for (const bad of [0, -1, 1.5])
      expect(claimCapsSchema.safeParse({ person: { day: bad, month: null }, tags: [] }).success).toBe(false);
    expect(claimCapsSchema.safeParse({ person: { day: null, month: null }, tags: [] }).success).toBe(true);
  });
});
