// The platforms' rate limits, for the emulators to enforce when a test or the bench switches them on: named
// token buckets (app-wide, per channel / user) that refuse a call without a token, plus an injectable
// window during which every limited call is refused (a burst of 429s mid-way). Independent of the outbox's
// own pacing code on purpose, so a mistake there is not mirrored here.

export interface EmuRate {
  ratePerSecond: number;
  burst: number;
}

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly spec: EmuRate,
    private readonly now: () => number,
  ) {
    this.tokens = spec.burst;
    this.last = now();
  }
  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((t - this.last) / 1000) * this.spec.ratePerSecond);
    this.last = t;
  }
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.spec.ratePerSecond) * 1000);
  }
  take(): void {
    this.tokens -= 1;
  }
}

export type Admission = { ok: true } | { ok: false; rule: string; retryAfterMs: number };

export class EmulatedRateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private closedUntil = 0;
  /** Calls refused, per rule ('closed' for the injected window). */
  readonly refused = new Map<string, number>();
  admitted = 0;

  constructor(
    private readonly rules: Record<string, EmuRate>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuse every limited call for the next `ms` (as a platform does when it sheds load). */
  closeFor(ms: number): void {
    this.closedUntil = this.now() + ms;
  }

  private refuseCalls = 0;
  private refuseWaitMs = 0;
  /** Refuse the next `calls` limited calls, whenever they come, saying to wait `waitMs` — the same burst of
   *  refusals as closeFor, but certain to be met however slowly a loaded machine makes the calls. */
  refuseNext(calls: number, waitMs: number): void {
    this.refuseCalls = calls;
    this.refuseWaitMs = waitMs;
  }

  /** One call that counts against each named rule (keyed, e.g. by channel); takes a token from each, or
   *  none and refuses when any is empty. */
  admit(keys: Record<string, string>): Admission {
    const t = this.now();
    if (t < this.closedUntil) return this.refuse('closed', this.closedUntil - t);
    if (this.refuseCalls > 0) {
      this.refuseCalls--;
      return this.refuse('closed', this.refuseWaitMs);
    }
    const bs = Object.entries(keys).map(([rule, key]) => {
      const spec = this.rules[rule];
      if (!spec) throw new Error(`no rate rule ${rule}`);
      const id = `${rule}\u0000${key}`;
      let b = this.buckets.get(id);
      if (!b) this.buckets.set(id, (b = new Bucket(spec, this.now)));
      return [rule, b] as const;
    });
    for (const [rule, b] of bs) {
      const wait = b.waitMs();
      if (wait > 0) return this.refuse(rule, wait);
    }
    for (const [, b] of bs) b.take();
    this.admitted++;
    return { ok: true };
  }

  refusedTotal(): number {
    return [...this.refused.values()].reduce((a, b) => a + b, 0);
  }

  private refuse(rule: string, retryAfterMs: number): Admission {
    this.refused.set(rule, (this.refused.get(rule) ?? 0) + 1);
    return { ok: false, rule, retryAfterMs };
  }
}
