// The pure rules of delivery that respects people (issue 23 item 5): each person's local hour, quiet hours,
// weekends, leave, the weekly reminder cap, and the bad input HR or a file can send.
import { describe, expect, it } from 'vitest';
import { leaveOverlaps, onLeaveOn, parseLeave } from '../../src/domain/org/leave.js';
import { checkDeliverySettings } from '../../src/domain/surveys/delivery-settings.js';
import {
  DELIVERY_DEFAULTS,
  deliveryAllowed,
  holdUntil,
  isValidTimeZone,
  localClock,
  nextDeliveryTime,
  underReminderCap,
  type DeliveryRules,
} from '../../src/domain/surveys/delivery-time.js';

const rules = (r: Partial<DeliveryRules> = {}): DeliveryRules => ({
  ...DELIVERY_DEFAULTS,
  timeZone: 'Asia/Shanghai',
  ...r,
});
const iso = (d: Date | undefined) => d?.toISOString();
// Monday 4 May 2026, 00:00 UTC: 08:00 in Shanghai, 01:00 in London (summer time).
const MON = new Date('2026-05-04T00:00:00Z');

describe('local delivery hour', () => {
  it('is each person’s own 10:00: Shanghai and London at different instants', () => {
    const r = rules({ localHour: 10 });
    expect(iso(nextDeliveryTime(r, 'Asia/Shanghai', MON))).toBe('2026-05-04T02:00:00.000Z');
    expect(iso(nextDeliveryTime(r, 'Europe/London', MON))).toBe('2026-05-04T09:00:00.000Z');
    expect(iso(holdUntil(r, { timezone: 'Europe/London' }, MON))).toBe('2026-05-04T09:00:00.000Z');
    // No zone of their own: the organisation's.
    expect(iso(holdUntil(r, { timezone: null }, MON))).toBe('2026-05-04T02:00:00.000Z');
  });

  it('inside the hour’s slot it is time now; after it, tomorrow', () => {
    const r = rules({ localHour: 10 });
    expect(holdUntil(r, { timezone: 'Asia/Shanghai' }, new Date('2026-05-04T02:30:00Z'))).toBeUndefined();
    expect(iso(holdUntil(r, { timezone: 'Asia/Shanghai' }, new Date('2026-05-04T03:00:00Z')))).toBe(
      '2026-05-05T02:00:00.000Z',
    );
  });

  it('follows daylight saving: New York’s 10:00 before and after the March change', () => {
    const r = rules({ localHour: 10 });
    expect(iso(nextDeliveryTime(r, 'America/New_York', new Date('2026-03-07T12:00:00Z')))).toBe(
      '2026-03-07T15:00:00.000Z',
    );
    expect(iso(nextDeliveryTime(r, 'America/New_York', new Date('2026-03-08T12:00:00Z')))).toBe(
      '2026-03-08T14:00:00.000Z',
    );
  });

  it('none set: due is now (the default changes nothing)', () => {
    expect(holdUntil(rules(), { timezone: 'Europe/London' }, MON)).toBeUndefined();
    expect(DELIVERY_DEFAULTS).toEqual({ localHour: null, quietHours: null, skipWeekends: false, weeklyReminderCap: 2 });
  });
});

describe('quiet hours and weekends', () => {
  it('nothing in quiet hours (wrapping midnight): it waits for their end, half-hour zones too', () => {
    const r = rules({ quietHours: { from: 20, to: 8 } });
    // 21:00 in Shanghai.
    const late = new Date('2026-05-04T13:00:00Z');
    expect(deliveryAllowed(r, 'Asia/Shanghai', late)).toBe(false);
    expect(iso(holdUntil(r, { timezone: 'Asia/Shanghai' }, late))).toBe('2026-05-05T00:00:00.000Z');
    // The same instant is 14:00 in London: allowed.
    expect(holdUntil(r, { timezone: 'Europe/London' }, late)).toBeUndefined();
    // 20:30 in Kolkata (UTC+5:30): 08:00 there.
    expect(iso(holdUntil(r, { timezone: 'Asia/Kolkata' }, new Date('2026-05-04T15:00:00Z')))).toBe(
      '2026-05-05T02:30:00.000Z',
    );
    // A quiet range inside one day.
    expect(deliveryAllowed(rules({ quietHours: { from: 12, to: 14 } }), 'UTC', new Date('2026-05-04T13:59:00Z'))).toBe(
      false,
    );
    expect(deliveryAllowed(rules({ quietHours: { from: 12, to: 14 } }), 'UTC', new Date('2026-05-04T14:00:00Z'))).toBe(
      true,
    );
  });

  it('weekends skipped when HR wishes: Saturday waits for Monday, at the local hour if one is set', () => {
    // Saturday 9 May, 10:00 in Shanghai.
    const sat = new Date('2026-05-09T02:00:00Z');
    expect(localClock(sat, 'Asia/Shanghai').weekday).toBe(6);
    expect(holdUntil(rules(), { timezone: 'Asia/Shanghai' }, sat)).toBeUndefined();
    expect(iso(holdUntil(rules({ skipWeekends: true }), { timezone: 'Asia/Shanghai' }, sat))).toBe(
      '2026-05-10T16:00:00.000Z',
    );
    expect(iso(holdUntil(rules({ skipWeekends: true, localHour: 10 }), { timezone: 'Asia/Shanghai' }, sat))).toBe(
      '2026-05-11T02:00:00.000Z',
    );
    // Friday 23:00 in London is Saturday 06:00 in Shanghai: each person's own weekend.
    const friLondon = new Date('2026-05-08T22:00:00Z');
    expect(deliveryAllowed(rules({ skipWeekends: true }), 'Europe/London', friLondon)).toBe(true);
    expect(deliveryAllowed(rules({ skipWeekends: true }), 'Asia/Shanghai', friLondon)).toBe(false);
  });
});

describe('leave and the weekly cap', () => {
  it('a message due during leave waits for the first allowed time after it', () => {
    expect(iso(holdUntil(rules({ localHour: 10 }), { timezone: 'Asia/Shanghai', leaveUntil: '2026-05-06' }, MON))).toBe(
      '2026-05-07T02:00:00.000Z',
    );
    expect(iso(holdUntil(rules(), { timezone: 'Asia/Shanghai', leaveUntil: '2026-05-06' }, MON))).toBe(
      '2026-05-06T16:00:00.000Z',
    );
    expect(onLeaveOn({ from: '2026-05-04', until: '2026-05-06' }, '2026-05-06')).toBe(true);
    expect(onLeaveOn({ from: '2026-05-04', until: '2026-05-06' }, '2026-05-07')).toBe(false);
    expect(onLeaveOn({ from: null, until: null }, '2026-05-07')).toBe(false);
    expect(leaveOverlaps({ from: '2026-05-06', until: '2026-05-20' }, '2026-05-04', '2026-05-06')).toBe(true);
    expect(leaveOverlaps({ from: '2026-05-07', until: '2026-05-20' }, '2026-05-04', '2026-05-06')).toBe(false);
  });

  it('the cap counts reminders in the last 7 days', () => {
    expect(underReminderCap({ weeklyReminderCap: 2 }, 1)).toBe(true);
    expect(underReminderCap({ weeklyReminderCap: 2 }, 2)).toBe(false);
    expect(underReminderCap({ weeklyReminderCap: 0 }, 0)).toBe(false);
  });
});

describe('bad input', () => {
  it('time zones are IANA names Intl knows', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(' Asia/Shanghai')).toBe(false);
  });

  it('leave dates: both or neither, real days, the end not before the start', () => {
    expect(parseLeave('', '')).toEqual({ ok: true, leave: null });
    expect(parseLeave('2026-05-04', '2026-05-04')).toEqual({
      ok: true,
      leave: { from: '2026-05-04', until: '2026-05-04' },
    });
    expect(parseLeave('2026-05-10', '2026-05-04')).toEqual({ ok: false, problem: 'leave_ends_before_start' });
    expect(parseLeave('2026-02-30', '2026-03-04')).toEqual({ ok: false, problem: 'leave_bad_date' });
    expect(parseLeave('2026-05-04', '')).toEqual({ ok: false, problem: 'leave_incomplete' });
  });

  it('settings: an unknown zone, a local hour inside quiet hours, a cap out of range are refused', () => {
    const good = {
      localHour: 10,
      quietHours: { from: 20, to: 8 },
      skipWeekends: true,
      weeklyReminderCap: 2,
      timeZone: 'Asia/Shanghai',
    };
    expect(checkDeliverySettings(good)).toEqual({ ok: true, rules: good });
    expect(checkDeliverySettings({ ...good, timeZone: 'Asia/Beijing' })).toEqual({
      ok: false,
      problem: { field: 'timeZone', code: 'unknown_time_zone' },
    });
    expect(checkDeliverySettings({ ...good, localHour: 22 })).toEqual({
      ok: false,
      problem: { field: 'localHour', code: 'in_quiet_hours' },
    });
    expect(checkDeliverySettings({ ...good, weeklyReminderCap: 99 })).toEqual({
      ok: false,
      problem: { field: 'weeklyReminderCap', code: 'invalid' },
    });
    // Quiet from 8 to 8 is no quiet hours at all.
    expect(checkDeliverySettings({ ...good, quietHours: { from: 8, to: 8 } })).toMatchObject({
      ok: true,
      rules: { quietHours: null },
    });
  });
});
