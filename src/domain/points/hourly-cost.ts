// HR's hourly cost for value conversion (hours-value.ts): a tenant setting, changed by HR only, audited.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { settings } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { validHourlyCost } from './hours-value.js';

const KEY = 'points.hourly_cost';

/** The hourly cost in ¥, or undefined when HR has set none (then no conversion is shown). */
export async function hourlyCost(db: Db): Promise<number | undefined> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).limit(1))[0];
  const v = row ? (JSON.parse(row.value) as unknown) : undefined;
  return typeof v === 'number' && validHourlyCost(v) ? v : undefined;
}

/** Set (a number) or clear (null) the hourly cost; an impossible rate is refused and nothing is written. */
export async function setHourlyCost(db: Db, rate: number | null, actor: Actor): Promise<{ ok: boolean }> {
  if (rate !== null && !validHourlyCost(rate)) return { ok: false };
  const before = (await hourlyCost(db)) ?? null;
  if (rate === null) await db.delete(settings).where(eq(settings.key, KEY));
  else
    await db
      .insert(settings)
      .values({ key: KEY, value: JSON.stringify(rate) })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: JSON.stringify(rate), updatedAt: new Date().toISOString() },
      });
  await audit(db, actor, 'settings.hourly_cost', KEY, { from: before, to: rate });
  return { ok: true };
}
