// The outbox table's reads and writes: what src/bot/outbox.ts (enqueue) and the worker (src/bot/outbox-worker.ts)
// do to a row, one function per step of its life — queued, claimed with a lease, sent (and its continuations
// queued), waiting, superseded, retried later, dead. The worker keeps the timing, the pacing and the platform
// calls; each step here is the one statement it ran before (the hot path: no extra query per row).
// Recipients, messages and refs are stored as JSON; the bot core serialises its port types and parses them back.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lte, min, or, sql } from 'drizzle-orm';
import { isPostgres, type Db } from '../../db/connection.js';
import { outbox } from '../../db/schema.js';
import type { Platform } from '../../vocabulary.js';
import type { Tx } from '../unit-of-work.js';
import { deadReasonOf, NO_CARD_ERROR } from './reasons.js';
import { returnedRow, changedRows } from '../../db/rows.js';

/** A row of the outbox, as the worker reads it. */
export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxOp = OutboxRow['op'];

/** Queue one message (recipient and message as JSON) with a fresh idempotency key; returns the row's id. */
export async function queueMessage(
  db: Db,
  m: { platform: Platform; op: OutboxOp; recipient: string; message: string; cardKey: string | null; at: number },
): Promise<number> {
  return returnedRow(
    await db
      .insert(outbox)
      .values({
        platform: m.platform,
        op: m.op,
        recipient: m.recipient,
        message: m.message,
        cardKey: m.cardKey,
        idempotencyKey: randomUUID(),
        nextAttemptAt: m.at,
      })
      .returning({ id: outbox.id }),
    'insert outbox',
  ).id;
}

/** The latest send of a card to one recipient (JSON), whatever its state; undefined when there is none. */
export async function latestSendOf(
  db: Db,
  platform: Platform,
  cardKey: string,
  recipient: string,
): Promise<{ status: OutboxRow['status']; sentRef: string | null } | undefined> {
  return (
    await db
      .select({ status: outbox.status, sentRef: outbox.sentRef })
      .from(outbox)
      .where(
        and(
          eq(outbox.platform, platform),
          eq(outbox.cardKey, cardKey),
          eq(outbox.op, 'send'),
          eq(outbox.recipient, recipient),
        ),
      )
      .orderBy(desc(outbox.id))
      .limit(1)
  )[0];
}

/** The card key of a row, if it has one. */
export async function cardKeyOfRow(db: Db, id: number): Promise<string | null | undefined> {
  return (await db.select({ cardKey: outbox.cardKey }).from(outbox).where(eq(outbox.id, id)).limit(1))[0]?.cardKey;
}

/** True when some row (in any state) carries this card key. */
export async function cardKeyUsed(db: Db, cardKey: string): Promise<boolean> {
  return (await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.cardKey, cardKey)).limit(1))[0] !== undefined;
}

/** Rows left 'sending' whose lease has run out (or who have none) go back to 'pending'; returns how many. */
export async function releaseExpiredClaims(db: Db, now: number): Promise<number> {
  return changedRows(
    await db
      .update(outbox)
      .set({ status: 'pending', leaseOwner: null, leaseUntil: null })
      .where(and(eq(outbox.status, 'sending'), or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, now)))),
  );
}

/** When the earliest pending row is due (epoch ms); null when nothing is pending. */
export async function nextPendingAt(db: Db): Promise<number | null> {
  return (
    (
      await db
        .select({ at: min(outbox.nextAttemptAt) })
        .from(outbox)
        .where(eq(outbox.status, 'pending'))
        .limit(1)
    )[0]?.at ?? null
  );
}

/** True while some row is being sent (claimed by a worker). */
export async function anySending(db: Db): Promise<boolean> {
  return (
    (await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'sending')).limit(1))[0] !== undefined
  );
}

/** One page of a platform's pending rows after `after` (by id), due by `dueBy` (every one when undefined). */
export async function pendingPage(
  db: Db,
  platform: Platform,
  page: { after: number; dueBy: number | undefined; limit: number },
): Promise<OutboxRow[]> {
  return await db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.platform, platform),
        eq(outbox.status, 'pending'),
        gt(outbox.id, page.after),
        page.dueBy === undefined ? undefined : lte(outbox.nextAttemptAt, page.dueBy),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(page.limit);
}

/**
 * Claim a pending row for sending (the attempt counted, a lease taken); false when it is no longer pending,
 * or when an earlier row of the same recipient is being sent or is due before it (another instance has it, or
 * is about to take it): a person's messages go out one at a time, in order, whichever instance sends them —
 * the worker keeps that order within one process, this keeps it between processes. An earlier row waiting for
 * a retry or for its card does not hold the later ones back (as within one process).
 * On PostgreSQL the row is taken with FOR UPDATE SKIP LOCKED: a row another instance is claiming this instant
 * is passed over at once instead of waited for (its claim would win anyway; the earlier-row rule then keeps
 * this instance off that person's later rows until it is done). On SQLite the write lock orders the claims.
 */
export async function claimRow(
  db: Db,
  id: number,
  claim: { attempts: number; owner: string; leaseUntil: number; now: number },
): Promise<boolean> {
  const unlocked = isPostgres(db)
    ? sql`${outbox.id} in (select id from outbox where id = ${id} and status = 'pending' for update skip locked)`
    : undefined;
  const earlierFirst = sql`not exists (select 1 from outbox earlier where earlier.platform = "outbox"."platform"
    and earlier.recipient = "outbox"."recipient" and earlier.id < "outbox"."id"
    and (earlier.status = 'sending' or (earlier.status = 'pending' and earlier.next_attempt_at <= ${claim.now})))`;
  return (
    changedRows(
      await db
        .update(outbox)
        .set({ status: 'sending', attempts: claim.attempts, leaseOwner: claim.owner, leaseUntil: claim.leaseUntil })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'pending'), unlocked, earlierFirst)),
    ) > 0
  );
}

/** Give a claim back unsent: pending again, with the attempts it had before. */
export async function releaseClaim(db: Db, id: number, attempts: number): Promise<void> {
  await db
    .update(outbox)
    .set({ leaseOwner: null, leaseUntil: null, status: 'pending', attempts })
    .where(eq(outbox.id, id));
}

/** A pending update of the same card to the same recipient queued after this one, if any (its id). */
export async function newerPendingUpdate(db: Db, row: OutboxRow): Promise<number | undefined> {
  return (
    await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.platform, row.platform),
          eq(outbox.op, 'update'),
          eq(outbox.cardKey, row.cardKey ?? ''),
          eq(outbox.recipient, row.recipient),
          eq(outbox.status, 'pending'),
          gt(outbox.id, row.id),
        ),
      )
      .limit(1)
  )[0]?.id;
}

/** A pending update a newer one replaces: never sent. */
export async function supersedeRow(db: Db, id: number, byId: number): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'superseded', lastError: `superseded by #${byId}` })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
}

/** Look at a row again at `at` (epoch ms), nothing else changed. */
export async function postponeRow(db: Db, id: number, at: number): Promise<void> {
  await db.update(outbox).set({ nextAttemptAt: at }).where(eq(outbox.id, id));
}

/** An update whose card was never delivered: dead, reason no_card. */
export async function markNoCard(db: Db, id: number): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'dead', lastError: NO_CARD_ERROR, deadReason: deadReasonOf('no_card', '') })
    .where(eq(outbox.id, id));
}

/** Delivered: the lease released, the platform's ref (JSON) kept for later updates, throttling forgotten. */
export async function markSent(db: Db, id: number, sent: { sentRef: string; sentAt: string }): Promise<void> {
  await db
    .update(outbox)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      status: 'sent',
      sentRef: sent.sentRef,
      sentAt: sent.sentAt,
      lastError: null,
      throttledSince: null,
    })
    .where(eq(outbox.id, id));
}

/** What did not fit in a sent message, queued as sends of their own to the same recipient, keyed after the
 *  row (`<key>:2`, `<key>:3`, …) so a re-send after a crash never queues them twice. In the unit of work that
 *  marks the row sent. */
export async function queueContinuations(
  tx: Tx,
  row: OutboxRow,
  messages: readonly string[],
  at: number,
): Promise<void> {
  for (const [i, message] of messages.entries()) {
    await tx.insert(outbox).values({
      platform: row.platform,
      op: 'send',
      recipient: row.recipient,
      message,
      cardKey: null,
      idempotencyKey: `${row.idempotencyKey}:${i + 2}`,
      nextAttemptAt: at,
    });
  }
}

/** A throttled answer's bookkeeping: the attempt given back, one more throttled call, since when. */
export interface Throttling {
  attempts: number;
  throttled: number;
  throttledSince: number;
}

/** The end of an attempt: the lease released, the run of throttling continued (`throttling`) or over, and the
 *  row's next state — one UPDATE. */
async function settle(
  db: Db,
  id: number,
  throttling: Throttling | undefined,
  next: Pick<Partial<OutboxRow>, 'status' | 'nextAttemptAt' | 'lastError' | 'deadReason'>,
): Promise<void> {
  await db
    .update(outbox)
    .set({ leaseOwner: null, leaseUntil: null, ...(throttling ?? { throttledSince: null }), ...next })
    .where(eq(outbox.id, id));
}

/** Given up: dead with a reason, the lease released. Without `throttling`, the run of throttling is over. */
export async function markDead(
  db: Db,
  id: number,
  f: { lastError: string; deadReason: string; throttling?: Throttling },
): Promise<void> {
  await settle(db, id, f.throttling, { status: 'dead', lastError: f.lastError, deadReason: f.deadReason });
}

/** Not delivered this time: pending again at `at`, the lease released. Without `throttling`, the run of
 *  throttling is over. */
export async function retryRowAt(
  db: Db,
  id: number,
  f: { at: number; lastError: string; throttling?: Throttling },
): Promise<void> {
  await settle(db, id, f.throttling, { status: 'pending', nextAttemptAt: f.at, lastError: f.lastError });
}
