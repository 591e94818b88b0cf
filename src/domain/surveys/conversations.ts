// The anonymous two-way conversation on a published comment (issue 23 item 1). Every function runs inside the
// caller's transaction; expected failures are values with a code, never exceptions, and a refusal writes nothing.
//
// Threat model: HR, managers and whoever holds the database files must not learn who wrote a comment, through its
// conversation either. So nothing links the author to the thread, not even encrypted: the author holds the reply
// key they got when answering (waves.ts submitAnswers), the comment and its thread hold only the key's hash. The
// team side is named (started_by, sender_id) and audited as usual.
//
// Time is the other channel. Messages both ways become visible to the other side only at fixed batch times
// (conversation-rules.ts nextRelease), and nothing the author does is stored with the time they did it: an author
// message's only time is its release time, a close by the author is dated by the batch that shows it, and the audit
// log gets one row per batch with counts (releaseDue), never one at the author's action. Nor is the author's
// action written where it names the thread at the moment they act (the database's own write order — PostgreSQL
// xmin, SQLite's WAL frames — would date it): it goes sealed into conversation_pool (conversation-pool.ts), and
// the tick writes it to comment_messages / comment_threads at the batch time, among the batch's other rows.
import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { commentMessages, commentThreads, conversationPool, surveyComments } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { visibleUnitIds } from '../org/units.js';
import { openAction, sealAction, type PooledAction } from './conversation-pool.js';
import { messageBody, nextRelease, replyKeyHash } from './conversation-rules.js';
import { placeOf } from './publication.js';
import { thresholdSettings, thresholdsOf, waveUnits } from './results.js';
import type { SealKey } from './seal.js';
import { getWave } from './waves.js';

export type ConversationError =
  /** The comment does not exist (never did, or was erased); a thread of an erased comment refuses everything. */
  | 'unknown_comment'
  /** The comment was published before conversations existed: its author holds no key. */
  | 'no_reply_key'
  /** The viewer is neither HR/admin nor the head of the comment's unit or a unit above it in the wave's tree. */
  | 'forbidden'
  /** The comment's group holds fewer comments than the wave's comment threshold today. */
  | 'below_threshold'
  /** The body is empty or longer than MESSAGE_MAX after trimming. */
  | 'invalid'
  | 'unknown_thread'
  /** The thread is closed (for the team: once the close's batch time has come). */
  | 'closed'
  /** No comment holds this reply key. */
  | 'unknown_key'
  /** The key is the author's, but nobody on the team has started a thread on the comment yet. */
  | 'no_thread';

export type Refusal = { ok: false; code: ConversationError };

export interface ThreadMessage {
  id: string;
  side: 'team' | 'author';
  body: string;
  /** When the other side sees it (a batch time). The only time an author message has. */
  releaseAt: Date;
  /** The team member who wrote it; null for the author. */
  senderId: number | null;
  /** Author's view only: their own message still sealed in the pool, not yet delivered to the team. */
  pending?: true;
}

export interface ThreadView {
  /** Null in an author's view of a comment nobody has answered yet. */
  threadId: number | null;
  commentId: string;
  waveId: number;
  /** The comment's published group. */
  unitId: number | null;
  comment: string;
  /** 'none': no thread yet (author's view only). A close shows to the team only from its batch time. */
  status: 'none' | 'open' | 'closed';
  closedAt: Date | null;
  startedBy: number | null;
  /** Author's view only: their close is sealed in the pool until closedAt (its batch time). */
  closePending?: true;
  /** In release order (team before author within a batch; the order of writing is not kept). */
  messages: ThreadMessage[];
}

type ThreadRow = typeof commentThreads.$inferSelect;
type CommentRow = typeof surveyComments.$inferSelect;

const iso = (d: Date) => d.toISOString();

/** Closed for the team only once the close's batch time has come: before it, a refusal would date the author. */
const closedAt = (t: ThreadRow, now: Date): Date | null =>
  t.status === 'closed' && t.closedAt !== null && t.closedAt <= iso(now) ? new Date(t.closedAt) : null;

async function commentById(db: Db, id: string): Promise<CommentRow | undefined> {
  return (await db.select().from(surveyComments).where(eq(surveyComments.id, id)).limit(1))[0];
}

async function threadById(db: Db, id: number): Promise<ThreadRow | undefined> {
  return (await db.select().from(commentThreads).where(eq(commentThreads.id, id)).limit(1))[0];
}

/**
 * May this team member hold a conversation on this comment today? The report's visibility rule over the wave's
 * tree at launch, and the comment threshold as it is today (a raised threshold closes threads on smaller groups).
 */
async function teamAccess(db: Db, comment: CommentRow, viewer: Person): Promise<ConversationError | undefined> {
  const wave = await getWave(db, comment.waveId);
  if (!wave || !viewer.active) return 'forbidden';
  const units = await waveUnits(db, wave);
  const place = placeOf(units, comment.unitId);
  if (place === undefined || !visibleUnitIds(units, viewer).has(place)) return 'forbidden';
  const { commentK } = thresholdsOf(wave, await thresholdSettings(db));
  const inGroup = await db
    .select({ id: surveyComments.id })
    .from(surveyComments)
    .where(
      and(
        eq(surveyComments.waveId, wave.id),
        comment.unitId === null ? isNull(surveyComments.unitId) : eq(surveyComments.unitId, comment.unitId),
      ),
    );
  return inGroup.length >= commentK ? undefined : 'below_threshold';
}

async function messagesOf(db: Db, threadId: number): Promise<ThreadMessage[]> {
  const rows = await db.select().from(commentMessages).where(eq(commentMessages.threadId, threadId));
  return sortMessages(
    rows.map((r) => ({ id: r.id, side: r.side, body: r.body, releaseAt: new Date(r.releaseAt), senderId: r.senderId })),
  );
}

function sortMessages(messages: ThreadMessage[]): ThreadMessage[] {
  return messages.sort(
    (a, b) =>
      a.releaseAt.getTime() - b.releaseAt.getTime() ||
      (a.side === b.side ? a.id.localeCompare(b.id) : a.side === 'team' ? -1 : 1),
  );
}

async function addMessage(
  db: Db,
  threadId: number,
  side: 'team' | 'author',
  senderId: number | null,
  body: string,
  releaseAt: Date,
): Promise<ThreadMessage> {
  // A random key: the storage order (WITHOUT ROWID on SQLite) says nothing of the order of writing.
  const id = randomBytes(16).toString('hex');
  await db.insert(commentMessages).values({ id, threadId, side, senderId, body, releaseAt: iso(releaseAt) });
  return { id, side, body, releaseAt, senderId };
}

function view(comment: CommentRow, thread: ThreadRow | undefined, messages: ThreadMessage[], now: Date): ThreadView {
  const closed = thread ? closedAt(thread, now) : null;
  return {
    threadId: thread?.id ?? null,
    commentId: comment.id,
    waveId: comment.waveId,
    unitId: comment.unitId,
    comment: comment.text,
    status: !thread ? 'none' : closed ? 'closed' : 'open',
    closedAt: closed,
    startedBy: thread?.startedBy ?? null,
    messages,
  };
}

/**
 * A team member (HR/admin, or the head of the comment's unit or a unit above it) answers a published comment.
 * The first call starts the thread; a later one adds its message to the same thread. The message reaches the
 * author at the next batch time. Audited ('survey.conversation.start', actor the team member).
 */
export async function startThread(
  db: Db,
  input: { commentId: string; body: string; viewer: Person; now: Date; timeZone: string },
): Promise<{ ok: true; threadId: number; created: boolean; message: ThreadMessage } | Refusal> {
  const comment = await commentById(db, input.commentId);
  if (!comment) return { ok: false, code: 'unknown_comment' };
  if (comment.replyKeyHash === null) return { ok: false, code: 'no_reply_key' };
  const denied = await teamAccess(db, comment, input.viewer);
  if (denied) return { ok: false, code: denied };
  const body = messageBody(input.body);
  if (body === undefined) return { ok: false, code: 'invalid' };

  let thread = (await db.select().from(commentThreads).where(eq(commentThreads.commentId, comment.id)).limit(1))[0];
  if (thread && closedAt(thread, input.now)) return { ok: false, code: 'closed' };
  const created = thread === undefined;
  thread ??= returnedRow(
    await db
      .insert(commentThreads)
      .values({
        commentId: comment.id,
        waveId: comment.waveId,
        unitId: comment.unitId,
        keyHash: comment.replyKeyHash,
        startedBy: input.viewer.id,
      })
      .returning(),
    'startThread',
  );
  const message = await addMessage(
    db,
    thread.id,
    'team',
    input.viewer.id,
    body,
    nextRelease(input.now, input.timeZone),
  );
  await audit(
    db,
    { kind: 'employee', employeeId: input.viewer.id },
    created ? 'survey.conversation.start' : 'survey.conversation.reply',
    String(thread.id),
    { waveId: comment.waveId, unitId: comment.unitId },
  );
  return { ok: true, threadId: thread.id, created, message };
}

/** The thread, its comment and the team's access to it, or why not. */
async function teamThread(
  db: Db,
  threadId: number,
  viewer: Person,
): Promise<{ ok: true; thread: ThreadRow; comment: CommentRow } | Refusal> {
  const thread = await threadById(db, threadId);
  if (!thread) return { ok: false, code: 'unknown_thread' };
  const comment = await commentById(db, thread.commentId);
  if (!comment) return { ok: false, code: 'unknown_comment' };
  const denied = await teamAccess(db, comment, viewer);
  return denied ? { ok: false, code: denied } : { ok: true, thread, comment };
}

/** A team member adds a message to an open thread; it reaches the author at the next batch time. Audited. */
export async function teamReply(
  db: Db,
  input: { threadId: number; body: string; viewer: Person; now: Date; timeZone: string },
): Promise<{ ok: true; message: ThreadMessage } | Refusal> {
  const found = await teamThread(db, input.threadId, input.viewer);
  if (!found.ok) return found;
  if (closedAt(found.thread, input.now)) return { ok: false, code: 'closed' };
  const body = messageBody(input.body);
  if (body === undefined) return { ok: false, code: 'invalid' };
  const message = await addMessage(
    db,
    found.thread.id,
    'team',
    input.viewer.id,
    body,
    nextRelease(input.now, input.timeZone),
  );
  await audit(
    db,
    { kind: 'employee', employeeId: input.viewer.id },
    'survey.conversation.reply',
    String(found.thread.id),
    {
      waveId: found.comment.waveId,
      unitId: found.comment.unitId,
    },
  );
  return { ok: true, message };
}

/** The team's view: the comment, every team message, the author's messages whose batch time has come. */
export async function teamView(
  db: Db,
  input: { threadId: number; viewer: Person; now: Date },
): Promise<{ ok: true; thread: ThreadView } | Refusal> {
  const found = await teamThread(db, input.threadId, input.viewer);
  if (!found.ok) return found;
  const messages = (await messagesOf(db, found.thread.id)).filter(
    (m) => m.side === 'team' || m.releaseAt.getTime() <= input.now.getTime(),
  );
  return { ok: true, thread: view(found.comment, found.thread, messages, input.now) };
}

/** The comment and thread a reply key opens, if any. */
async function byKey(
  db: Db,
  key: string,
): Promise<{ ok: true; comment: CommentRow; thread: ThreadRow | undefined } | Refusal> {
  if (typeof key !== 'string' || key.trim() === '') return { ok: false, code: 'unknown_key' };
  const hash = replyKeyHash(key.trim());
  const thread = (await db.select().from(commentThreads).where(eq(commentThreads.keyHash, hash)).limit(1))[0];
  const comment = thread
    ? await commentById(db, thread.commentId)
    : (await db.select().from(surveyComments).where(eq(surveyComments.replyKeyHash, hash)).limit(1))[0];
  if (!comment) return { ok: false, code: thread ? 'unknown_comment' : 'unknown_key' };
  return { ok: true, comment, thread };
}

/** The pool, opened (rows sealed with another key are left out: they are nobody's to read). */
async function openPool(db: Db, key: SealKey): Promise<{ rowId: string; action: PooledAction | undefined }[]> {
  const rows = await db.select().from(conversationPool);
  return rows.map((r) => ({ rowId: r.id, action: openAction(key, r.sealed) }));
}

/** This key's actions still in the pool (at most one batch's worth: the tick empties the due ones). */
async function pendingOf(db: Db, key: SealKey, keyHash: string): Promise<PooledAction[]> {
  return (await openPool(db, key)).flatMap((r) => (r.action?.keyHash === keyHash ? [r.action] : []));
}

/**
 * The author's view, by their reply key: the comment, their own messages (those still in the pool marked
 * pending), the team's whose batch time has come, and their close, pending or released.
 */
export async function authorView(
  db: Db,
  sealKey: SealKey,
  input: { key: string; now: Date },
): Promise<{ ok: true; thread: ThreadView } | Refusal> {
  const found = await byKey(db, input.key);
  if (!found.ok) return found;
  const pending = found.thread ? await pendingOf(db, sealKey, found.thread.keyHash) : [];
  const own: ThreadMessage[] = pending.flatMap((a) =>
    a.action === 'reply' && a.body !== undefined
      ? [
          {
            id: a.id,
            side: 'author' as const,
            body: a.body,
            releaseAt: new Date(a.releaseAt),
            senderId: null,
            pending: true as const,
          },
        ]
      : [],
  );
  const messages = found.thread
    ? sortMessages([
        ...(await messagesOf(db, found.thread.id)).filter(
          (m) => m.side === 'author' || m.releaseAt.getTime() <= input.now.getTime(),
        ),
        ...own,
      ])
    : [];
  // The author sees their own close at once: it is theirs.
  const v = view(found.comment, found.thread, messages, input.now);
  const pendingClose = pending.find((a) => a.action === 'close');
  if (found.thread?.status === 'closed') {
    v.status = 'closed';
    v.closedAt = found.thread.closedAt === null ? null : new Date(found.thread.closedAt);
  } else if (pendingClose) {
    v.status = 'closed';
    v.closedAt = new Date(pendingClose.releaseAt);
    v.closePending = true;
  }
  return { ok: true, thread: v };
}

async function authorThread(
  db: Db,
  sealKey: SealKey,
  key: string,
): Promise<{ ok: true; thread: ThreadRow; comment: CommentRow } | Refusal> {
  const found = await byKey(db, key);
  if (!found.ok) return found;
  if (!found.thread) return { ok: false, code: 'no_thread' };
  if (found.thread.status === 'closed') return { ok: false, code: 'closed' };
  // A close still in the pool closes the thread for its author already.
  if ((await pendingOf(db, sealKey, found.thread.keyHash)).some((a) => a.action === 'close'))
    return { ok: false, code: 'closed' };
  return { ok: true, thread: found.thread, comment: found.comment };
}

async function pool(db: Db, sealKey: SealKey, action: PooledAction): Promise<void> {
  await db
    .insert(conversationPool)
    .values({ id: randomBytes(16).toString('hex'), sealed: sealAction(sealKey, action) });
}

/**
 * The author answers, by key. Sealed into the pool (no thread, no time in the clear) and written to the thread
 * by releaseDue at the next batch time, with no sender and no time but that batch time. Not audited (an audit
 * row's time would date the author's action): releaseDue counts it in its batch's row.
 */
export async function authorReply(
  db: Db,
  sealKey: SealKey,
  input: { key: string; body: string; now: Date; timeZone: string },
): Promise<{ ok: true; message: ThreadMessage } | Refusal> {
  const found = await authorThread(db, sealKey, input.key);
  if (!found.ok) return found;
  const body = messageBody(input.body);
  if (body === undefined) return { ok: false, code: 'invalid' };
  const releaseAt = nextRelease(input.now, input.timeZone);
  const id = randomBytes(16).toString('hex');
  await pool(db, sealKey, { id, keyHash: found.thread.keyHash, action: 'reply', body, releaseAt: iso(releaseAt) });
  return { ok: true, message: { id, side: 'author', body, releaseAt, senderId: null, pending: true } };
}

/**
 * The author closes the thread, by key: sealed into the pool, written by releaseDue at the next batch time, which
 * dates it and from which the team sees it. Not audited.
 */
export async function authorClose(
  db: Db,
  sealKey: SealKey,
  input: { key: string; now: Date; timeZone: string },
): Promise<{ ok: true; closedAt: Date } | Refusal> {
  const found = await authorThread(db, sealKey, input.key);
  if (!found.ok) return found;
  const at = nextRelease(input.now, input.timeZone);
  await pool(db, sealKey, {
    id: randomBytes(16).toString('hex'),
    keyHash: found.thread.keyHash,
    action: 'close',
    releaseAt: iso(at),
  });
  return { ok: true, closedAt: at };
}

/**
 * Erasing a person (privacy/erase-person.ts): pooled author replies that mention them get `pseudonym` in place of
 * each of `words`, re-sealed in place, as the released messages do. Returns how many were rewritten.
 */
export async function scrubPool(
  db: Db,
  sealKey: SealKey,
  words: readonly string[],
  pseudonym: string,
): Promise<number> {
  let n = 0;
  for (const { rowId, action } of await openPool(db, sealKey)) {
    if (action?.body === undefined || !words.some((w) => action.body!.includes(w))) continue;
    const body = words.reduce((b, w) => b.split(w).join(pseudonym), action.body);
    await db
      .update(conversationPool)
      .set({ sealed: sealAction(sealKey, { ...action, body }) })
      .where(eq(conversationPool.id, rowId));
    n++;
  }
  return n;
}

/**
 * Writes the pool's due actions where they name their thread, in random order, and deletes them. An action whose
 * thread or comment has vanished (erased) is dropped. Rows sealed with another key stay (a changed secret may
 * come back) and are counted.
 */
async function applyPool(db: Db, sealKey: SealKey, now: Date): Promise<{ dropped: number; unreadable: number }> {
  const opened = await openPool(db, sealKey);
  const due = opened.flatMap((r) =>
    r.action && new Date(r.action.releaseAt).getTime() <= now.getTime() ? [{ rowId: r.rowId, action: r.action }] : [],
  );
  // Fisher–Yates with a cryptographic source: the order of these writes is the only order left to read.
  for (let i = due.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [due[i], due[j]] = [due[j]!, due[i]!];
  }
  let dropped = 0;
  for (const { rowId, action } of due) {
    await db.delete(conversationPool).where(eq(conversationPool.id, rowId));
    const thread = (
      await db.select().from(commentThreads).where(eq(commentThreads.keyHash, action.keyHash)).limit(1)
    )[0];
    if (!thread || !(await commentById(db, thread.commentId))) {
      dropped++;
      continue;
    }
    if (action.action === 'reply' && action.body !== undefined)
      await db.insert(commentMessages).values({
        id: action.id,
        threadId: thread.id,
        side: 'author',
        senderId: null,
        body: action.body,
        releaseAt: action.releaseAt,
      });
    else if (action.action === 'close' && thread.status !== 'closed')
      await db
        .update(commentThreads)
        .set({ status: 'closed', closedAt: action.releaseAt })
        .where(eq(commentThreads.id, thread.id));
  }
  return { dropped, unreadable: opened.filter((r) => r.action === undefined).length };
}

export interface ReleasedBatch {
  releaseAt: Date;
  teamMessages: number;
  authorMessages: number;
  closed: number;
  /** Threads with something new for the team (an author message or a close) or for the author (a team message). */
  forTeam: number[];
  forAuthor: number[];
}

/**
 * The minute tick: first the pool's author actions whose batch time has come are written to their threads
 * (applyPool), then batches whose time has come and that were not yet counted. One audit row per batch, with
 * counts only ('survey.conversation.release', subject the batch time): the author's actions are logged as the
 * batch that shows them, never at the time they acted. Returns the batches, for notifying the team.
 */
export async function releaseDue(db: Db, sealKey: SealKey, now: Date): Promise<ReleasedBatch[]> {
  await applyPool(db, sealKey, now);
  const at = iso(now);
  const messages = await db
    .select({
      id: commentMessages.id,
      threadId: commentMessages.threadId,
      side: commentMessages.side,
      releaseAt: commentMessages.releaseAt,
    })
    .from(commentMessages)
    .where(and(eq(commentMessages.released, false), lte(commentMessages.releaseAt, at)));
  const closes = await db
    .select({ id: commentThreads.id, closedAt: commentThreads.closedAt })
    .from(commentThreads)
    .where(
      and(
        eq(commentThreads.status, 'closed'),
        eq(commentThreads.closeReleased, false),
        or(isNull(commentThreads.closedAt), lte(commentThreads.closedAt, at)),
      ),
    );
  const batches = new Map<string, ReleasedBatch>();
  const batch = (when: string) => {
    let b = batches.get(when);
    if (!b) {
      b = { releaseAt: new Date(when), teamMessages: 0, authorMessages: 0, closed: 0, forTeam: [], forAuthor: [] };
      batches.set(when, b);
    }
    return b;
  };
  const add = (list: number[], id: number) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const m of messages) {
    const b = batch(m.releaseAt);
    if (m.side === 'team') {
      b.teamMessages++;
      add(b.forAuthor, m.threadId);
    } else {
      b.authorMessages++;
      add(b.forTeam, m.threadId);
    }
  }
  for (const c of closes) {
    const b = batch(c.closedAt ?? at);
    b.closed++;
    add(b.forTeam, c.id);
  }
  if (batches.size === 0) return [];
  for (const m of messages)
    await db.update(commentMessages).set({ released: true }).where(eq(commentMessages.id, m.id));
  for (const c of closes)
    await db.update(commentThreads).set({ closeReleased: true }).where(eq(commentThreads.id, c.id));
  const out = [...batches.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, b]) => b);
  for (const b of out)
    await audit(db, { kind: 'system' }, 'survey.conversation.release', iso(b.releaseAt), {
      teamMessages: b.teamMessages,
      authorMessages: b.authorMessages,
      closed: b.closed,
    });
  return out;
}
