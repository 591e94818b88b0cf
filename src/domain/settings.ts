// Tenant settings stored as JSON values, with typed accessors for the ones the domain reads.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { prepared } from '../db/prepared.js';
import { settings } from '../db/schema.js';
import { audit, type Actor } from './audit.js';
import {
  DEFAULT_K,
  MAX_COMMENT_K,
  validateCommentThreshold,
  validateThreshold,
  type ThresholdProblem,
} from './surveys/anonymity.js';

async function read(db: Db, key: string): Promise<unknown> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))[0];
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

async function write(db: Db, key: string, v: unknown): Promise<void> {
  const value = JSON.stringify(v);
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
}

const kOf = (v: unknown): number => (typeof v === 'number' && validateThreshold(v).ok ? v : DEFAULT_K);
const commentKOf = (v: unknown, k: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v <= MAX_COMMENT_K ? Math.max(v, k) : k;

/** K for waves launched from now on (each wave keeps the K it was launched with). */
export async function anonymityThreshold(db: Db): Promise<number> {
  return kOf(await read(db, 'anonymity.k'));
}

/** The comment threshold for new waves: the stored one, never below K (no setting: K itself). */
export async function commentThreshold(db: Db): Promise<number> {
  const k = await anonymityThreshold(db);
  return commentKOf(await read(db, 'anonymity.comment_k'), k);
}

const thresholdRows = prepared((db) =>
  db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, ['anonymity.k', 'anonymity.comment_k'])),
);

/** `anonymityThreshold` and `commentThreshold` in one read (each statement is a round trip on PostgreSQL and a
 *  report reads both: issue 22). */
export async function anonymityThresholds(db: Db): Promise<{ k: number; commentK: number }> {
  const rows = await thresholdRows(db);
  const v = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const k = kOf(v.get('anonymity.k'));
  return { k, commentK: commentKOf(v.get('anonymity.comment_k'), k) };
}

/** HR/admin only (checked by the caller); 3..10. Waves already launched keep their own K. */
export async function setAnonymityThreshold(
  db: Db,
  k: number,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; reason: ThresholdProblem }> {
  const valid = validateThreshold(k);
  if (!valid.ok) return valid;
  await write(db, 'anonymity.k', k);
  await audit(db, actor, 'settings.anonymity_threshold', 'anonymity.k', { k });
  return { ok: true };
}

/** HR/admin only; never below the current K. */
export async function setCommentThreshold(
  db: Db,
  c: number,
  actor: Actor,
): Promise<{ ok: true } | { ok: false; reason: ThresholdProblem }> {
  const valid = validateCommentThreshold(c, await anonymityThreshold(db));
  if (!valid.ok) return valid;
  await write(db, 'anonymity.comment_k', c);
  await audit(db, actor, 'settings.comment_threshold', 'anonymity.comment_k', { commentK: c });
  return { ok: true };
}
