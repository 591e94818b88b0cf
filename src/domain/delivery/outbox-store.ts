// The outbox table's reads and writes: what src/bot/outbox.ts (enqueue) and the worker (src/bot/outbox-worker.ts)
// do to a row, one function per step of its life — queued, claimed with a lease, sent (and its continuations
// queued), waiting, superseded, retried later, dead. The worker keeps the timing, the pacing and the platform
// calls; each step here is the one statement it ran before (the hot path: no extra query per row).
// Recipients, messages and refs are stored as JSON; the bot core serialises its port types and parses them back.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import { isPostgres, type Db } from '../../db/connection.js';
import { outbox } from '../../db/schema.js';
import { PLATFORMS, type Platform } from '../../vocabulary.js';
import type { Tx } from '../unit-of-work.js';
import { deadReasonOf, NO_CARD_ERROR } from './reasons.js';
import { returnedRow, changedRows } from '../../db/rows.js';
import { prepared, slot } from '../../db/prepared.js';

// The worker's and the notifier's statements are built once (src/db/prepared.ts): they run several times per
// press. `$(name)` below is a placeholder, filled at each call.
const $ = (name: string) => sql.placeholder(name);

/** A row of the outbox, as the worker reads it. */
export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxOp = OutboxRow['op'];

/** Queue one message (recipient and message as JSON) with a fresh idempotency key; returns the row's id. */
export async function queueMessage(
  db: Db,
  m: { platform: Platform; op: OutboxOp; recipient: string; message: string; cardKey: string | null; at: number },
): Promise<number> {
  return returnedRow(await insertMessage(db, { ...m, idempotencyKey: randomUUID() }), 'insert outbox').id;
}
const insertMessage = prepared((db) =>
  db
    .insert(outbox)
    .values({
      platform: $('platform'),
      op: $('op'),
      recipient: $('recipient'),
      message: $('message'),
      cardKey: $('cardKey'),
      idempotencyKey: $('idempotencyKey'),
      nextAttemptAt: $('at'),
    })
    .returning({ id: outbox.id }),
);

/** The latest send of a card to one recipient (JSON), whatever its state; undefined when there is none. */
export async function latestSendOf(
  db: Db,
  platform: Platform,
  cardKey: string,
  recipient: string,
): Promise<{ status: OutboxRow['status']; sentRef: string | null } | undefined> {
  return (await selectLatestSend(db, { platform, cardKey, recipient }))[0];
}
const selectLatestSend = prepared((db) =>
  db
    .select({ status: outbox.status, sentRef: outbox.sentRef })
    .from(outbox)
    .where(
      and(
        eq(outbox.platform, $('platform')),
        eq(outbox.cardKey, $('cardKey')),
        eq(outbox.op, 'send'),
        eq(outbox.recipient, $('recipient')),
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(1),
);

/** The card key of a row, if it has one. */
export async function cardKeyOfRow(db: Db, id: number): Promise<string | null | undefined> {
  return (await selectCardKey(db, { id }))[0]?.cardKey;
}
const selectCardKey = prepared((db) =>
  db
    .select({ cardKey: outbox.cardKey })
    .from(outbox)
    .where(eq(outbox.id, $('id')))
    .limit(1),
);

/** True when some row (in any state) carries this card key. */
export async function cardKeyUsed(db: Db, cardKey: string): Promise<boolean> {
  return (await selectByCardKey(db, { cardKey }))[0] !== undefined;
}
const selectByCardKey = prepared((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.cardKey, $('cardKey')))
    .limit(1),
);

// Every platform, as the first condition of the worker's whole-outbox reads: it lets them search the rows of one
// status through outbox_due_idx (platform, status, next_attempt_at) instead of reading the whole outbox, which
// keeps every row it ever sent. The worker runs them on every round, and a round follows every press (issue 22).
const everyPlatform = inArray(outbox.platform, [...PLATFORMS]);

/** Rows left 'sending' whose lease has run out (or who have none) go back to 'pending'; returns how many. */
export async function releaseExpiredClaims(db: Db, now: number): Promise<number> {
  return changedRows(await releaseExpired(db, { now }));
}
const releaseExpired = prepared((db) =>
  db
    .update(outbox)
    .set({ status: 'pending', leaseOwner: null, leaseUntil: null })
    .where(
      and(everyPlatform, eq(outbox.status, 'sending'), or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, $('now')))),
    ),
);

/** When the earliest pending row is due (epoch ms); null when nothing is pending. */
export async function nextPendingAt(db: Db): Promise<number | null> {
  return (await selectNextPending(db))[0]?.at ?? null;
}
const selectNextPending = prepared((db) =>
  db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(everyPlatform, eq(outbox.status, 'pending')))
    .limit(1),
);

/** True while some row is being sent (claimed by a worker). */
export async function anySending(db: Db): Promise<boolean> {
  return (await selectSending(db))[0] !== undefined;
}
const selectSending = prepared((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(everyPlatform, eq(outbox.status, 'sending')))
    .limit(1),
);

/** One page of a platform's pending rows after `after` (by id), due by `dueBy` (every one when undefined). */
export async function pendingPage(
  db: Db,
  platform: Platform,
  page: { after: number; dueBy: number | undefined; limit: number },
): Promise<OutboxRow[]> {
  return page.dueBy === undefined
    ? await anyPage(db, { platform, after: page.after, limit: page.limit })
    : await duePage(db, { platform, after: page.after, dueBy: page.dueBy, limit: page.limit });
}
const pageOf = (due: boolean) =>
  prepared((db) =>
    db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.platform, $('platform')),
          eq(outbox.status, 'pending'),
          gt(outbox.id, $('after')),
          due ? lte(outbox.nextAttemptAt, $('dueBy')) : undefined,
        ),
      )
      .orderBy(asc(outbox.id))
      .limit($('limit')),
  );
const duePage = pageOf(true);
const anyPage = pageOf(false);

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
  return changedRows(await claimStatement(db, { id, ...claim })) > 0;
}
const claimStatement = prepared((db) => {
  const unlocked = isPostgres(db)
    ? sql`${outbox.id} in (select id from outbox where id = ${$('id')} and status = 'pending' for update skip locked)`
    : undefined;
  const earlierFirst = sql`not exists (select 1 from outbox earlier where earlier.platform = "outbox"."platform"
    and earlier.recipient = "outbox"."recipient" and earlier.id < "outbox"."id"
    and (earlier.status = 'sending' or (earlier.status = 'pending' and earlier.next_attempt_at <= ${$('now')})))`;
  return db
    .update(outbox)
    .set({ status: 'sending', attempts: slot('attempts'), leaseOwner: slot('owner'), leaseUntil: slot('leaseUntil') })
    .where(and(eq(outbox.id, $('id')), eq(outbox.status, 'pending'), unlocked, earlierFirst));
});

/** Give a claim back unsent: pending again, with the attempts it had before. */
export async function releaseClaim(db: Db, id: number, attempts: number): Promise<void> {
  await db
    .update(outbox)
    .set({ leaseOwner: null, leaseUntil: null, status: 'pending', attempts })
    .where(eq(outbox.id, id));
}

/** A pending update of the same card to the same recipient queued after this one, if any (its id). */
export async function newerPendingUpdate(db: Db, row: OutboxRow): Promise<number | undefined> {
  const key = { platform: row.platform, cardKey: row.cardKey ?? '', recipient: row.recipient, id: row.id };
  return (await selectNewerUpdate(db, key))[0]?.id;
}
const selectNewerUpdate = prepared((db) =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.platform, $('platform')),
        eq(outbox.op, 'update'),
        eq(outbox.cardKey, $('cardKey')),
        eq(outbox.recipient, $('recipient')),
        eq(outbox.status, 'pending'),
        gt(outbox.id, $('id')),
      ),
    )
    .limit(1),
);

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
  await noCardStatement(db, { id });
}
const noCardStatement = prepared((db) =>
  db
    .update(outbox)
    .set({ status: 'dead', lastError: NO_CARD_ERROR, deadReason: deadReasonOf('no_card', '') })
    .where(eq(outbox.id, $('id'))),
);

/** Delivered: the lease released, the platform's ref (JSON) kept for later updates, throttling forgotten. */
export async function markSent(db: Db, id: number, sent: { sentRef: string; sentAt: string }): Promise<void> {
  await sentStatement(db, { id, ...sent });
}
const sentStatement = prepared((db) =>
  db
    .update(outbox)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      status: 'sent',
      sentRef: slot('sentRef'),
      sentAt: slot('sentAt'),
      lastError: null,
      throttledSince: null,
    })
    .where(eq(outbox.id, $('id'))),
);

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
