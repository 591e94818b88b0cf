// Who the bot can reach, and what it remembers about those it cannot: failed platform lookups (briefly, with
// the reason HR is told) and messages kept for a person no running platform reaches yet. Runs in the
// caller's transaction; the platform calls themselves are src/bot/reach.ts's business.
import { changedRows } from '../../db/rows.js';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, platformLookups, unreachedMessages } from '../../db/schema.js';
import { cardViewSchema, type CardView } from '../../../cards/view.js';
import type { Platform } from '../../vocabulary.js';
import { linkedAmong } from './employees.js';
import type { NotFoundReason } from './platform-directory.js';

/** How long a failed lookup is not asked again by the minute tick (people with messages waiting): it does not
 *  re-ask the platform for the same unknown e-mail every minute. A launch and the link job always ask again. */
export const LOOKUP_MEMORY_MS = 15 * 60 * 1000;

export interface LookupFailure {
  platform: Platform;
  employeeId: number;
  email: string | null;
  reason: NotFoundReason;
  detail: string | null;
  triedAt: Date;
}

/** Of `employeeIds`, the ones a message would reach on these running platforms (the sandbox reaches everyone). */
export async function reachableAmong(
  db: Db,
  running: ReadonlySet<Platform>,
  employeeIds: readonly number[],
): Promise<Set<number>> {
  if (running.has('sandbox')) return new Set(employeeIds);
  return await linkedAmong(
    db,
    [...running].filter((p) => p !== 'sandbox'),
    employeeIds,
  );
}

export async function lookupFailures(
  db: Db,
  platforms: readonly Platform[],
  employeeIds: readonly number[],
): Promise<LookupFailure[]> {
  const out: LookupFailure[] = [];
  if (platforms.length === 0) return out;
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await db
      .select()
      .from(platformLookups)
      .where(
        and(
          inArray(platformLookups.platform, [...platforms]),
          inArray(platformLookups.employeeId, employeeIds.slice(i, i + 500)),
        ),
      );
    for (const r of rows) out.push({ ...r, triedAt: new Date(r.triedAt) });
  }
  return out;
}

/** A failed lookup is worth repeating once it is old, or when the person's e-mail changed since. */
export function lookupIsFresh(
  f: Pick<LookupFailure, 'email' | 'triedAt'>,
  currentEmail: string | null,
  now: Date,
): boolean {
  return f.email === currentEmail && now.getTime() - f.triedAt.getTime() < LOOKUP_MEMORY_MS;
}

export async function recordLookupFailure(db: Db, f: Omit<LookupFailure, 'triedAt'>, now: Date): Promise<void> {
  const values = {
    platform: f.platform,
    employeeId: f.employeeId,
    email: f.email,
    reason: f.reason,
    detail: f.detail,
    triedAt: now.toISOString(),
  };
  await db
    .insert(platformLookups)
    .values(values)
    .onConflictDoUpdate({
      target: [platformLookups.platform, platformLookups.employeeId],
      set: { email: values.email, reason: values.reason, detail: values.detail, triedAt: values.triedAt },
    });
}

export async function clearLookupFailure(db: Db, platform: Platform, employeeId: number): Promise<void> {
  await db
    .delete(platformLookups)
    .where(and(eq(platformLookups.platform, platform), eq(platformLookups.employeeId, employeeId)));
}

/** Keep a card for a person nobody could deliver it to; a later version of the same card replaces it. */
export async function keepUnreached(
  db: Db,
  employeeId: number,
  card: CardView,
  cardKey: string | undefined,
): Promise<void> {
  if (cardKey !== undefined) {
    await db
      .delete(unreachedMessages)
      .where(and(eq(unreachedMessages.employeeId, employeeId), eq(unreachedMessages.cardKey, cardKey)));
  }
  await db.insert(unreachedMessages).values({ employeeId, cardKey: cardKey ?? null, card: JSON.stringify(card) });
}

/** An update of a card that was kept (never delivered): the kept copy becomes the new version. */
export async function refreshUnreached(db: Db, employeeId: number, cardKey: string, card: CardView): Promise<void> {
  await db
    .update(unreachedMessages)
    .set({ card: JSON.stringify(card) })
    .where(and(eq(unreachedMessages.employeeId, employeeId), eq(unreachedMessages.cardKey, cardKey)));
}

/** Kept messages of people who have left: nobody will ever be reached with them. */
export async function dropUnreachedOfLeavers(db: Db): Promise<number> {
  const leavers = db.select({ id: employees.id }).from(employees).where(eq(employees.active, false));
  return changedRows(await db.delete(unreachedMessages).where(inArray(unreachedMessages.employeeId, leavers)));
}

/** People with kept messages and how many each, for HR's delivery report (names: reachability is not anonymous). */
export async function unreachedSummary(db: Db): Promise<{ employeeId: number; name: string; messages: number }[]> {
  return await db
    .select({ employeeId: unreachedMessages.employeeId, name: employees.name, messages: count() })
    .from(unreachedMessages)
    .innerJoin(employees, eq(employees.id, unreachedMessages.employeeId))
    .groupBy(unreachedMessages.employeeId, employees.name)
    .orderBy(employees.name);
}

/** People with kept messages. */
export async function peopleWithUnreached(db: Db): Promise<number[]> {
  return (await db.selectDistinct({ employeeId: unreachedMessages.employeeId }).from(unreachedMessages)).map(
    (r) => r.employeeId,
  );
}

/** Take a person's kept messages (oldest first), removing them: the caller delivers them in the same transaction. */
export async function takeUnreached(db: Db, employeeId: number): Promise<{ cardKey: string | null; card: CardView }[]> {
  const rows = await db
    .select()
    .from(unreachedMessages)
    .where(eq(unreachedMessages.employeeId, employeeId))
    .orderBy(unreachedMessages.id);
  await db.delete(unreachedMessages).where(eq(unreachedMessages.employeeId, employeeId));
  return rows.flatMap((r) => {
    const card = cardViewSchema.safeParse(JSON.parse(r.card));
    return card.success ? [{ cardKey: r.cardKey, card: card.data }] : [];
  });
}
