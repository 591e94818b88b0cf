// Drains the outbox: per platform, up to the adapter's `limits.concurrency` calls in flight (never two for one
// recipient, so a card and its update stay in order), each paced by the app-wide and the recipient's token
// buckets (DeliveryPacer); retries 5xx with backoff and waits out
// throttling (429 and the platforms' own codes) as told, without spending an attempt on it; dead-letters
// after N real failures, a permanent error, or a day of throttling (THROTTLE_GIVE_UP_HOURS), with a reason
// HR is shown; stores the platform's message ref so cards can be updated in place; sends only the latest
// of several pending updates of one card. A row is claimed ('sending') with a lease (this process's id and
// an expiry) before the call: if the process dies between the platform accepting the message and us
// marking it sent, the row is retried once its lease has expired, with the same idempotency key, which
// platforms that have one (Feishu `uuid`, the sandbox) use to drop the copy. Another process starting on
// the same database never takes a row whose lease is still running. Several instances drain one outbox: a
// claim is one conditional UPDATE (SKIP LOCKED on PostgreSQL, so instances never wait on each other's rows),
// refused while an earlier row of the same recipient is being sent or due (claimRow), so a person's messages
// stay one at a time and in order across instances too; the app-wide rate bucket is shared (appBucket).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  anySending,
  claimRow,
  markDead,
  markNoCard,
  markSent,
  newerPendingUpdate,
  nextPendingAt,
  pendingPage,
  postponeRow,
  queueContinuations,
  releaseClaim,
  releaseExpiredClaims,
  retryRowAt,
  supersedeRow,
  type OutboxRow as Row,
} from '../domain/delivery/outbox-store.js';
import { deadReasonOf, THROTTLE_GIVE_UP_HOURS, THROTTLE_GIVE_UP_MS } from '../domain/delivery/reasons.js';
import { asDatabaseUnavailable } from '../db/errors.js';
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import { retryDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { sentRefFor } from './outbox.js';
import {
  DeliveryError,
  type OutgoingMessage,
  type Platform,
  type PlatformAdapter,
  type Recipient,
  type SendResult,
  type SentRef,
} from './port.js';
import { DeliveryPacer, type AppBucket } from './rate-pacer.js';

export interface OutboxWorkerOptions {
  db: Db;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  logger: Logger;
  maxAttempts: number;
  pollMs: number;
  /** How long a claim holds; LEASE_MS when absent. */
  leaseMs?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
  /** This process's name on the rows it claims; a random id when absent. */
  owner?: string;
  /** How the worker waits for a token; a test with a fake clock advances it here. */
  sleep?: (ms: number) => Promise<void>;
  /** Each platform's app-wide rate bucket: the database's, shared by every instance (the app wires
   *  databaseBucket); one in memory per worker when absent (tests of one worker, tools). */
  appBucket?: (platform: Platform) => AppBucket;
  /** Called after a row was dead-lettered (outside any transaction); awaited, and a failure is logged. */
  onDead?: (row: { id: number; platform: Platform; reason: string }) => void | Promise<void>;
}

type Outcome = 'sent' | 'retry' | 'rate_limited' | 'dead' | 'waiting' | 'superseded' | 'skipped';
/** Rows read per query; also how far ahead a batched send looks for people with the same message. */
const BATCH = 200;
/** An update waiting for its card's first delivery is looked at again after this long. */
const UPDATE_WAIT_MS = 500;
/** How long a claim holds. Far longer than any one call can take (Slack's WebClient times out after 10 s,
 *  DingTalk's fetch after 15 s; the Feishu SDK sets none, but a Feishu resend carries the same `uuid`), so a
 *  live process's claim never expires under it. */
export const LEASE_MS = 5 * 60_000;
/** The longest wait between rounds while they keep failing (the database away): each failure doubles it. */
const MAX_FAILED_ROUND_WAIT_MS = 30_000;

export class OutboxWorker {
  private readonly pacers = new Map<Platform, DeliveryPacer>();
  /** Row id → what to do for it once the database is back (doLeftovers). */
  private readonly leftovers = new Map<number, () => Promise<unknown>>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private running = false;
  private stopped = true;
  /** Set by stop(): finish the delivery in hand, take no more. */
  private halted = false;
  private pumping: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  /** Rounds failed in a row (the database away): the next one waits longer, and the log says so. */
  private failedRounds = 0;
  readonly owner: string;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? sleep;
    this.owner = o.owner ?? randomUUID();
    for (const [platform, adapter] of o.adapters)
      this.pacers.set(platform, new DeliveryPacer(adapter.limits, this.now, o.appBucket?.(platform)));
  }

  /** Rows left 'sending' by a process that died are retried (with their original idempotency key) once their
   *  lease has expired; rows claimed before leases existed (no expiry) count as expired. */
  async recoverInFlight(): Promise<number> {
    return await releaseExpiredClaims(this.o.db, this.now());
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.halted = false;
    const recovered = await this.recoverInFlight();
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
    this.pumping = this.pump().finally(async () => {
      this.running = false;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        // Reading the next due time fails too while the database is away: poll again rather than stop for good.
        const wait =
          this.failedRounds > 0 ? this.failedRoundWaitMs() : await this.nextWakeMs().catch(() => this.o.pollMs);
        this.timer = setTimeout(() => this.kick(), wait);
        this.timer.unref();
      }
    });
  }

  private async nextWakeMs(): Promise<number> {
    const at = await nextPendingAt(this.o.db);
    if (!at) return this.o.pollMs;
    return Math.max(10, Math.min(this.o.pollMs, Math.max(at - this.now(), this.pausedMs())));
  }

  /** The shortest pause a platform asked for (its Retry-After still running), 0 when one is not paused. */
  private pausedMs(): number {
    const paused = [...this.pacers.values()].map((p) => p.pausedMs());
    return paused.some((ms) => ms === 0) ? 0 : Math.min(...paused);
  }

  private async pump(): Promise<void> {
    try {
      // A process that died while sending leaves its rows to whoever is running when their lease expires.
      const recovered = await this.recoverInFlight();
      if (recovered > 0) this.o.logger.warn({ recovered }, 'outbox: retrying deliveries whose sender stopped');
      await Promise.all([...this.o.adapters.keys()].map((p) => this.drainPlatform(p)));
      this.failedRounds = 0;
    } catch (err) {
      this.failedRounds++;
      this.o.logger.error({ err, retryInMs: this.failedRoundWaitMs() }, 'outbox: worker loop failed');
    }
  }

  private failedRoundWaitMs(): number {
    return Math.min(this.o.pollMs * 2 ** (this.failedRounds - 1), MAX_FAILED_ROUND_WAIT_MS);
  }

  /** Deliver every due row of one platform, up to `limits.concurrency` at once, in id order per recipient;
   *  returns how many were attempted. */
  async drainPlatform(platform: Platform, opts: { ignoreBackoff?: boolean } = {}): Promise<number> {
    await this.doLeftovers();
    const pacer = this.pacers.get(platform)!;
    let attempted = 0;
    // After a rate limit, later rows of this platform would hit the same wall: stop this round.
    let stopped = false;
    // Also while the platform's Retry-After runs (a row throttled in another round paused it).
    const over = () => this.halted || stopped || (!opts.ignoreBackoff && pacer.pausedMs() > 0);
    const running = new Set<Promise<void>>();
    /** The last delivery started for each recipient: the next one of that recipient waits for it. */
    const last = new Map<string, Promise<void>>();
    for (;;) {
      let cursor = 0;
      let seen = 0;
      // Rows that went somewhere this pass (sent, retried, dead, superseded…). A pass where every row only waited
      // (an earlier row of the same person still out, an update waiting for its card) ends the round: passing
      // again at once would spin on the same rows without ever giving the event loop back.
      let progressed = 0;
      for (;;) {
        const due = await pendingPage(this.o.db, platform, {
          after: cursor,
          dueBy: opts.ignoreBackoff ? undefined : this.now(),
          limit: BATCH,
        });
        if (due.length === 0 || over()) break;
        /** Rows gone out in another row's batch. */
        const batched = new Set<number>();
        for (const [i, row] of due.entries()) {
          if (batched.has(row.id)) continue;
          while (running.size >= pacer.concurrency) await Promise.race(running);
          if (over()) break;
          cursor = row.id;
          seen++;
          const group = [row, ...this.companions(due, i, last)];
          for (const r of group) batched.add(r.id);
          const before = last.get(row.recipient);
          const task = (async () => {
            if (before) await before;
            if (over()) return;
            const outcomes =
              group.length > 1 ? await this.deliverBatch(group, pacer, over) : [await this.deliver(row, pacer, over)];
            for (const outcome of outcomes) {
              if (outcome !== 'skipped') attempted++;
              if (outcome !== 'skipped' && outcome !== 'waiting') progressed++;
              if (outcome === 'rate_limited' && !opts.ignoreBackoff) stopped = true;
            }
          })().finally(() => {
            running.delete(task);
            for (const r of group) if (last.get(r.recipient) === task) last.delete(r.recipient);
          });
          running.add(task);
          for (const r of group) last.set(r.recipient, task);
        }
      }
      await Promise.all(running);
      if (seen === 0 || progressed === 0 || over()) return attempted;
    }
  }

  /** Rows later in this page that can go out in one call with `due[i]` (adapter.sendBatch): a send of the
   *  same message to another person with nothing of theirs in flight and no earlier row of theirs left
   *  behind in this page (so each person's rows stay in order). */
  private companions(due: Row[], i: number, busy: ReadonlyMap<string, unknown>): Row[] {
    const row = due[i]!;
    const adapter = this.o.adapters.get(row.platform)!;
    const max = adapter.limits.maxBatch ?? 1;
    if (max < 2 || !adapter.sendBatch || row.op !== 'send' || !toUser(row)) return [];
    if (!adapter.canBatch?.(JSON.parse(row.message) as OutgoingMessage)) return [];
    const out: Row[] = [];
    const seen = new Set([row.recipient]);
    for (const r of due.slice(i + 1)) {
      if (out.length + 1 >= max) break;
      const fits =
        !seen.has(r.recipient) && !busy.has(r.recipient) && r.op === 'send' && r.message === row.message && toUser(r);
      seen.add(r.recipient);
      if (fits) out.push(r);
    }
    return out;
  }

  /** One call for several people with the same message; each row is claimed, settled and retried as its own. */
  private async deliverBatch(rows: Row[], pacer: DeliveryPacer, over: () => boolean): Promise<Outcome[]> {
    const db = this.o.db;
    const adapter = this.o.adapters.get(rows[0]!.platform)!;
    const claimed: Row[] = [];
    for (const row of rows) {
      const ok = await claimRow(db, row.id, {
        attempts: row.attempts + 1,
        owner: this.owner,
        leaseUntil: this.now() + (this.o.leaseMs ?? LEASE_MS),
        now: this.now(),
      });
      if (ok) claimed.push(row);
    }
    if (claimed.length === 0) return rows.map(() => 'waiting');
    if (!(await this.take(pacer, claimed, over))) {
      for (const row of claimed) await releaseClaim(db, row.id, row.attempts);
      return claimed.map(() => 'skipped');
    }
    const message = JSON.parse(claimed[0]!.message) as OutgoingMessage;
    const to = claimed.map((row) => JSON.parse(row.recipient) as Recipient);
    let results;
    try {
      results = await adapter.sendBatch!(
        to,
        message,
        claimed.map((row) => ({ idempotencyKey: row.idempotencyKey, attempt: row.attempts + 1 })),
      );
    } catch (err) {
      const outcomes: Outcome[] = [];
      for (const row of claimed)
        outcomes.push(
          await this.unlessAway(
            row.id,
            () => this.failed(row, row.attempts + 1, err, pacer),
            () => releaseClaim(db, row.id, row.attempts),
          ),
        );
      return outcomes;
    }
    pacer.succeeded();
    const outcomes: Outcome[] = [];
    for (const [i, row] of claimed.entries()) {
      const r = results[i] ?? {
        ok: false as const,
        error: new DeliveryError('no answer for this recipient in the batch', 'transient'),
      };
      if (!r.ok) {
        outcomes.push(await this.failed(row, row.attempts + 1, r.error, pacer));
        continue;
      }
      outcomes.push(await this.recorded(row, row.attempts + 1, () => this.settleSent(row, r.ref), pacer));
    }
    return outcomes;
  }

  private async deliver(row: Row, pacer: DeliveryPacer, over: () => boolean): Promise<Outcome> {
    const db = this.o.db;
    const adapter = this.o.adapters.get(row.platform)!;
    const recipient = JSON.parse(row.recipient) as Recipient;
    const message = JSON.parse(row.message) as OutgoingMessage;

    let ref: SentRef | undefined;
    if (row.op === 'update') {
      // Only the latest view of a card matters: an older pending update is dropped, not sent.
      const newer = await newerPendingUpdate(db, row);
      if (newer !== undefined) {
        await supersedeRow(db, row.id, newer);
        return 'superseded';
      }
      const target = await sentRefFor(db, row.platform, row.cardKey ?? '', recipient);
      if (target.state === 'pending') {
        await postponeRow(db, row.id, this.now() + UPDATE_WAIT_MS);
        return 'waiting';
      }
      if (target.state === 'missing') {
        await markNoCard(db, row.id);
        await this.notifyDead({ id: row.id, platform: row.platform, reason: 'no_card' });
        return 'dead';
      }
      ref = target.ref;
    }

    // The attempt is counted before the call (a crash mid-call must still count); a throttled answer gives
    // it back below.
    const attempts = row.attempts + 1;
    if (
      !(await claimRow(db, row.id, {
        attempts,
        owner: this.owner,
        leaseUntil: this.now() + (this.o.leaseMs ?? LEASE_MS),
        now: this.now(),
      }))
    )
      return 'waiting';
    // A token only for a call that will really be made (not for a row another loop claimed, nor an update
    // still waiting for its card).
    if (!(await this.take(pacer, [row], over))) {
      // Throttled (or stopping) while this row waited for its token: give the claim and the attempt back.
      await releaseClaim(db, row.id, row.attempts);
      return 'skipped';
    }

    let record: () => Promise<void>;
    try {
      if (row.op === 'send') {
        const sent = await adapter.send(recipient, message, { idempotencyKey: row.idempotencyKey, attempt: attempts });
        record = () => this.settleSent(row, sent);
      } else {
        await adapter.update(ref!, message);
        record = () =>
          markSent(db, row.id, { sentRef: JSON.stringify(ref), sentAt: new Date(this.now()).toISOString() });
      }
    } catch (err) {
      return await this.unlessAway(
        row.id,
        () => this.failed(row, attempts, err, pacer),
        () => releaseClaim(db, row.id, row.attempts),
      );
    }
    const outcome = await this.recorded(row, attempts, record, pacer);
    if (outcome === 'sent') pacer.succeeded();
    return outcome;
  }

  /** Record a delivery the platform took. The database away: kept for when it is back (the round fails);
   *  any other error: handled as a failed delivery, as it always was. */
  private async recorded(
    row: Row,
    attempts: number,
    record: () => Promise<void>,
    pacer: DeliveryPacer,
  ): Promise<Outcome> {
    try {
      await this.unlessAway(row.id, record);
      return 'sent';
    } catch (err) {
      if (asDatabaseUnavailable(err)) throw err;
      return this.failed(row, attempts, err, pacer);
    }
  }

  /** Run `write`. When the database is away, keep `redo` (`write` itself unless given) for when it is back,
   *  and fail the round: the row stays claimed meanwhile, and no other loop of this process takes it. */
  private async unlessAway<T>(id: number, write: () => Promise<T>, redo: () => Promise<unknown> = write): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (asDatabaseUnavailable(err)) this.leftovers.set(id, redo);
      throw err;
    }
  }

  /** What the database refused while it was away, done first when it is back: a delivery made but not recorded
   *  is recorded (not left 'sending' until its lease runs out, then sent again), and a claim whose failure could
   *  not be recorded is given back to be tried again. */
  private async doLeftovers(): Promise<void> {
    for (const [id, redo] of this.leftovers) {
      try {
        await redo();
      } catch (err) {
        if (asDatabaseUnavailable(err)) throw err;
        this.o.logger.error({ err, id }, 'outbox: could not record a delivery once the database was back');
      }
      this.leftovers.delete(id);
    }
  }

  /** A token for claimed rows (the first one's recipient). The shared bucket is a database statement: when it
   *  fails (the database went away), the claims are given back if the database lets us, rather than held
   *  until their lease runs out; if it does not, the lease's expiry frees them as after a crash. */
  private async take(pacer: DeliveryPacer, claimed: readonly Row[], over: () => boolean): Promise<boolean> {
    try {
      return await pacer.take(claimed[0]!.recipient, this.sleep, over);
    } catch (err) {
      for (const row of claimed) await releaseClaim(this.o.db, row.id, row.attempts).catch(() => undefined);
      throw err;
    }
  }

  /** Sent: keep the ref for later updates, and queue what did not fit in the message (its continuations) as
   *  sends of their own to the same recipient, in the same transaction — a crash before it re-sends this row
   *  (the platforms' idempotency covers that) and queues them then, never twice. */
  private async settleSent(row: Row, sent: SendResult): Promise<void> {
    const db = this.o.db;
    const { continuations, ...ref } = sent;
    // Nothing more to queue (nearly always): one statement, atomic on its own, without a unit of work's
    // BEGIN/COMMIT and its wait for the connection (issue 22: once per message sent).
    if (!continuations?.length) {
      await markSent(db, row.id, { sentRef: JSON.stringify(ref), sentAt: new Date(this.now()).toISOString() });
      return;
    }
    await unitOfWork(db, async (tx) => {
      await markSent(tx, row.id, { sentRef: JSON.stringify(ref), sentAt: new Date(this.now()).toISOString() });
      await queueContinuations(
        tx,
        row,
        (continuations ?? []).map((m) => JSON.stringify(m)),
        this.now(),
      );
    });
  }

  /** A call that did not deliver: wait out throttling (attempt given back), retry, or dead-letter. */
  private async failed(row: Row, attempts: number, err: unknown, pacer: DeliveryPacer): Promise<Outcome> {
    const db = this.o.db;
    const e =
      err instanceof DeliveryError
        ? err
        : new DeliveryError(err instanceof Error ? err.message : String(err), 'transient');
    const lastError = `${e.kind}: ${e.message}`;
    if (e.kind === 'rate_limited') {
      // Throttling is the platform pacing us, not a failure: the attempt is given back and the row waits
      // as told — unless it has been throttled without a break for longer than anyone should wait.
      const since = row.throttledSince ?? this.now();
      const throttled = { attempts: row.attempts, throttled: row.throttled + 1, throttledSince: since };
      await pacer.throttled(e.retryAfterMs);
      if (this.now() - since >= THROTTLE_GIVE_UP_MS) {
        const reason = deadReasonOf('rate_limited', e.message);
        await markDead(db, row.id, {
          lastError: `${lastError} (throttled for ${THROTTLE_GIVE_UP_HOURS} h)`,
          deadReason: reason,
          throttling: throttled,
        });
        this.o.logger.error(
          { outboxId: row.id, platform: row.platform, throttled: throttled.throttled },
          'outbox: throttled for too long (dead letter)',
        );
        await this.notifyDead({ id: row.id, platform: row.platform, reason });
        return 'dead';
      }
      const delay = retryDelayMs(throttled.throttled, e.retryAfterMs, this.o.backoff ?? DEFAULT_BACKOFF, this.o.random);
      await retryRowAt(db, row.id, { at: this.now() + delay, lastError, throttling: throttled });
      this.o.logger.warn(
        { outboxId: row.id, platform: row.platform, throttled: throttled.throttled, retryInMs: delay },
        'outbox: throttled, will wait and retry',
      );
      return 'rate_limited';
    }
    const log = { outboxId: row.id, platform: row.platform, attempts, kind: e.kind, error: e.message };
    if (e.kind === 'permanent' || attempts >= this.o.maxAttempts) {
      const reason = deadReasonOf(e.kind, e.message);
      await markDead(db, row.id, { lastError, deadReason: reason });
      this.o.logger.error(log, 'outbox: delivery failed for good (dead letter)');
      await this.notifyDead({ id: row.id, platform: row.platform, reason });
      return 'dead';
    }
    const delay = retryDelayMs(attempts, e.retryAfterMs, this.o.backoff ?? DEFAULT_BACKOFF, this.o.random);
    await retryRowAt(db, row.id, { at: this.now() + delay, lastError });
    this.o.logger.warn({ ...log, retryInMs: delay }, 'outbox: delivery failed, will retry');
    return 'retry';
  }

  /** Tell `onDead` (the HR alert) about a dead-lettered row. The row is already settled, so a failing alert
   *  is logged rather than allowed to abort the delivery round. */
  private async notifyDead(row: { id: number; platform: Platform; reason: string }): Promise<void> {
    if (!this.o.onDead) return;
    try {
      await this.o.onDead(row);
    } catch (err) {
      this.o.logger.error({ err, outboxId: row.id, platform: row.platform }, 'outbox: dead-letter alert failed');
    }
  }

  /** For tests and shutdown: deliver until nothing is pending (waiting out backoff), or time runs out. */
  async drainUntilIdle(opts: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = this.now() + (opts.timeoutMs ?? 15_000);
    for (;;) {
      for (const p of this.o.adapters.keys()) await this.drainPlatform(p);
      const next = await nextPendingAt(this.o.db);
      // A row another loop (the running worker) is sending right now is not done yet either.
      const inFlight = await anySending(this.o.db);
      if (!next && !inFlight) return;
      if (this.now() >= deadline) throw new Error('outbox: still pending after drain timeout');
      const due = next ? Math.max(next - this.now(), this.pausedMs()) : 5;
      await sleep(Math.max(5, Math.min(due, deadline - this.now())));
    }
  }
}

const toUser = (row: Row) => (JSON.parse(row.recipient) as Recipient).kind === 'user';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
