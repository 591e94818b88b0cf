// A rate for a platform that does not publish its cap (Slack's workspace-wide limit on chat.postMessage):
// start at the configured ceiling, halve on a throttled answer, then probe back up by a step after every
// run of successes (+10% per 25: back to the ceiling after ~180 calls, a few seconds at 20/s, so a passing
// burst of 429s costs little, while a real lower cap is found again within seconds), never above the
// ceiling nor below the floor. Pure apart from the injected clock.

export interface AdaptiveRateOptions {
  /** The configured rate, never exceeded (SLACK_RATE_PER_SECOND). */
  ceiling: number;
  /** Never below this, so a long run of 429s still lets something through once the platform reopens. */
  floor?: number;
  /** Grow by this factor (1.1 = +10%) … */
  step?: number;
  /** … after this many successes in a row at the current rate. */
  successesPerStep?: number;
  /** Several calls in flight are throttled by the same wall: cut once per this window, not once per answer. */
  cutCooldownMs?: number;
}

export class AdaptiveRate {
  private current: number;
  private successes = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  private readonly floor: number;
  private readonly step: number;
  private readonly perStep: number;
  private readonly cooldown: number;

  constructor(
    private readonly o: AdaptiveRateOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (o.ceiling <= 0) throw new Error('AdaptiveRate needs ceiling > 0');
    this.floor = Math.min(o.floor ?? 1, o.ceiling);
    this.step = o.step ?? 1.1;
    this.perStep = o.successesPerStep ?? 25;
    this.cooldown = o.cutCooldownMs ?? 1000;
    this.current = o.ceiling;
  }

  get rate(): number {
    return this.current;
  }

  /** A throttled answer: halve (once per cooldown window). Returns the rate to use now. */
  throttled(): number {
    const t = this.now();
    this.successes = 0;
    if (t - this.lastCut < this.cooldown) return this.current;
    this.lastCut = t;
    this.current = Math.max(this.floor, this.current / 2);
    return this.current;
  }

  /** A call went through: after enough in a row, probe one step up. Returns the rate to use now. */
  succeeded(): number {
    if (this.current >= this.o.ceiling) return this.current;
    if (++this.successes >= this.perStep) {
      this.successes = 0;
      this.current = Math.min(this.o.ceiling, this.current * this.step);
    }
    return this.current;
  }
}
