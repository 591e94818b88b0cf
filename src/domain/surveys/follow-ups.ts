// Follow-up actions: the loop from signal to fix. An issue found in a result gets an owner and a due
// date; the owner moves it along; the report shows the share resolved.
import { and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { followUps, surveyWaves } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { returnedRow } from '../../db/rows.js';

export type FollowUpStatus = 'open' | 'in_progress' | 'done';
export type FollowUp = typeof followUps.$inferSelect;

export const FOLLOW_UP_TITLE_MAX = 200;

export function validDueDate(s: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= today;
}

/** The wave launched last (by opening time): a follow-up recorded in chat is about it; none before any wave. */
export async function latestWaveId(db: Db): Promise<number | undefined> {
  return (await db.select({ id: surveyWaves.id }).from(surveyWaves).orderBy(desc(surveyWaves.openedAt)).limit(1))[0]
    ?.id;
}

export async function createFollowUp(
  db: Db,
  input: {
    title: string;
    ownerId: number;
    dueDate: string;
    waveId: number | null;
    unitId: number | null;
    creator: Person;
    today: string;
  },
): Promise<{ ok: true; followUp: FollowUp } | { ok: false; code: 'empty_title' | 'title_too_long' | 'bad_due_date' }> {
  const title = input.title.trim();
  if (!title) return { ok: false, code: 'empty_title' };
  if (title.length > FOLLOW_UP_TITLE_MAX) return { ok: false, code: 'title_too_long' };
  if (!validDueDate(input.dueDate, input.today)) return { ok: false, code: 'bad_due_date' };
  const row = returnedRow(
    await db
      .insert(followUps)
      .values({
        title,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        waveId: input.waveId,
        unitId: input.unitId,
        createdBy: input.creator.id,
      })
      .returning(),
    'insert followUps',
  );
  await audit(db, { kind: 'employee', employeeId: input.creator.id }, 'followup.create', String(row.id), {
    ownerId: input.ownerId,
    waveId: input.waveId,
    unitId: input.unitId,
  });
  return { ok: true, followUp: row };
}

/** The owner, the creator, or HR may move a follow-up along. */
export async function setFollowUpStatus(
  db: Db,
  id: number,
  status: FollowUpStatus,
  actor: Person,
): Promise<{ ok: true; followUp: FollowUp } | { ok: false; code: 'not_found' | 'forbidden' }> {
  const row = (await db.select().from(followUps).where(eq(followUps.id, id)).limit(1))[0];
  if (!row) return { ok: false, code: 'not_found' };
  const allowed =
    row.ownerId === actor.id ||
    row.createdBy === actor.id ||
    actor.roles.includes('hr') ||
    actor.roles.includes('admin');
  if (!allowed) return { ok: false, code: 'forbidden' };
  const updated = returnedRow(
    await db
      .update(followUps)
      // Resolved when it becomes done (kept through a repeated 'done'); reopening clears it.
      .set({
        status,
        updatedAt: new Date().toISOString(),
        resolvedAt: status !== 'done' ? null : row.status === 'done' ? row.resolvedAt : new Date().toISOString(),
      })
      .where(eq(followUps.id, id))
      .returning(),
    'update followUps',
  );
  await audit(db, { kind: 'employee', employeeId: actor.id }, 'followup.status', String(id), {
    from: row.status,
    to: status,
  });
  return { ok: true, followUp: updated };
}

export async function followUpsOf(db: Db, personId: number): Promise<FollowUp[]> {
  return await db
    .select()
    .from(followUps)
    .where(or(eq(followUps.ownerId, personId), eq(followUps.createdBy, personId)));
}

export async function getFollowUp(db: Db, id: number): Promise<FollowUp | undefined> {
  return (
    await db
      .select()
      .from(followUps)
      .where(and(eq(followUps.id, id)))
      .limit(1)
  )[0];
}

/** Every follow-up (HR's view), newest first, optionally of one status or one owner. */
export async function listFollowUps(
  db: Db,
  filter: { status?: FollowUpStatus; ownerId?: number } = {},
): Promise<FollowUp[]> {
  return await db
    .select()
    .from(followUps)
    .where(
      and(
        filter.status ? eq(followUps.status, filter.status) : undefined,
        filter.ownerId !== undefined ? eq(followUps.ownerId, filter.ownerId) : undefined,
      ),
    )
    .orderBy(desc(followUps.id));
}
