// Claim caps (anti-gaming): how many point claims one person may make per day and per month, in all and per
// value tag, counted in the company's time zone. Pending, returned and approved claims count; rejected and
// cancelled ones do not. The rule is pure (checkCaps); reading and saving the setting are thin I/O.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { settings } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { periodRange } from './periods.js';

const KEY = 'points.caps';
export const MAX_CAP = 1000;

/** A cap: a whole number of claims ≥ 1, or null for none. Zero or negative is refused, not read as "none". */
const cap = z.number().int().min(1).max(MAX_CAP).nullable();
const limits = z.strictObject({ day: cap, month: cap });
export type CapLimits = z.infer<typeof limits>;
export const claimCapsSchema = z.strictObject({
  /** Claims per person, whatever the tag. */
  person: limits,
  /** Claims per person for one tag (keyed by tag id); a tag without an entry has no cap of its own. */
  tags: z.array(z.strictObject({ tagId: z.number().int().positive(), day: cap, month: cap })).max(500),
});
export type ClaimCaps = z.infer<typeof claimCapsSchema>;
export const NO_CAPS: ClaimCaps = { person: { day: null, month: null }, tags: [] };

export type CapKind = 'person_day' | 'person_month' | 'tag_day' | 'tag_month';
/** Claims already made by the person in the current day and month: in all, and for the claimed tag. */
export interface ClaimCounts {
  personDay: number;
  personMonth: number;
  tagDay: number;
  tagMonth: number;
}
export type CapCheck = { ok: true } | { ok: false; cap: CapKind; limit: number; resetsAt: Date };

/** Whether one more claim of `tagId` fits; the first cap it would exceed, and when that cap's period ends. */
export function checkCaps(caps: ClaimCaps, tagId: number, counts: ClaimCounts, at: Date, timeZone: string): CapCheck {
  const tag = caps.tags.find((t) => t.tagId === tagId);
  const rules: [CapKind, number | null | undefined, number, 'day' | 'month'][] = [
    ['tag_day', tag?.day, counts.tagDay, 'day'],
    ['person_day', caps.person.day, counts.personDay, 'day'],
    ['tag_month', tag?.month, counts.tagMonth, 'month'],
    ['person_month', caps.person.month, counts.personMonth, 'month'],
  ];
  for (const [kind, limit, count, period] of rules)
    if (limit != null && count + 1 > limit)
      return { ok: false, cap: kind, limit, resetsAt: periodRange(at, period, timeZone).until };
  return { ok: true };
}

/** The caps in force (none when HR has set none, or the stored value no longer reads). */
export async function claimCaps(db: Db): Promise<ClaimCaps> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).limit(1))[0];
  const saved = row ? claimCapsSchema.safeParse(JSON.parse(row.value)) : undefined;
  return saved?.success ? saved.data : NO_CAPS;
}

export type CapsProblem = { field: string; code: 'not_positive' | 'invalid' | 'duplicate_tag' };

/**
 * HR/admin only (checked by the caller). All or nothing: a cap of zero or below is refused with its field
 * ("person.day", "tags.3.month") so the form can say "leave empty for no cap"; audited in the caller's
 * transaction.
 */
export async function setClaimCaps(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; caps: ClaimCaps } | { ok: false; problem: CapsProblem }> {
  const parsed = claimCapsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).join('.');
    const tooSmall = issue?.code === 'too_small' && issue.origin === 'number';
    return { ok: false, problem: { field, code: tooSmall ? 'not_positive' : 'invalid' } };
  }
  const caps = parsed.data;
  const seen = new Set<number>();
  for (const [i, t] of caps.tags.entries()) {
    if (seen.has(t.tagId)) return { ok: false, problem: { field: `tags.${i}.tagId`, code: 'duplicate_tag' } };
    seen.add(t.tagId);
  }
  // Entries with no cap at all say nothing; they are not kept.
  const kept: ClaimCaps = { person: caps.person, tags: caps.tags.filter((t) => t.day !== null || t.month !== null) };
  const value = JSON.stringify(kept);
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
  await audit(db, actor, 'settings.point_caps', KEY, {
    personDay: kept.person.day,
    personMonth: kept.person.month,
    tags: kept.tags.map((t) => `${t.tagId}:${t.day ?? '-'}/${t.month ?? '-'}`).join(' '),
  });
  return { ok: true, caps: kept };
}
