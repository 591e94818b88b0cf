import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/bot/port.js';
import { retryWhenThrottled } from '../../src/bot/throttle-retry.js';

const throttled = (ms?: number) => new DeliveryError('ratelimited', 'rate_limited', ms);

describe('retryWhenThrottled', () => {
  it('waits each Retry-After and tries again until the call goes through', async () => {
    const waits: number[] = [];
    let calls = 0;
    const r = await retryWhenThrottled(async () => (++calls < 3 ? Promise.reject(throttled(calls * 500)) : 'drawn'), {
      sleep: async (ms) => void waits.push(ms),
    });
    expect([r, calls, waits]).toEqual(['drawn', 3, [500, 1000]]);
  });
  it('gives up after the bound, and never retries a real failure or an over-long wait', async () => {
    let calls = 0;
    const sleep = async () => undefined;
    await expect(retryWhenThrottled(async () => Promise.reject(throttled(100 + calls++)), { sleep })).rejects.toThrow(
      'ratelimited',
    );
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryWhenThrottled(
        async () => {
          calls++;
          throw new DeliveryError('bad', 'permanent');
        },
        { sleep },
      ),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
    await expect(
      retryWhenThrottled(
        async () => {
          calls++;
          throw throttled(60_000);
        },
        { sleep },
      ),
    ).rejects.toThrow('ratelimited');
    expect(calls).toBe(2);
  });
});
