// The attendance classifier, the calendar of ISO weeks it is summed by, and what a platform sync writes
// (src/domain/attendance).
import { describe, expect, it } from 'vitest';
import { checkAttendanceLines, readAttendanceCsv } from '../../src/domain/attendance/attendance-csv.js';
import { planAttendance } from '../../src/domain/attendance/attendance-sync.js';
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

describe('planAttendance', () => {
  const asked = [
    { personId: 1, name: 'Ann', active: true, externalUserId: 'a' },
    { personId: 2, name: 'Bo', active: false, externalUserId: 'b' },
    { personId: 3, name: 'Cy', active: true, externalUserId: 'c' },
    { personId: 4, name: 'Di', active: true, externalUserId: 'd' },
  ];

  it('writes the linked and active, names the leaver and the unknown id, and who had no data at all', () => {
    const plan = planAttendance('feishu', asked, [
      { externalUserId: 'a', day: '2026-12-07', in: 'late', out: 'pending', lateMinutes: 8 },
      { externalUserId: 'b', day: '2026-12-06', in: 'normal', out: 'normal' },
      { externalUserId: 'x', day: '2026-12-07', in: 'normal', out: 'normal' },
      // A rest day: no row, and Di still counts as someone the platform had data for.
      { externalUserId: 'd', day: '2026-12-06', in: 'not_required', out: 'not_required' },
    ]);
    expect(plan.rows).toEqual([{ personId: 1, day: '2026-12-07', status: 'late', lateMinutes: 8, source: 'feishu' }]);
    expect(plan.skipped).toEqual([
      { who: 'Bo', day: '2026-12-06', reason: 'left' },
      { who: 'x', day: '2026-12-07', reason: 'unknown' },
    ]);
    expect(plan.noData).toEqual(['Cy']);
  });

  it('a day listed twice is written once, the later entry winning', () => {
    const plan = planAttendance('dingtalk', asked, [
      { externalUserId: 'a', day: '2026-12-07', in: 'missing', out: 'pending' },
      { externalUserId: 'a', day: '2026-12-07', in: 'normal', out: 'normal' },
    ]);
    expect(plan.rows).toEqual([
      { personId: 1, day: '2026-12-07', status: 'on_time', lateMinutes: null, source: 'dingtalk' },
    ]);
  });
});

describe('attendance CSV lines', () => {
  const ann = { id: 7, name: 'Ann', active: true };
  const people = { byEmail: new Map([['ann@x.example', ann]]), byId: new Map([[7, ann]]) };

  it('reads the header (late_minutes optional), Chinese status words, e-mail or number', () => {
    const read = readAttendanceCsv('employee,day,status\nANN@x.example,2026-12-01,迟到\n7,2026-12-02,请假\n');
    expect(read.errors).toEqual([]);
    const checked = checkAttendanceLines(read.lines, people, '2026-12-07');
    expect(checked).toEqual({
      rows: [
        { personId: 7, day: '2026-12-01', status: 'late', lateMinutes: null, source: 'csv' },
        { personId: 7, day: '2026-12-02', status: 'on_leave', lateMinutes: null, source: 'csv' },
      ],
      errors: [],
    });
    expect(readAttendanceCsv('who,when\nann,2026-12-01').errors).toEqual([
      { line: 1, code: 'header', value: 'employee,day,status,late_minutes' },
    ]);
  });

  it('names a future day, minutes on a day that was not late, and the same person and day twice', () => {
    const read = readAttendanceCsv(
      'employee,day,status,late_minutes\n7,2026-12-08,late,5\n7,2026-12-01,on_time,5\n7,2026-12-02,late,5\n7,2026-12-02,late,6\n',
    );
    expect(checkAttendanceLines(read.lines, people, '2026-12-07').errors).toEqual([
      { line: 2, code: 'future_day', value: '2026-12-08' },
      { line: 3, code: 'bad_minutes', value: '5' },
      { line: 5, code: 'duplicate', value: 'Ann 2026-12-02 (4)' },
    ]);
  });
});
