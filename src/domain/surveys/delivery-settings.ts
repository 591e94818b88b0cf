// HR's delivery settings (pulse settings): the local hour, quiet hours, weekends, the weekly reminder cap and
// the organisation's time zone, stored as one JSON value. Bad input is refused whole, with the field that is
// wrong; a change is audited in the same transaction.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { settings } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { DELIVERY_DEFAULTS, isValidTimeZone, MAX_WEEKLY_REMINDER_CAP, type DeliveryRules } from './delivery-time.js';

const KEY = 'delivery';

const hour = z.number().int().min(0).max(23);
/** What HR sends; every field is required, so a form never resets one by leaving it out. */
export const deliverySettingsInput = z.strictObject({
  localHour: hour.nullable(),
  quietHours: z.strictObject({ from: hour, to: hour }).nullable(),
  skipWeekends: z.boolean(),
  weeklyReminderCap: z.number().int().min(0).max(MAX_WEEKLY_REMINDER_CAP),
  timeZone: z.string().max(64),
});
export type DeliverySettingsInput = z.infer<typeof deliverySettingsInput>;

export type DeliverySettingsProblem =
  | { field: 'timeZone'; code: 'unknown_time_zone' }
  | { field: 'localHour'; code: 'in_quiet_hours' }
  | { field: keyof DeliverySettingsInput; code: 'invalid' };

/** The rules in force: what HR saved, else the defaults, in `fallbackTimeZone` (the configured company zone). */
export async function deliveryRules(db: Db, fallbackTimeZone: string): Promise<DeliveryRules> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).limit(1))[0];
  const saved = row ? deliverySettingsInput.safeParse(JSON.parse(row.value)) : undefined;
  if (saved?.success && isValidTimeZone(saved.data.timeZone)) return saved.data;
  return { ...DELIVERY_DEFAULTS, timeZone: fallbackTimeZone };
}

/** Check HR's input against the rules a setting must keep (pure). */
export function checkDeliverySettings(
  input: unknown,
): { ok: true; rules: DeliveryRules } | { ok: false; problem: DeliverySettingsProblem } {
  const parsed = deliverySettingsInput.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'timeZone') as keyof DeliverySettingsInput;
    return { ok: false, problem: { field, code: 'invalid' } };
  }
  const r = parsed.data;
  if (!isValidTimeZone(r.timeZone)) return { ok: false, problem: { field: 'timeZone', code: 'unknown_time_zone' } };
  // Quiet hours from 8 to 8 are none (stored as null): at least one hour a day always stays open.
  const q = r.quietHours;
  const quiet = (h: number) =>
    !!q && q.from !== q.to && (q.from < q.to ? h >= q.from && h < q.to : h >= q.from || h < q.to);
  if (r.localHour !== null && quiet(r.localHour))
    return { ok: false, problem: { field: 'localHour', code: 'in_quiet_hours' } };
  return { ok: true, rules: { ...r, quietHours: q && q.from === q.to ? null : q } };
}

/** HR/admin only (checked by the caller). All or nothing; audited. */
export async function setDeliverySettings(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; rules: DeliveryRules } | { ok: false; problem: DeliverySettingsProblem }> {
  const checked = checkDeliverySettings(input);
  if (!checked.ok) return checked;
  const value = JSON.stringify(checked.rules);
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
  const r = checked.rules;
  await audit(db, actor, 'settings.delivery', KEY, {
    localHour: r.localHour,
    quietFrom: r.quietHours?.from ?? null,
    quietTo: r.quietHours?.to ?? null,
    skipWeekends: r.skipWeekends,
    weeklyReminderCap: r.weeklyReminderCap,
    timezone: r.timeZone,
  });
  return checked;
}
