// Slack publishes no workspace-wide cap: the outbox starts at SLACK_RATE_PER_SECOND, halves on a 429 and
// probes back up (+10% per 25 successes by default; 50 here), never above the setting.
import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../../src/bot/rate-adaptive.js';
import { DeliveryPacer } from '../../src/bot/rate-pacer.js';

describe('AdaptiveRate', () => {
  it('halves on a throttled answer, once per window however many calls in flight were throttled', () => {
    let now = 0;
    const r = new AdaptiveRate({ ceiling: 20 }, () => now);
    expect(r.rate).toBe(20);
    expect(r.throttled()).toBe(10);
    now += 200;
    expect(r.throttled()).toBe(10);
    now += 1000;
    expect(r.throttled()).toBe(5);
  });

  it('probes back up by 10% after every run of successes (50 here), up to the setting and no further', () => {
    const r = new AdaptiveRate({ ceiling: 20, successesPerStep: 50 }, () => 0);
    r.throttled();
    for (let i = 0; i < 49; i++) expect(r.succeeded()).toBe(10);
    expect(r.succeeded()).toBeCloseTo(11);
    for (let i = 0; i < 50; i++) r.succeeded();
    expect(r.rate).toBeCloseTo(12.1);
    for (let i = 0; i < 50 * 20; i++) r.succeeded();
    expect(r.rate).toBe(20);
  });

  it('a throttled answer restarts the count of successes; the rate never falls below the floor', () => {
    const r = new AdaptiveRate({ ceiling: 8, floor: 2, cutCooldownMs: 0, successesPerStep: 50 }, () => 0);
    r.throttled();
    for (let i = 0; i < 49; i++) r.succeeded();
    r.throttled();
    expect(r.rate).toBe(2);
    for (let i = 0; i < 49; i++) r.succeeded();
    expect(r.rate).toBe(2);
    for (let i = 0; i < 10; i++) r.throttled();
    expect(r.rate).toBe(2);
  });
});

describe('DeliveryPacer', () => {
  it('an adaptive platform paces at the cut rate after a 429, and a fixed one keeps its rate', async () => {
    const now = { adaptive: 0, fixed: 0 };
    const adaptive = new DeliveryPacer({ ratePerSecond: 20, burst: 1, adaptive: true }, () => now.adaptive);
    const fixed = new DeliveryPacer({ ratePerSecond: 20, burst: 1 }, () => now.fixed);
    await adaptive.throttled();
    await fixed.throttled();
    expect(adaptive.rate).toBe(10);
    expect(fixed.rate).toBe(20);
    // The next token comes 1/10 s later on the adaptive platform, 1/20 s on the fixed one.
    const waits: number[] = [];
    const sleepOn = (clock: 'adaptive' | 'fixed') => async (ms: number) => {
      waits.push(ms);
      now[clock] += ms;
    };
    await adaptive.take('u1', sleepOn('adaptive'));
    await fixed.take('u1', sleepOn('fixed'));
    expect(waits).toEqual([100, 50]);
  });
});
