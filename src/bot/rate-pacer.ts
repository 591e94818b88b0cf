// Paces one platform's deliveries by its DeliveryLimits: every call takes a token from the app-wide bucket
// and, where the platform limits per recipient (a Slack channel, a Feishu user or chat), from that
// recipient's bucket too. Where the platform does not publish its app-wide cap, the app-wide rate adapts to
// throttled answers (AdaptiveRate). Pure apart from the injected clock and sleep.
import type { DeliveryLimits } from './port.js';
import { AdaptiveRate } from './rate-adaptive.js';
import { TokenBucket } from './token-bucket.js';

/** Recipient buckets are forgotten once full again (they would say the same as a new one), past this many. */
const PRUNE_ABOVE = 1000;

export class DeliveryPacer {
  private readonly global: TokenBucket;
  private readonly recipients = new Map<string, TokenBucket>();
  private readonly adaptive: AdaptiveRate | undefined;
  private pausedUntil = 0;
  readonly concurrency: number;

  constructor(
    private readonly limits: DeliveryLimits,
    private readonly now: () => number,
  ) {
    this.global = new TokenBucket(limits.ratePerSecond, limits.burst, now);
    this.adaptive = limits.adaptive ? new AdaptiveRate({ ceiling: limits.ratePerSecond }, now) : undefined;
    this.concurrency = Math.max(1, Math.floor(limits.concurrency ?? 1));
  }

  /** The app-wide rate in use now (below the limit after throttling when adaptive). */
  get rate(): number {
    return this.global.rate;
  }

  /** Wait until both the app-wide and the recipient's bucket have a token, then take one from each. Both
   *  are taken in the same tick, so a wait on one never spends the other's token. False, with no token
   *  taken, when `cancelled` says so first (the round was throttled while this call waited). */
  async take(
    recipientKey: string,
    sleep: (ms: number) => Promise<void>,
    cancelled: () => boolean = () => false,
  ): Promise<boolean> {
    const own = this.recipientBucket(recipientKey);
    for (;;) {
      if (cancelled()) return false;
      const wait = Math.max(this.global.waitMs(), own?.waitMs() ?? 0);
      if (wait === 0) {
        this.global.tryTake();
        own?.tryTake();
        return true;
      }
      await sleep(wait);
    }
  }

  /** A throttled answer: an adaptive rate is cut; when the platform said how long to wait, no call of this
   *  platform goes out before then (every call in that window would be refused too), after which its
   *  window has reopened; without a wait, the platform's bucket is empty, so ours is emptied too. */
  throttled(retryAfterMs?: number): void {
    if (this.adaptive) this.global.setRate(this.adaptive.throttled());
    if (retryAfterMs) this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
    else this.global.drain();
  }

  /** How long the platform asked us to hold off (0: not paused). */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** A call went through: an adaptive rate probes back up. */
  succeeded(): void {
    if (this.adaptive) this.global.setRate(this.adaptive.succeeded());
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
