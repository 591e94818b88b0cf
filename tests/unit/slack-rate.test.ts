// Slack's outbox pacing: 1 message a second into each channel (Slack's documented chat.postMessage limit) unless
// SLACK_RATE_PER_CHANNEL says otherwise (only the press bench raises it, against its emulator).
import { describe, expect, it } from 'vitest';
import { slackRate } from '../../adapters/slack/limits.js';
import { envSchema } from '../../src/config.js';

describe('slackRate', () => {
  it('paces each channel at 1/s with a burst of 3 by default, under the workspace cap', () => {
    const limits = slackRate(20);
    expect(limits.perRecipient).toEqual({ ratePerSecond: 1, burst: 3 });
    expect(limits.ratePerSecond).toBe(20);
    expect(envSchema.parse({}).SLACK_RATE_PER_CHANNEL).toBe(1);
  });
  it('takes a raised per-channel rate, its burst at least the rate', () => {
    expect(slackRate(1000, 1000).perRecipient).toEqual({ ratePerSecond: 1000, burst: 1000 });
    expect(envSchema.parse({ SLACK_RATE_PER_CHANNEL: '50' }).SLACK_RATE_PER_CHANNEL).toBe(50);
  });
  it('refuses a per-channel rate of 0 or a word', () => {
    expect(envSchema.safeParse({ SLACK_RATE_PER_CHANNEL: '0' }).success).toBe(false);
    expect(envSchema.safeParse({ SLACK_RATE_PER_CHANNEL: 'fast' }).success).toBe(false);
  });
});
