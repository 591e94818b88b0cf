import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/bot/backoff.js';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, between half and all of the exponential step', () => {
    expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, undefined, policy, () => 1)).toBe(4000);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, undefined, policy, () => 1)).toBe(60_000);
  });

  it('waits exactly as long as Retry-After says', () => {
    expect(retryDelayMs(1, 7000, policy, () => 0)).toBe(7000);
    expect(retryDelayMs(5, 250, policy, () => 1)).toBe(250);
  });
});
