// The last complete walk of a platform's member list, reused for a few minutes when it finds everyone asked:
// the core asks in chunks, and one survey launch should cost one walk, not one per chunk. Anyone it does
// not find means a fresh walk — they may have joined since. Used by the adapters' findUsers.
export class RecentWalk<T> {
  private last?: { at: number; value: T };
  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(): T | undefined {
    return this.last && this.now() - this.last.at < this.ttlMs ? this.last.value : undefined;
  }

  set(value: T): void {
    this.last = { at: this.now(), value };
  }
}
