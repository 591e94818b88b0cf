// A token bucket per platform API limit: `ratePerSecond` tokens refill continuously up to `burst`.
// Pure apart from the injected clock, so it is tested without sleeping.
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (ratePerSecond <= 0 || burst < 1) throw new Error('TokenBucket needs ratePerSecond > 0 and burst >= 1');
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  /** Take a token if one is there; otherwise say how long until one will be. */
  tryTake(): { ok: true } | { ok: false; waitMs: number } {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000) };
  }

  /** How long until a token is there (0: now), without taking it. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Whether the bucket is full again (it can be forgotten and rebuilt without changing anything). */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  /** A new refill rate from now on (an adaptive cap after a 429, or probing back up). */
  setRate(ratePerSecond: number): void {
    if (ratePerSecond <= 0) throw new Error('TokenBucket needs ratePerSecond > 0');
    this.refill();
    this.ratePerSecond = ratePerSecond;
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** After a 429 the platform's own bucket is empty: empty ours too so the next sends wait as well. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}
