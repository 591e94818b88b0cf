// Drains the outbox: per platform, in order, through a token bucket; retries 429/5xx with backoff
// (honouring Retry-After); dead-letters after N attempts; stores the platform's message ref so cards can
// be updated in place. A row is marked 'sending' before the call: if the process dies between the
// platform accepting the message and us marking it sent, the row is retried on start with the same
// idempotency key, which platforms that have one (Feishu `uuid`, the sandbox) use to drop the copy.
import { and, asc, eq, inArray, lte, min } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import { outbox } from '../db/schema.js';
import { retryDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { sentRefFor } from './outbox.js';
import { DeliveryError, type OutgoingMessage, type Platform, type PlatformAdapter, type Recipient } from './port.js';
import { TokenBucket } from './token-bucket.js';

export interface OutboxWorkerOptions {
  db: Db;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  logger: Logger;
  maxAttempts: number;
  pollMs: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
}

type Row = typeof outbox.$inferSelect;
const BATCH = 50;
/** An update waiting for its card's first delivery is looked at again after this long. */
const UPDATE_WAIT_MS = 500;

export class OutboxWorker {
  private readonly buckets = new Map<Platform, TokenBucket>();
  private readonly now: () => number;
  private running = false;
  private stopped = true;
  /** Set by stop(): finish the delivery in hand, take no more. */
  private halted = false;
  private pumping: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.now = o.now ?? Date.now;
    for (const [platform, adapter] of o.adapters) {
      this.buckets.set(platform, new TokenBucket(adapter.limits.ratePerSecond, adapter.limits.burst, this.now));
    }
  }

  /** Rows left 'sending' by a crash are retried (with their original idempotency key). */
  recoverInFlight(): number {
    return this.o.db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending')).run().changes;
  }

  start(): void {
    this.stopped = false;
    this.halted = false;
    const recovered = this.recoverInFlight();
    if (recovered > 0) this.o.logger.warn({ recovered }, 'outbox: retrying deliveries interrupted by a restart');
    this.kick();
  }

  /** Stop taking new rows and wait for the deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pumping;
  }

  /** Something was enqueued: deliver soon. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    if (this.timer) clearTimeout(this.timer);
    this.pumping = this.pump().finally(() => {
      this.running = false;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.nextWakeMs());
        this.timer.unref();
      }
    });
  }

  private nextWakeMs(): number {
    const row = this.o.db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get();
    if (!row?.at) return this.o.pollMs;
    return Math.max(10, Math.min(this.o.pollMs, row.at - this.now()));
  }

  private async pump(): Promise<void> {
    try {
      await Promise.all([...this.o.adapters.keys()].map((p) => this.drainPlatform(p)));
    } catch (err) {
      this.o.logger.error({ err }, 'outbox: worker loop failed');
    }
  }

  /** Deliver every due row of one platform; returns how many were attempted. */
  async drainPlatform(platform: Platform, opts: { ignoreBackoff?: boolean } = {}): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = this.o.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.platform, platform), eq(outbox.status, 'pending'), opts.ignoreBackoff ? undefined : lte(outbox.nextAttemptAt, this.now())))
        .orderBy(asc(outbox.id))
        .limit(BATCH)
        .all();
      if (due.length === 0) return attempted;
      for (const row of due) {
        if (this.halted) return attempted;
        const outcome = await this.deliver(row);
        attempted++;
        // After a rate limit, later rows of this platform would hit the same wall: stop this round.
        if (outcome === 'rate_limited' && !opts.ignoreBackoff) return attempted;
      }
    }
  }

  private async deliver(row: Row): Promise<'sent' | 'retry' | 'rate_limited' | 'dead' | 'waiting'> {
    const db = this.o.db;
    const adapter = this.o.adapters.get(row.platform)!;
    const recipient = JSON.parse(row.recipient) as Recipient;
    const message = JSON.parse(row.message) as OutgoingMessage;

    let ref;
    if (row.op === 'update') {
      const target = sentRefFor(db, row.platform, row.cardKey ?? '', recipient);
      if (target.state === 'pending') {
        db.update(outbox).set({ nextAttemptAt: this.now() + UPDATE_WAIT_MS }).where(eq(outbox.id, row.id)).run();
        return 'waiting';
      }
      if (target.state === 'missing') {
        db.update(outbox).set({ status: 'dead', lastError: 'no delivered card to update' }).where(eq(outbox.id, row.id)).run();
        return 'dead';
      }
      ref = target.ref;
    }

    const claimed = db
      .update(outbox)
      .set({ status: 'sending', attempts: row.attempts + 1 })
      .where(and(eq(outbox.id, row.id), inArray(outbox.status, ['pending'])))
      .run().changes;
    if (claimed === 0) return 'waiting';
    const attempts = row.attempts + 1;
    // A token only for a call that will really be made (not for a row another loop claimed, nor an update
    // still waiting for its card).
    const bucket = this.buckets.get(row.platform)!;
    for (let take = bucket.tryTake(); !take.ok; take = bucket.tryTake()) await sleep(take.waitMs);

    try {
      if (row.op === 'send') {
        const sent = await adapter.send(recipient, message, { idempotencyKey: row.idempotencyKey, attempt: attempts });
        db.update(outbox).set({ status: 'sent', sentRef: JSON.stringify(sent), sentAt: new Date(this.now()).toISOString(), lastError: null }).where(eq(outbox.id, row.id)).run();
      } else {
        await adapter.update(ref!, message);
        db.update(outbox).set({ status: 'sent', sentRef: JSON.stringify(ref), sentAt: new Date(this.now()).toISOString(), lastError: null }).where(eq(outbox.id, row.id)).run();
      }
      return 'sent';
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), 'transient');
      const log = { outboxId: row.id, platform: row.platform, attempts, kind: e.kind, error: e.message };
      if (e.kind === 'permanent' || attempts >= this.o.maxAttempts) {
        db.update(outbox).set({ status: 'dead', lastError: `${e.kind}: ${e.message}` }).where(eq(outbox.id, row.id)).run();
        this.o.logger.error(log, 'outbox: delivery failed for good (dead letter)');
        return 'dead';
      }
      if (e.kind === 'rate_limited') this.buckets.get(row.platform)!.drain();
      const delay = retryDelayMs(attempts, e.retryAfterMs, this.o.backoff ?? DEFAULT_BACKOFF, this.o.random);
      db.update(outbox).set({ status: 'pending', nextAttemptAt: this.now() + delay, lastError: `${e.kind}: ${e.message}` }).where(eq(outbox.id, row.id)).run();
      this.o.logger.warn({ ...log, retryInMs: delay }, 'outbox: delivery failed, will retry');
      return e.kind === 'rate_limited' ? 'rate_limited' : 'retry';
    }
  }

  /** For tests and shutdown: deliver until nothing is pending (waiting out backoff), or time runs out. */
  async drainUntilIdle(opts: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = this.now() + (opts.timeoutMs ?? 15_000);
    for (;;) {
      for (const p of this.o.adapters.keys()) await this.drainPlatform(p);
      const next = this.o.db.select({ at: min(outbox.nextAttemptAt) }).from(outbox).where(eq(outbox.status, 'pending')).get();
      // A row another loop (the running worker) is sending right now is not done yet either.
      const inFlight = this.o.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'sending')).limit(1).get();
      if (!next?.at && !inFlight) return;
      if (this.now() >= deadline) throw new Error('outbox: still pending after drain timeout');
      await sleep(next?.at ? Math.max(5, Math.min(next.at - this.now(), deadline - this.now())) : 5);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
