// Real-time feedback: a rater shares a comment with a person right away instead of waiting for the cycle's
// close; the person acknowledges it and the rater sees that they did. Who may share: someone assigned to rate
// the person (in any cycle), their manager or the head of their unit — never about themselves; HR's role alone
// does not make someone a rater. Each share and acknowledgement is audited in the caller's transaction.
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { sharedFeedback } from '../../db/schema.js';
import { audit } from '../audit.js';
import { getPerson, type Person } from '../org/employees.js';
import { canViewRatingsOf } from '../ratings/access.js';
import { COMMENT_MAX } from '../ratings/cycles.js';

export const feedbackInput = z.object({
  subjectId: z.number().int().positive(),
  comment: z.string().trim().min(1).max(COMMENT_MAX),
});

export interface Feedback {
  id: number;
  raterId: number;
  subjectId: number;
  comment: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export type ShareError = 'invalid' | 'self' | 'not_rater';

export async function shareFeedback(
  db: Db,
  input: { actor: Person; body: unknown; now: Date },
): Promise<{ ok: true; feedback: Feedback } | { ok: false; code: ShareError; field?: 'comment' | 'subjectId' }> {
  const p = feedbackInput.safeParse(input.body);
  if (!p.success) {
    const field = p.error.issues[0]?.path[0] === 'subjectId' ? 'subjectId' : 'comment';
    return { ok: false, code: 'invalid', field };
  }
  if (p.data.subjectId === input.actor.id) return { ok: false, code: 'self' };
  const subject = await getPerson(db, p.data.subjectId);
  // A rater by assignment or line, not by the HR role (an unknown person answers the same as "not yours").
  const asRater = { ...input.actor, roles: [] };
  if (!subject?.active || !(await canViewRatingsOf(db, asRater, subject.id))) return { ok: false, code: 'not_rater' };
  const row = (
    await db
      .insert(sharedFeedback)
      .values({
        raterId: input.actor.id,
        subjectId: subject.id,
        comment: p.data.comment,
        createdAt: input.now.toISOString(),
      })
      .returning()
  )[0]!;
  await audit(db, { kind: 'employee', employeeId: input.actor.id }, 'feedback.share', `employee:${subject.id}`, {
    feedbackId: row.id,
  });
  return { ok: true, feedback: row };
}

export async function getFeedback(db: Db, id: number): Promise<Feedback | undefined> {
  return (await db.select().from(sharedFeedback).where(eq(sharedFeedback.id, id)).limit(1))[0];
}

export type AckError = 'not_found' | 'already';

/** Only the person it was shared with acknowledges it (anyone else's answers like a missing one). */
export async function acknowledgeFeedback(
  db: Db,
  input: { feedbackId: number; actor: Person; now: Date },
): Promise<{ ok: true; feedback: Feedback } | { ok: false; code: AckError; feedback?: Feedback }> {
  const f = await getFeedback(db, input.feedbackId);
  if (!f || f.subjectId !== input.actor.id) return { ok: false, code: 'not_found' };
  if (f.acknowledgedAt) return { ok: false, code: 'already', feedback: f };
  const acknowledgedAt = input.now.toISOString();
  await db.update(sharedFeedback).set({ acknowledgedAt }).where(eq(sharedFeedback.id, f.id));
  await audit(db, { kind: 'employee', employeeId: input.actor.id }, 'feedback.ack', `employee:${f.raterId}`, {
    feedbackId: f.id,
  });
  return { ok: true, feedback: { ...f, acknowledgedAt } };
}

/** Feedback shared with a person (newest first) and by a rater (newest first). */
export async function feedbackReceived(db: Db, subjectId: number): Promise<Feedback[]> {
  return await db
    .select()
    .from(sharedFeedback)
    .where(eq(sharedFeedback.subjectId, subjectId))
    .orderBy(desc(sharedFeedback.id));
}

export async function feedbackSent(db: Db, raterId: number): Promise<Feedback[]> {
  return await db
    .select()
    .from(sharedFeedback)
    .where(eq(sharedFeedback.raterId, raterId))
    .orderBy(desc(sharedFeedback.id));
}
