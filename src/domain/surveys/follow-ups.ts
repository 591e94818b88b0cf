// Follow-up actions: the loop from signal to fix. An issue found in a result gets an owner and a due
// date; the owner moves it along; the report shows the share resolved.
import { and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { followUps, surveyWaves } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';

export type FollowUpStatus = 'open' | 'in_progress' | 'done';
export type FollowUp = typeof followUps.$inferSelect;

export const FOLLOW_UP_TITLE_MAX = 200;

export function validDueDate(s: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= today;
}

/** The wave launched last (by opening time): a follow-up recorded in chat is about it; none before any wave. */
export function latestWaveId(db: Db): number | undefined {
  return db.select({ id: surveyWaves.id }).from(surveyWaves).orderBy(desc(surveyWaves.openedAt)).get()?.id;
}

export function createFollowUp(
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
): { ok: true; followUp: FollowUp } | { ok: false; code: 'empty_title' | 'title_too_long' | 'bad_due_date' } {
  const title = input.title.trim();
  if (!title) return { ok: false, code: 'empty_title' };
  if (title.length > FOLLOW_UP_TITLE_MAX) return { ok: false, code: 'title_too_long' };
  if (!validDueDate(input.dueDate, input.today)) return { ok: false, code: 'bad_due_date' };
  const row = db
    .insert(followUps)
    .values({
      title,
      ownerId: input.ownerId,
      dueDate: input.dueDate,
      waveId: input.waveId,
      unitId: input.unitId,
      createdBy: input.creator.id,
    })
    .returning()
    .get();
  audit(db, { kind: 'employee', employeeId: input.creator.id }, 'followup.create', String(row.id), {
    ownerId: input.ownerId,
    waveId: input.waveId,
    unitId: input.unitId,
  });
  return { ok: true, followUp: row };
}

/** The owner, the creator, or HR may move a follow-up along. */
export function setFollowUpStatus(
  db: Db,
  id: number,
  status: FollowUpStatus,
  actor: Person,
): { ok: true; followUp: FollowUp } | { ok: false; code: 'not_found' | 'forbidden' } {
  const row = db.select().from(followUps).where(eq(followUps.id, id)).get();
  if (!row) return { ok: false, code: 'not_found' };
  const allowed =
    row.ownerId === actor.id ||
    row.createdBy === actor.id ||
    actor.roles.includes('hr') ||
    actor.roles.includes('admin');
  if (!allowed) return { ok: false, code: 'forbidden' };
  const updated = db
    .update(followUps)
    .set({ status, updatedAt: new Date().toISOString() })
    .where(eq(followUps.id, id))
    .returning()
    .get();
  audit(db, { kind: 'employee', employeeId: actor.id }, 'followup.status', String(id), {
    from: row.status,
    to: status,
  });
  return { ok: true, followUp: updated };
}

export function followUpsOf(db: Db, personId: number): FollowUp[] {
  return db
    .select()
    .from(followUps)
    .where(or(eq(followUps.ownerId, personId), eq(followUps.createdBy, personId)))
    .all();
}

export function getFollowUp(db: Db, id: number): FollowUp | undefined {
  return db
    .select()
    .from(followUps)
    .where(and(eq(followUps.id, id)))
    .get();
}

/** Every follow-up (HR's view), newest first, optionally of one status or one owner. */
export function listFollowUps(db: Db, filter: { status?: FollowUpStatus; ownerId?: number } = {}): FollowUp[] {
  return db
    .select()
    .from(followUps)
    .where(
      and(
        filter.status ? eq(followUps.status, filter.status) : undefined,
        filter.ownerId !== undefined ? eq(followUps.ownerId, filter.ownerId) : undefined,
      ),
    )
    .orderBy(desc(followUps.id))
    .all();
}
