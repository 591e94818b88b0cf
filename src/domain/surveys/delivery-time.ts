// When a survey card or reminder may reach a person: pure rules over their time zone, HR's delivery settings
// and "now", so Shanghai and London each get theirs at their own configured hour, never in quiet hours or (if
// HR wishes) at the weekend. The I/O around them (who is waiting, who is on leave, the weekly cap) is in
// delivery-queue.ts.
import { wallClock, zonedHour } from './calendar-day.js';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export interface DeliveryRules {
  /** The local hour (0–23) a wave's cards and reminders go out at; null: as soon as they are due. */
  localHour: number | null;
  /** Local hours [from, to) when nothing is delivered (from > to wraps midnight: 20–8); null: none. */
  quietHours: { from: number; to: number } | null;
  /** Nothing on Saturdays and Sundays (local). */
  skipWeekends: boolean;
  /** Reminders one person gets at most in any 7 days, across all open waves. */
  weeklyReminderCap: number;
  /** The organisation's time zone, for people who have none. */
  timeZone: string;
}

/**
 * Off by default: a wave HR launches goes out at once, as it always has, until HR chooses a local hour, quiet
 * hours or weekends off — an installation's behaviour never changes by itself on upgrade. The cap (2) is on.
 */
export const DELIVERY_DEFAULTS: Omit<DeliveryRules, 'timeZone'> = {
  localHour: null,
  quietHours: null,
  skipWeekends: false,
  weeklyReminderCap: 2,
};

/** What HR's settings form suggests when quiet hours are switched on. */
export const SUGGESTED_QUIET_HOURS = { from: 20, to: 8 } as const;
export const MAX_WEEKLY_REMINDER_CAP = 14;

/** An IANA zone name Intl knows ("Asia/Shanghai"); anything else is refused. */
export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === '' || tz !== tz.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface LocalClock {
  /** YYYY-MM-DD there. */
  day: string;
  y: number;
  m: number;
  d: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** The wall clock at `at` in the time zone. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const { y, m, d, h, min } = wallClock(at, timeZone);
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  return {
    day: `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
    y,
    m,
    d,
    hour: h,
    minute: min,
    weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay(),
  };
}

/** The first instant of a local day (YYYY-MM-DD) in the time zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedHour(y, m, d, 0, timeZone);
}

function inQuietHours(rules: Pick<DeliveryRules, 'quietHours'>, hour: number): boolean {
  const q = rules.quietHours;
  if (!q || q.from === q.to) return false;
  return q.from < q.to ? hour >= q.from && hour < q.to : hour >= q.from || hour < q.to;
}

/** Whether anything may be delivered at `at` to someone in the time zone: not in quiet hours, not a skipped weekend. */
export function deliveryAllowed(rules: Omit<DeliveryRules, 'timeZone'>, timeZone: string, at: Date): boolean {
  const c = localClock(at, timeZone);
  if (rules.skipWeekends && (c.weekday === 0 || c.weekday === 6)) return false;
  return !inQuietHours(rules, c.hour);
}

/**
 * The first instant at or after `due` a message may reach someone in the time zone. With a local hour: that
 * hour's slot (h:00 to h+1:00) on the first allowed day — a message due inside today's slot goes at once, one
 * due after it waits for tomorrow's. Without: `due` itself, or the first allowed hour after it. Looks 9 days
 * ahead at most (a week of weekends and quiet hours always ends within that); undefined if rules allow nothing.
 */
export function nextDeliveryTime(
  rules: Omit<DeliveryRules, 'timeZone'>,
  timeZone: string,
  due: Date,
): Date | undefined {
  if (rules.localHour !== null) {
    const c = localClock(due, timeZone);
    for (let i = 0; i <= 9; i++) {
      const slot = zonedHour(c.y, c.m, c.d + i, rules.localHour, timeZone);
      if (slot.getTime() + HOUR <= due.getTime()) continue;
      const at = slot.getTime() >= due.getTime() ? slot : due;
      if (deliveryAllowed(rules, timeZone, at)) return at;
    }
    return undefined;
  }
  let at = due;
  for (let i = 0; i <= 9 * 24; i++) {
    if (deliveryAllowed(rules, timeZone, at)) return at;
    // On to the start of the next local hour (time zones with a half-hour offset included).
    const c = localClock(at, timeZone);
    at = new Date(Math.floor(at.getTime() / MINUTE) * MINUTE + (60 - c.minute) * MINUTE);
  }
  return undefined;
}

/**
 * When a message due now may go to this person: undefined = now; a later instant = it waits. `leaveUntil` (the
 * last day of a leave that covers today, their calendar) moves it past the leave.
 */
export function holdUntil(
  rules: DeliveryRules,
  person: { timezone: string | null; leaveUntil?: string },
  now: Date,
): Date | undefined {
  const tz = person.timezone && isValidTimeZone(person.timezone) ? person.timezone : rules.timeZone;
  const from = person.leaveUntil ? dayAfterStart(person.leaveUntil, tz) : now;
  const at = nextDeliveryTime(rules, tz, from.getTime() > now.getTime() ? from : now);
  // Rules that allow no time at all cannot be saved (delivery-settings.ts); a leave past the horizon waits a day.
  if (!at) return new Date(now.getTime() + 24 * HOUR);
  return at.getTime() > now.getTime() ? at : undefined;
}

function dayAfterStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedHour(y, m, d + 1, 0, timeZone);
}

/** Whether one more reminder stays within the weekly cap, given how many went out in the last 7 days. */
export function underReminderCap(rules: Pick<DeliveryRules, 'weeklyReminderCap'>, sentThisWeek: number): boolean {
  return sentThisWeek < rules.weeklyReminderCap;
}

export const REMINDER_CAP_WINDOW_MS = 7 * 24 * HOUR;
