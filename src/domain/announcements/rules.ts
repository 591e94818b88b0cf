// Announcements' rules, pure: what a notice's texts must hold, which text a person reads, who may address whom,
// and the read/unread split the sender sees. The I/O around them is announcements.ts.
import { z } from 'zod';
import type { Locale } from '../../vocabulary.js';
import type { Person } from '../org/employees.js';
import { visibleUnitIds, type UnitNode } from '../org/units.js';

export const ANNOUNCEMENT_TITLE_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 2000;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);

/** The texts of a notice as given (chat or app): any may be empty; validateTexts says whether they are enough. */
export const announcementTextsSchema = z.object({
  titleZh: text(ANNOUNCEMENT_TITLE_MAX),
  titleEn: text(ANNOUNCEMENT_TITLE_MAX),
  bodyZh: text(ANNOUNCEMENT_BODY_MAX),
  bodyEn: text(ANNOUNCEMENT_BODY_MAX),
});
export type AnnouncementTexts = z.output<typeof announcementTextsSchema>;

export type TextsProblem = 'no_text' | 'zh_incomplete' | 'en_incomplete' | 'too_long';

/** At least one language with both a title and a body; a language is either complete or left out. */
export function validateTexts(
  input: unknown,
): { ok: true; texts: AnnouncementTexts } | { ok: false; code: TextsProblem } {
  const parsed = announcementTextsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'too_long' };
  const t = parsed.data;
  if (!!t.titleZh !== !!t.bodyZh) return { ok: false, code: 'zh_incomplete' };
  if (!!t.titleEn !== !!t.bodyEn) return { ok: false, code: 'en_incomplete' };
  if (!t.titleZh && !t.titleEn) return { ok: false, code: 'no_text' };
  return { ok: true, texts: t };
}

/** The title and body a person reads: their language, else the other one (validateTexts guarantees one). */
export function textFor(t: AnnouncementTexts, locale: Locale): { title: string; body: string } {
  const zh = t.titleZh && t.bodyZh ? { title: t.titleZh, body: t.bodyZh } : undefined;
  const en = t.titleEn && t.bodyEn ? { title: t.titleEn, body: t.bodyEn } : undefined;
  const pick = locale === 'en' ? (en ?? zh) : (zh ?? en);
  return pick ?? { title: '', body: '' };
}

/** Whether `text` is written in Chinese (any Han character): how chat's one-language `/announce` is filed. */
export function looksChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

export const isHrLike = (p: Pick<Person, 'roles'>): boolean => p.roles.includes('hr') || p.roles.includes('admin');

/**
 * Whether `sender` may address unit `unitId` (null: the whole company). HR (and admins) may address any unit
 * or the company; a unit head the subtrees they head and nothing else; everyone else nothing.
 */
export function mayAddress(
  units: readonly UnitNode[],
  sender: Pick<Person, 'id' | 'roles'>,
  unitId: number | null,
): boolean {
  if (isHrLike(sender)) return unitId === null || units.some((u) => u.id === unitId);
  if (unitId === null) return false;
  return visibleUnitIds(units, sender).has(unitId);
}

/** Whether a person may send announcements at all (HR, admin, or the head of some unit). */
export function maySend(units: readonly UnitNode[], person: Pick<Person, 'id' | 'roles'>): boolean {
  return isHrLike(person) || units.some((u) => u.headEmployeeId === person.id);
}

export interface Receipt {
  personId: number;
  name: string;
  readAt: string | null;
}

/** Read and unread, each by name (not anonymous: who has read it is the point). */
export function splitReceipts(receipts: readonly Receipt[]): { read: Receipt[]; unread: Receipt[] } {
  const byName = (a: Receipt, b: Receipt) => a.name.localeCompare(b.name) || a.personId - b.personId;
  return {
    read: receipts.filter((r) => r.readAt !== null).sort(byName),
    unread: receipts.filter((r) => r.readAt === null).sort(byName),
  };
}
