// The pure rules of comment conversations: batch times across the day and across time zones, reply keys.
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_MAX,
  messageBody,
  newReplyKey,
  nextRelease,
  replyKeyHash,
} from '../../src/domain/surveys/conversation-rules.js';

const at = (s: string) => new Date(s);

describe('nextRelease', () => {
  // Shanghai is UTC+8 all year: 10:00 there is 02:00Z, 16:00 is 08:00Z.
  const tz = 'Asia/Shanghai';
  it('is the first batch time strictly after now, through the day', () => {
    expect(nextRelease(at('2026-12-07T00:30:00Z'), tz).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(nextRelease(at('2026-12-07T01:59:59Z'), tz).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    // Exactly at a batch time: the next one, never "now".
    expect(nextRelease(at('2026-12-07T02:00:00Z'), tz).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextRelease(at('2026-12-07T05:00:00Z'), tz).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    // After the last batch of the day: the first one tomorrow (local midnight crossed at 16:00Z).
    expect(nextRelease(at('2026-12-07T08:00:00Z'), tz).toISOString()).toBe('2026-12-08T02:00:00.000Z');
    expect(nextRelease(at('2026-12-07T17:00:00Z'), tz).toISOString()).toBe('2026-12-08T02:00:00.000Z');
    // Across a month end.
    expect(nextRelease(at('2026-12-31T09:00:00Z'), tz).toISOString()).toBe('2027-01-01T02:00:00.000Z');
  });

  it('follows the time zone it is given, daylight saving included', () => {
    const now = at('2026-07-01T12:00:00Z');
    // New York in summer is UTC-4: it is 08:00 there, so 10:00 local = 14:00Z.
    expect(nextRelease(now, 'America/New_York').toISOString()).toBe('2026-07-01T14:00:00.000Z');
    // London in summer is UTC+1: it is 13:00 there, so 16:00 local = 15:00Z.
    expect(nextRelease(now, 'Europe/London').toISOString()).toBe('2026-07-01T15:00:00.000Z');
    // In winter London is UTC+0.
    expect(nextRelease(at('2026-12-01T12:00:00Z'), 'Europe/London').toISOString()).toBe('2026-12-01T16:00:00.000Z');
  });

  it('takes other batch hours, in any order, and refuses impossible ones', () => {
    const now = at('2026-12-07T03:00:00Z'); // 11:00 in Shanghai
    expect(nextRelease(now, 'Asia/Shanghai', [18, 9]).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(nextRelease(now, 'Asia/Shanghai', [9]).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(() => nextRelease(now, 'Asia/Shanghai', [])).toThrow(RangeError);
    expect(() => nextRelease(now, 'Asia/Shanghai', [24])).toThrow(RangeError);
  });
});

describe('reply keys', () => {
  it('are 24 random bytes, base64url, different each time', () => {
    const a = newReplyKey();
    const b = newReplyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(24);
    expect(a).not.toBe(b);
  });

  it('are stored as the sha256 hex of the key, which does not contain the key', () => {
    const key = newReplyKey();
    const hash = replyKeyHash(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(replyKeyHash(key)).toBe(hash);
    expect(replyKeyHash(newReplyKey())).not.toBe(hash);
    // A known vector: sha256("abc").
    expect(replyKeyHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('message bodies', () => {
  it('are trimmed and 1..MESSAGE_MAX characters', () => {
    expect(messageBody('  hello  ')).toBe('hello');
    expect(messageBody('   ')).toBeUndefined();
    expect(messageBody('x'.repeat(MESSAGE_MAX))).toHaveLength(MESSAGE_MAX);
    expect(messageBody('x'.repeat(MESSAGE_MAX + 1))).toBeUndefined();
    expect(messageBody(42)).toBeUndefined();
  });
});
