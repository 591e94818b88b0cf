import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/bot/token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then one token per 1/rate seconds', () => {
    let now = 0;
    const b = new TokenBucket(2, 3, () => now);
    expect([b.tryTake(), b.tryTake(), b.tryTake()].every((r) => r.ok)).toBe(true);
    const denied = b.tryTake();
    expect(denied).toEqual({ ok: false, waitMs: 500 });
    now += 499;
    expect(b.tryTake().ok).toBe(false);
    now += 1;
    expect(b.tryTake().ok).toBe(true);
  });

  it('never holds more than the burst, however long it idles', () => {
    let now = 0;
    const b = new TokenBucket(10, 2, () => now);
    now += 60_000;
    expect(b.tryTake().ok).toBe(true);
    expect(b.tryTake().ok).toBe(true);
    expect(b.tryTake().ok).toBe(false);
  });

  it('empties after a platform 429 so the next sends wait too', () => {
    const now = 0;
    const b = new TokenBucket(1, 5, () => now);
    b.drain();
    expect(b.tryTake()).toEqual({ ok: false, waitMs: 1000 });
  });

  it('rejects a nonsensical configuration', () => {
    expect(() => new TokenBucket(0, 1)).toThrow();
    expect(() => new TokenBucket(1, 0)).toThrow();
  });
});
