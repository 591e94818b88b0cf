// The attendance classifier and the calendar of ISO weeks it is summed by (src/domain/attendance).
import { describe, expect, it } from 'vitest';
import { classifyDay } from '../../src/domain/attendance/classify.js';
import { addDays, daysBetween, isCalendarDay, isoWeek, weekStart } from '../../src/domain/attendance/iso-week.js';

describe('classifyDay', () => {
  it('a normal day in and out is on time', () => {
    expect(classifyDay({ in: 'normal', out: 'normal' })).toEqual({ status: 'on_time', lateMinutes: null });
  });

  it('a late arrival keeps its minutes and is not made good by an on-time clock-out', () => {
    expect(classifyDay({ in: 'late', out: 'normal', lateMinutes: 12.4 })).toEqual({ status: 'late', lateMinutes: 12 });
  });

  it('leaving early on an on-time day is an early leave; staying late is not a fault', () => {
    expect(classifyDay({ in: 'normal', out: 'early' })?.status).toBe('early_leave');
    expect(classifyDay({ in: 'normal', out: 'late' })?.status).toBe('on_time');
    expect(classifyDay({ in: 'early', out: 'normal' })?.status).toBe('on_time');
  });

  it('the worse punch wins: late in and early out is late; a missing clock-out beats a late arrival', () => {
    expect(classifyDay({ in: 'late', out: 'early', lateMinutes: 5 })).toEqual({ status: 'late', lateMinutes: 5 });
    expect(classifyDay({ in: 'late', out: 'missing', lateMinutes: 20 })).toEqual({
      status: 'not_clocked_in',
      lateMinutes: 20,
    });
    expect(classifyDay({ in: 'absent', out: 'missing' })?.status).toBe('absent');
  });

  it('today before anyone clocked in is "not clocked in"; a clock-out still to come changes nothing', () => {
    expect(classifyDay({ in: 'pending', out: 'pending' })?.status).toBe('not_clocked_in');
    expect(classifyDay({ in: 'normal', out: 'pending' })?.status).toBe('on_time');
    expect(classifyDay({ in: 'late', out: 'pending', lateMinutes: 3 })).toEqual({ status: 'late', lateMinutes: 3 });
  });

  it('leave is on leave unless a real punch says worse', () => {
    expect(classifyDay({ in: 'leave', out: 'leave' })?.status).toBe('on_leave');
    expect(classifyDay({ in: 'leave', out: 'normal' })?.status).toBe('on_leave');
    expect(classifyDay({ in: 'normal', out: 'leave' })?.status).toBe('on_leave');
    expect(classifyDay({ in: 'leave', out: 'missing' })?.status).toBe('not_clocked_in');
  });

  it('a rest day (no punch expected) is no row at all, never "absent"', () => {
    expect(classifyDay({ in: 'not_required', out: 'not_required' })).toBeUndefined();
    expect(classifyDay({})).toBeUndefined();
  });

  it('late minutes only come with a late arrival, and never negative', () => {
    expect(classifyDay({ in: 'normal', out: 'normal', lateMinutes: 9 })?.lateMinutes).toBeNull();
    expect(classifyDay({ in: 'late', lateMinutes: -4 })?.lateMinutes).toBeNull();
  });
});

describe('ISO weeks', () => {
  it('weeks start on Monday and are numbered by their Thursday', () => {
    expect(weekStart('2026-12-07')).toBe('2026-12-07'); // a Monday
    expect(weekStart('2026-12-13')).toBe('2026-12-07'); // its Sunday
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // a Friday: 2026 has 53 weeks
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('walks days and rejects days that do not exist', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-1-5')).toBe(false);
  });
});
