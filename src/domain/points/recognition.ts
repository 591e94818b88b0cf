// Recognition that others see: HR opts value tags in, and an approved claim or nomination of such a tag is
// announced in a group chat or channel ("<name> — <tag>: <value created>"). Where it goes: the tag's own
// channels, else the company channels (at most one per platform each); the card is written in the channel's
// language, set with it. A person can opt out of being announced (a preference, kept per person): their
// approved claims then land as usual, without the announcement. Settings are JSON in `settings`; every change
// is audited in the caller's transaction.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { settings } from '../../db/schema.js';
import { PLATFORMS, type Platform } from '../../vocabulary.js';
import { audit, type Actor } from '../audit.js';
import { getTag } from './catalogue.js';

const KEY = 'points.recognition';
const optOutKey = (employeeId: number) => `points.recognition.optout.${employeeId}`;

const targetSchema = z.strictObject({
  platform: z.enum(PLATFORMS as [Platform, ...Platform[]]),
  chatId: z.string().trim().min(1).max(200),
  locale: z.enum(['zh-CN', 'en']),
});
export type AnnounceTarget = z.infer<typeof targetSchema>;
const targets = z.array(targetSchema).max(PLATFORMS.length);
export const recognitionSchema = z.strictObject({
  /** The company channels: where an opted-in tag without channels of its own is announced. */
  channels: targets,
  /** The opted-in tags, each optionally with its own channels. A tag not listed is never announced. */
  tags: z.array(z.strictObject({ tagId: z.number().int().positive(), channels: targets.optional() })).max(500),
});
export type RecognitionSettings = z.infer<typeof recognitionSchema>;
export const NO_RECOGNITION: RecognitionSettings = { channels: [], tags: [] };

async function readKey(db: Db, key: string): Promise<unknown> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1))[0];
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}
async function writeKey(db: Db, key: string, v: unknown): Promise<void> {
  const value = JSON.stringify(v);
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
}

export async function recognitionSettings(db: Db): Promise<RecognitionSettings> {
  const saved = recognitionSchema.safeParse(await readKey(db, KEY));
  return saved.success ? saved.data : NO_RECOGNITION;
}

/** One channel per platform in a list: a later entry for a platform replaces an earlier one. */
const onePerPlatform = (list: readonly AnnounceTarget[]): AnnounceTarget[] => [
  ...new Map(list.map((t) => [t.platform, t])).values(),
];

/** Where an approved claim of `tagId` is announced: nowhere unless the tag is opted in. Pure. */
export function announceTargets(s: RecognitionSettings, tagId: number): AnnounceTarget[] {
  const tag = s.tags.find((t) => t.tagId === tagId);
  if (!tag) return [];
  return onePerPlatform(tag.channels?.length ? tag.channels : s.channels);
}

export type RecognitionProblem = { field: string; code: 'invalid' | 'unknown_tag' | 'duplicate_tag' };

/** HR/admin only (checked by the caller). All or nothing; audited as settings.recognition. */
export async function saveRecognition(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; settings: RecognitionSettings } | { ok: false; problem: RecognitionProblem }> {
  const parsed = recognitionSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, problem: { field: (parsed.error.issues[0]?.path ?? []).join('.'), code: 'invalid' } };
  const seen = new Set<number>();
  for (const [i, t] of parsed.data.tags.entries()) {
    if (seen.has(t.tagId)) return { ok: false, problem: { field: `tags.${i}.tagId`, code: 'duplicate_tag' } };
    seen.add(t.tagId);
    if (!(await getTag(db, t.tagId))) return { ok: false, problem: { field: `tags.${i}.tagId`, code: 'unknown_tag' } };
  }
  const kept: RecognitionSettings = {
    channels: onePerPlatform(parsed.data.channels),
    tags: parsed.data.tags.map((t) => (t.channels ? { ...t, channels: onePerPlatform(t.channels) } : t)),
  };
  await writeKey(db, KEY, kept);
  await audit(db, actor, 'settings.recognition', KEY, {
    channels: kept.channels.map((c) => `${c.platform}:${c.chatId}:${c.locale}`).join(' '),
    tags: kept.tags.map((t) => t.tagId).join(' '),
  });
  return { ok: true, settings: kept };
}

/** A tag opted in or out, keeping the rest (chat's `/recognition tag`). */
export async function setTagAnnounced(db: Db, tagId: number, on: boolean, actor: Actor) {
  const s = await recognitionSettings(db);
  const others = s.tags.filter((t) => t.tagId !== tagId);
  const current = s.tags.find((t) => t.tagId === tagId);
  return await saveRecognition(db, { ...s, tags: on ? [...others, current ?? { tagId }] : others }, actor);
}

/** The company channel on one platform set (chat's `/recognition channel`), keeping the others. */
export async function setCompanyChannel(db: Db, target: AnnounceTarget, actor: Actor) {
  const s = await recognitionSettings(db);
  return await saveRecognition(db, { ...s, channels: [...s.channels, target] }, actor);
}

/** Whether the person lets their recognitions be announced (yes unless they opted out). */
export async function announcesMe(db: Db, employeeId: number): Promise<boolean> {
  return (await readKey(db, optOutKey(employeeId))) !== true;
}

/** The person's own choice; audited, since it changes what others are shown about them. */
export async function setAnnouncesMe(db: Db, employeeId: number, on: boolean): Promise<void> {
  await writeKey(db, optOutKey(employeeId), !on);
  await audit(db, { kind: 'employee', employeeId }, 'points.recognition.preference', `employee:${employeeId}`, {
    announce: on,
  });
}
