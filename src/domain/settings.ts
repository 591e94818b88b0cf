// Tenant settings stored as JSON values, with typed accessors for the ones the domain reads.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { settings } from '../db/schema.js';
import { audit, type Actor } from './audit.js';
import { DEFAULT_K, validateThreshold } from './surveys/anonymity.js';

function read(db: Db, key: string): unknown {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function anonymityThreshold(db: Db): number {
  const v = read(db, 'anonymity.k');
  return typeof v === 'number' && validateThreshold(v).ok ? v : DEFAULT_K;
}

/** HR/admin only (checked by the caller); never below the minimum. */
export function setAnonymityThreshold(db: Db, k: number, actor: Actor): { ok: true } | { ok: false; reason: 'not_integer' | 'below_minimum' } {
  const valid = validateThreshold(k);
  if (!valid.ok) return valid;
  const value = JSON.stringify(k);
  db.insert(settings).values({ key: 'anonymity.k', value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } }).run();
  audit(db, actor, 'settings.anonymity_threshold', 'anonymity.k', { k });
  return { ok: true };
}
