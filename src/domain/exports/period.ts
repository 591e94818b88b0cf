// A period of calendar days, as a person picks it (from and to, both included), in the company's time zone.
import { z } from 'zod';
import { startOfNextDay } from '../surveys/calendar-day.js';

/** YYYY-MM-DD that is a real date (2026-02-30 is refused). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s);

const DAY = 86_400_000;

/** Midnight at the start of `day` in the time zone: the start of the next day after noon UTC of the day before. */
export function startOfDay(day: string, timeZone: string): Date {
  return startOfNextDay(new Date(Date.parse(`${day}T12:00:00Z`) - DAY), timeZone);
}

/** [start of `from`, start of the day after `to`); refused when `to` is before `from`. */
export function periodOf(
  from: string,
  to: string,
  timeZone: string,
): { ok: true; start: Date; until: Date } | { ok: false; code: 'reversed' } {
  if (to < from) return { ok: false, code: 'reversed' };
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  return { ok: true, start: startOfDay(from, timeZone), until: startOfDay(next, timeZone) };
}
