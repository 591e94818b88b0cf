// Paces one platform's deliveries by its DeliveryLimits: every call takes a token from the app-wide bucket
// and, where the platform limits per recipient (a Slack channel, a Feishu user or chat), from that
// recipient's bucket too. Where the platform does not publish its app-wide cap, the app-wide rate adapts to
// throttled answers (AdaptiveRate). Pure apart from the injected clock, sleep and app-wide bucket.
//
// The app-wide bucket is the platform's, so with several instances it must be one bucket for all of them:
// the app wires the database's (src/domain/delivery/rate-buckets.ts), which also carries a throttled answer's
// pause to every instance; alone (tests, tools) a LocalBucket in memory does. An adaptive rate stays this
// process's guess, but whatever it is, the process takes from the shared bucket, refilled at that rate at
// most — never above the configured cap — so the instances together never exceed it.
// Recipient buckets stay in memory. A recipient's deliveries go out one at a time and in order across
// instances too (claimRow refuses a person's row while an earlier one is being sent or due), so two instances
// never send to one person at once; what stays per process is the spacing: after one instance sent to a person,
// another may send that person's next message without the per-recipient wait. A person's messages are a
// handful a day, and the per-recipient limits allow short bursts (Slack: 1/s per channel, "short bursts
// allowed"); the app-wide bucket, which a fan-out to thousands does hit, is the shared one.
import type { BucketSpec, TakeResult } from '../domain/delivery/rate-buckets.js';
import type { DeliveryLimits } from './port.js';
import { AdaptiveRate } from './rate-adaptive.js';
import { TokenBucket } from './token-bucket.js';

/** Recipient buckets are forgotten once full again (they would say the same as a new one), past this many. */
const PRUNE_ABOVE = 1000;

/** The app-wide bucket of one platform, in memory or shared through the database. */
export interface AppBucket {
  /** Take a token (refilled at `spec` since last time); otherwise how long until one may be there, none
   *  taken. `pausedMs`: how much longer the platform asked every instance to hold off (0: not paused). */
  take(spec: BucketSpec): Promise<TakeResult>;
  /** A throttled answer: pause for `retryAfterMs`, or (no Retry-After) empty the bucket. */
  throttled(spec: BucketSpec, retryAfterMs: number | undefined): Promise<void>;
}

/** One process's app-wide bucket, in memory. Its changes are made before it returns a promise. */
export class LocalBucket implements AppBucket {
  private bucket: TokenBucket | undefined;
  private pausedUntil = 0;

  constructor(private readonly now: () => number) {}

  private of(spec: BucketSpec): TokenBucket {
    this.bucket ??= new TokenBucket(spec.ratePerSecond, spec.burst, this.now);
    if (this.bucket.rate !== spec.ratePerSecond) this.bucket.setRate(spec.ratePerSecond);
    return this.bucket;
  }

  take(spec: BucketSpec): Promise<TakeResult> {
    const paused = Math.max(0, this.pausedUntil - this.now());
    if (paused > 0) return Promise.resolve({ waitMs: paused, pausedMs: paused });
    const r = this.of(spec).tryTake();
    return Promise.resolve({ waitMs: r.ok ? 0 : r.waitMs, pausedMs: 0 });
  }

  throttled(spec: BucketSpec, retryAfterMs: number | undefined): Promise<void> {
    if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
    else this.of(spec).drain();
    return Promise.resolve();
  }
}

export class DeliveryPacer {
  private readonly recipients = new Map<string, TokenBucket>();
  private readonly adaptive: AdaptiveRate | undefined;
  private readonly bucket: AppBucket;
  /** The latest pause this process knows of (its own throttled answers, or one another instance's take
   *  reported): read synchronously by the worker to stop a round. */
  private pausedUntil = 0;
  readonly concurrency: number;

  constructor(
    private readonly limits: DeliveryLimits,
    private readonly now: () => number,
    bucket?: AppBucket,
  ) {
    this.bucket = bucket ?? new LocalBucket(now);
    this.adaptive = limits.adaptive ? new AdaptiveRate({ ceiling: limits.ratePerSecond }, now) : undefined;
    this.concurrency = Math.max(1, Math.floor(limits.concurrency ?? 1));
  }

  /** The app-wide rate in use now (below the limit after throttling when adaptive). */
  get rate(): number {
    return this.adaptive?.rate ?? this.limits.ratePerSecond;
  }

  private get spec(): BucketSpec {
    return { ratePerSecond: this.rate, burst: this.limits.burst };
  }

  /** Wait until both the app-wide and the recipient's bucket have a token, then take one from each. The
   *  recipient's is looked at first and taken only once the app-wide one was, so a wait on one never spends
   *  the other's token. False, with no token taken, when `cancelled` says so first (the round was throttled
   *  while this call waited). */
  async take(
    recipientKey: string,
    sleep: (ms: number) => Promise<void>,
    cancelled: () => boolean = () => false,
  ): Promise<boolean> {
    const own = this.recipientBucket(recipientKey);
    for (;;) {
      if (cancelled()) return false;
      const ownWait = own?.waitMs() ?? 0;
      if (ownWait > 0) {
        await sleep(ownWait);
        continue;
      }
      const r = await this.bucket.take(this.spec);
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + r.pausedMs);
      if (r.waitMs === 0) {
        // The recipient's deliveries are one at a time (the worker chains them): its token is still there.
        own?.tryTake();
        return true;
      }
      await sleep(r.waitMs);
    }
  }

  /** A throttled answer: an adaptive rate is cut; when the platform said how long to wait, no call of this
   *  platform goes out before then, from any instance (every call in that window would be refused too), after
   *  which its window has reopened; without a wait, the platform's bucket is empty, so ours is emptied too. */
  async throttled(retryAfterMs?: number): Promise<void> {
    this.adaptive?.throttled();
    if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
    await this.bucket.throttled(this.spec, retryAfterMs);
  }

  /** How long the platform asked us to hold off (0: not paused). */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** A call went through: an adaptive rate probes back up. */
  succeeded(): void {
    this.adaptive?.succeeded();
  }

  private recipientBucket(key: string): TokenBucket | undefined {
    const spec = this.limits.perRecipient;
    if (!spec) return undefined;
    let b = this.recipients.get(key);
    if (!b) {
      if (this.recipients.size >= PRUNE_ABOVE)
        for (const [k, v] of this.recipients) if (v.isFull()) this.recipients.delete(k);
      b = new TokenBucket(spec.ratePerSecond, spec.burst, this.now);
      this.recipients.set(key, b);
    }
    return b;
  }
}
