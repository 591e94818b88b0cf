// A bound on the inbound events being worked on at once, for platforms whose answer (the ack) goes back before
// the work is done: Slack's commands and button presses, DingTalk's stream callbacks. Without it, an ack
// frees the platform to send the next event at once, so a burst larger than the database can take piles up
// as work in flight without end — memory grows, and on PostgreSQL presses already acked wait past the pool's
// timeout and fail. With it, the ack waits for a free place (first come, first served); an event that gets
// none within `maxWaitMs` — still inside the platform's 3-second window — is refused, and the adapter tells
// the person that nothing was done, instead of acking work it then loses.

/** Gives the place back; calling it again does nothing. */
export type Release = () => void;

export interface AdmissionOptions {
  /** Events worked on at once. */
  limit: number;
  /** How long an event may wait for a place before it is refused. */
  maxWaitMs: number;
}

interface Waiter {
  grant: (release: Release) => void;
  timer: NodeJS.Timeout;
}

export class Admission {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private refusedCount = 0;

  constructor(private readonly opts: AdmissionOptions) {}

  /** A place (its release), or undefined when none came free in time. */
  enter(): Promise<Release | undefined> {
    if (this.active < this.opts.limit && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.refusedCount++;
          resolve(undefined);
        }, this.opts.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Run `work` in a place taken with `enter()`, or answer `refused` when none came free in time. */
  async run<T>(work: () => Promise<T>, refused: () => Promise<T>): Promise<T> {
    const release = await this.enter();
    if (!release) return await refused();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Events being worked on, waiting, and refused since the start. */
  get stats(): { active: number; waiting: number; refused: number } {
    return { active: this.active, waiting: this.waiting.length, refused: this.refusedCount };
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (!next) {
        this.active--;
        return;
      }
      // The place passes straight to the next in line: `active` stays the same.
      clearTimeout(next.timer);
      next.grant(this.releaser());
    };
  }
}
