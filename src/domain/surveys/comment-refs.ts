// What the mini-app needs beside a published comment list to offer a conversation (issue 23 item 1): each comment's
// id and its thread, if any. Only for lists the report already shows (K-protected there), and nothing about who
// wrote a comment: the id is the comment row's random key, the thread is the team side's.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { commentThreads, surveyComments } from '../../db/schema.js';
import type { Person } from '../org/employees.js';
import { subtreeIds } from '../org/units.js';
import { teamView } from './conversations.js';
import type { Wave } from './waves.js';

export interface CommentRef {
  id: string;
  text: string;
  /** The comment was published with a reply key (comments from before conversations existed have none). */
  replyable: boolean;
  threadId: number | null;
  /** As the team sees it: closed only once the close's batch time has come. */
  status: 'none' | 'open' | 'closed';
}

/** The published comments of `unitId`'s subtree in the wave's tree, in the report's order (by text). */
export async function commentRefs(db: Db, wave: Wave, unitId: number, now: Date): Promise<CommentRef[]> {
  const scope = subtreeIds(wave.tree, unitId);
  if (scope.size === 0) return [];
  const rows = await db
    .select({
      id: surveyComments.id,
      text: surveyComments.text,
      keyHash: surveyComments.replyKeyHash,
      threadId: commentThreads.id,
      status: commentThreads.status,
      closedAt: commentThreads.closedAt,
    })
    .from(surveyComments)
    .leftJoin(commentThreads, eq(commentThreads.commentId, surveyComments.id))
    .where(and(eq(surveyComments.waveId, wave.id), inArray(surveyComments.unitId, [...scope])));
  const at = now.toISOString();
  return rows
    .map((r) => ({
      id: r.id,
      text: r.text,
      replyable: r.keyHash !== null,
      threadId: r.threadId,
      status:
        r.threadId === null
          ? ('none' as const)
          : r.status === 'closed' && r.closedAt !== null && r.closedAt <= at
            ? ('closed' as const)
            : ('open' as const),
    }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ThreadSummary {
  threadId: number;
  waveId: number;
  unitId: number | null;
  comment: string;
  status: 'none' | 'open' | 'closed';
  messages: number;
  /** The author's released message is the last thing in the thread: the team owes an answer. */
  awaitingReply: boolean;
  lastAt: Date | null;
}

/**
 * The threads a team member may hold (teamView decides, per thread: HR every unit, a manager their subtree, and
 * the comment threshold as today), of one wave or of every wave, most recent activity first.
 */
export async function threadsFor(
  db: Db,
  input: { viewer: Person; waveId?: number; now: Date },
): Promise<ThreadSummary[]> {
  const ids = await db
    .select({ id: commentThreads.id })
    .from(commentThreads)
    .where(input.waveId === undefined ? undefined : eq(commentThreads.waveId, input.waveId));
  const out: ThreadSummary[] = [];
  for (const { id } of ids) {
    const r = await teamView(db, { threadId: id, viewer: input.viewer, now: input.now });
    if (!r.ok) continue;
    const last = r.thread.messages.at(-1);
    out.push({
      threadId: id,
      waveId: r.thread.waveId,
      unitId: r.thread.unitId,
      comment: r.thread.comment,
      status: r.thread.status,
      messages: r.thread.messages.length,
      awaitingReply: last?.side === 'author',
      lastAt: last?.releaseAt ?? null,
    });
  }
  return out.sort((a, b) => (b.lastAt?.getTime() ?? 0) - (a.lastAt?.getTime() ?? 0) || b.threadId - a.threadId);
}
