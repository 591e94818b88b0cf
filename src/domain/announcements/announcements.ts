// Announcements with read receipts (issue 25 §3): HR or a unit head sends a notice to a unit's subtree or the
// whole company; each active person gets a receipt row (people on leave included: a notice is not a survey, it
// waits in their chat until they are back); acknowledging sets read_at once; the sender may remind the unread
// once. Every step is audited in the caller's transaction. The cards themselves are the bot's business
// (src/bot/features/announcements.ts): this module decides and records.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { announcementReceipts, announcements, employees } from '../../db/schema.js';
import { changedRows, returnedRow } from '../../db/rows.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { onLeaveDuring } from '../org/leave.js';
import { activePeopleIn } from '../org/people-in-units.js';
import { allUnits, subtreeIds } from '../org/units.js';
import { mayAddress, isHrLike, splitReceipts, validateTexts, type AnnouncementTexts, type Receipt } from './rules.js';

export type Announcement = typeof announcements.$inferSelect;

export const textsOf = (a: Announcement): AnnouncementTexts => ({
  titleZh: a.titleZh,
  titleEn: a.titleEn,
  bodyZh: a.bodyZh,
  bodyEn: a.bodyEn,
});

export type SendProblem =
  'no_text' | 'zh_incomplete' | 'en_incomplete' | 'too_long' | 'unknown_unit' | 'forbidden' | 'empty_audience';

/** The active people a notice to `unitId` (null: everyone) reaches: the unit and every unit below it. */
export async function audienceOf(db: Db, unitId: number | null): Promise<{ id: number; name: string }[]> {
  if (unitId === null) return await activePeopleIn(db, 'all');
  return await activePeopleIn(db, [...subtreeIds(await allUnits(db), unitId)]);
}

/**
 * Record a notice and one receipt per person in its audience. Refused, with nothing written, when the texts
 * are not enough, the unit is unknown, the sender may not address it, or nobody active is in it.
 */
export async function createAnnouncement(
  db: Db,
  input: { sender: Person; unitId: number | null; texts: unknown; now: Date },
): Promise<
  { ok: true; announcement: Announcement; recipients: number[]; onLeave: number } | { ok: false; code: SendProblem }
> {
  const texts = validateTexts(input.texts);
  if (!texts.ok) return texts;
  const units = await allUnits(db);
  if (input.unitId !== null && !units.some((u) => u.id === input.unitId)) return { ok: false, code: 'unknown_unit' };
  if (!mayAddress(units, input.sender, input.unitId)) return { ok: false, code: 'forbidden' };
  const audience = await audienceOf(db, input.unitId);
  if (audience.length === 0) return { ok: false, code: 'empty_audience' };
  const at = input.now.toISOString();
  const row = returnedRow(
    await db
      .insert(announcements)
      .values({ senderId: input.sender.id, audienceUnitId: input.unitId, ...texts.texts, createdAt: at })
      .returning(),
    'insert announcements',
  );
  // One multi-row insert per chunk: a company-wide notice stays one quick transaction.
  for (let i = 0; i < audience.length; i += 500)
    await db
      .insert(announcementReceipts)
      .values(audience.slice(i, i + 500).map((p) => ({ announcementId: row.id, personId: p.id, deliveredAt: at })));
  const today = at.slice(0, 10);
  const away = await onLeaveDuring(db, today, today);
  const onLeave = audience.filter((p) => away.has(p.id)).length;
  await audit(db, { kind: 'employee', employeeId: input.sender.id }, 'announce.send', `announcement:${row.id}`, {
    unitId: input.unitId,
    sentTo: audience.length,
    onLeaveToday: onLeave,
  });
  return { ok: true, announcement: row, recipients: audience.map((p) => p.id), onLeave };
}

export async function getAnnouncement(db: Db, id: number): Promise<Announcement | undefined> {
  return (await db.select().from(announcements).where(eq(announcements.id, id)).limit(1))[0];
}

/**
 * A recipient acknowledges: read_at is set the first time only; a second press (or a platform's retry) gets
 * the same answer, with the first time. `reminded`: the person also holds the reminder's card.
 */
export async function acknowledge(
  db: Db,
  id: number,
  person: Pick<Person, 'id'>,
  now: Date,
): Promise<
  | { ok: true; announcement: Announcement; readAt: string; first: boolean; reminded: boolean }
  | { ok: false; code: 'not_found' | 'not_recipient' }
> {
  const a = await getAnnouncement(db, id);
  if (!a) return { ok: false, code: 'not_found' };
  const where = and(eq(announcementReceipts.announcementId, id), eq(announcementReceipts.personId, person.id));
  const receipt = (await db.select().from(announcementReceipts).where(where).limit(1))[0];
  if (!receipt) return { ok: false, code: 'not_recipient' };
  // Whoever was unread when the reminder went out got its card; acknowledging is the only way out of unread.
  const reminded = a.remindedAt !== null;
  if (receipt.readAt !== null) return { ok: true, announcement: a, readAt: receipt.readAt, first: false, reminded };
  const readAt = now.toISOString();
  const changed = changedRows(
    await db
      .update(announcementReceipts)
      .set({ readAt })
      .where(and(where, isNull(announcementReceipts.readAt))),
  );
  if (changed === 0) {
    // Another press won between the read and the write: its time is the answer.
    const won = (await db.select().from(announcementReceipts).where(where).limit(1))[0]!;
    return { ok: true, announcement: a, readAt: won.readAt!, first: false, reminded };
  }
  await audit(db, { kind: 'employee', employeeId: person.id }, 'announce.ack', `announcement:${id}`);
  return { ok: true, announcement: a, readAt, first: true, reminded };
}

/** The receipts of a notice, by name. */
async function receiptsOf(db: Db, id: number): Promise<Receipt[]> {
  return await db
    .select({ personId: announcementReceipts.personId, name: employees.name, readAt: announcementReceipts.readAt })
    .from(announcementReceipts)
    .innerJoin(employees, eq(employees.id, announcementReceipts.personId))
    .where(eq(announcementReceipts.announcementId, id));
}

/** Who may see a notice's receipts: its sender, and HR. */
export const mayViewReceipts = (a: Announcement, viewer: Pick<Person, 'id' | 'roles'>): boolean =>
  a.senderId === viewer.id || isHrLike(viewer);

/** Read and unread by name, for the sender or HR (audited: it names people). */
export async function announcementStatus(
  db: Db,
  id: number,
  viewer: Pick<Person, 'id' | 'roles'>,
): Promise<
  | { ok: true; announcement: Announcement; read: Receipt[]; unread: Receipt[] }
  | { ok: false; code: 'not_found' | 'forbidden' }
> {
  const a = await getAnnouncement(db, id);
  if (!a) return { ok: false, code: 'not_found' };
  if (!mayViewReceipts(a, viewer)) return { ok: false, code: 'forbidden' };
  const split = splitReceipts(await receiptsOf(db, id));
  await audit(db, { kind: 'employee', employeeId: viewer.id }, 'announce.status', `announcement:${id}`, {
    readCount: split.read.length,
    unreadCount: split.unread.length,
  });
  return { ok: true, announcement: a, ...split };
}

/**
 * The sender's one reminder, to those who have not acknowledged. A second one, someone else's, or one when
 * everybody has read it is refused and changes nothing.
 */
export async function remindUnread(
  db: Db,
  id: number,
  actor: Pick<Person, 'id'>,
  now: Date,
): Promise<
  | { ok: true; announcement: Announcement; unread: number[] }
  | { ok: false; code: 'not_found' | 'not_sender' | 'already_reminded' | 'all_read' }
> {
  const a = await getAnnouncement(db, id);
  if (!a) return { ok: false, code: 'not_found' };
  if (a.senderId !== actor.id) return { ok: false, code: 'not_sender' };
  if (a.remindedAt !== null) return { ok: false, code: 'already_reminded' };
  const unread = (
    await db
      .select({ id: announcementReceipts.personId })
      .from(announcementReceipts)
      .where(and(eq(announcementReceipts.announcementId, id), isNull(announcementReceipts.readAt)))
      .orderBy(announcementReceipts.personId)
  ).map((r) => r.id);
  if (unread.length === 0) return { ok: false, code: 'all_read' };
  const remindedAt = now.toISOString();
  const changed = changedRows(
    await db
      .update(announcements)
      .set({ remindedAt })
      .where(and(eq(announcements.id, id), isNull(announcements.remindedAt))),
  );
  if (changed === 0) return { ok: false, code: 'already_reminded' };
  await audit(db, { kind: 'employee', employeeId: actor.id }, 'announce.remind', `announcement:${id}`, {
    recipients: unread.length,
  });
  return { ok: true, announcement: { ...a, remindedAt }, unread };
}

export interface SentSummary {
  announcement: Announcement;
  total: number;
  read: number;
}

/** Notices with their read counts, newest first: one sender's, or (null) everyone's for HR. */
export async function sentAnnouncements(db: Db, senderId: number | null, limit = 50): Promise<SentSummary[]> {
  const rows = await db
    .select()
    .from(announcements)
    .where(senderId === null ? undefined : eq(announcements.senderId, senderId))
    .orderBy(desc(announcements.id))
    .limit(limit);
  if (!rows.length) return [];
  const counts = await db
    .select({
      id: announcementReceipts.announcementId,
      total: sql<number>`count(*)`.mapWith(Number),
      read: sql<number>`count(${announcementReceipts.readAt})`.mapWith(Number),
    })
    .from(announcementReceipts)
    .where(
      inArray(
        announcementReceipts.announcementId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(announcementReceipts.announcementId);
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((a) => ({ announcement: a, total: byId.get(a.id)?.total ?? 0, read: byId.get(a.id)?.read ?? 0 }));
}

/** The notices a person received, newest first, with when they acknowledged each. */
export async function noticesOf(
  db: Db,
  personId: number,
  limit = 50,
): Promise<{ announcement: Announcement; readAt: string | null }[]> {
  const rows = await db
    .select({ a: announcements, readAt: announcementReceipts.readAt })
    .from(announcementReceipts)
    .innerJoin(announcements, eq(announcements.id, announcementReceipts.announcementId))
    .where(eq(announcementReceipts.personId, personId))
    .orderBy(desc(announcements.id))
    .limit(limit);
  return rows.map((r) => ({ announcement: r.a, readAt: r.readAt }));
}
