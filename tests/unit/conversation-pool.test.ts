// Sealing an author's conversation action (conversation-pool.ts): one size whatever the action, opened only with
// the conversation key (not the survey seal's, though both come from the same secret), tampering refused.
import { describe, expect, it } from 'vitest';
import {
  deriveConversationKey,
  openAction,
  POOLED_PLAINTEXT_BYTES,
  sealAction,
  type PooledAction,
} from '../../src/domain/surveys/conversation-pool.js';
import { deriveSealKey } from '../../src/domain/surveys/seal.js';

const SECRET = 'a-secret-of-at-least-32-characters-long';
const key = deriveConversationKey(SECRET);
const reply: PooledAction = {
  id: 'a'.repeat(32),
  keyHash: 'b'.repeat(64),
  action: 'reply',
  body: '发布夜'.repeat(333) + 'x',
  releaseAt: '2026-12-03T02:00:00.000Z',
};
const close: PooledAction = {
  id: 'c'.repeat(32),
  keyHash: 'b'.repeat(64),
  action: 'close',
  releaseAt: reply.releaseAt,
};

describe('a pooled author action', () => {
  it('opens to what was sealed, with the conversation key only', () => {
    expect(openAction(key, sealAction(key, reply))).toEqual(reply);
    expect(openAction(key, sealAction(key, close))).toEqual(close);
    expect(openAction(deriveConversationKey(SECRET + '!'), sealAction(key, reply))).toBeUndefined();
    // The survey seal's key from the same secret is another key.
    expect(openAction(deriveSealKey(SECRET), sealAction(key, reply))).toBeUndefined();
  });

  it('is one size for a close and the longest reply, and never repeats', () => {
    const a = sealAction(key, reply);
    const b = sealAction(key, close);
    expect([a.length, b.length]).toEqual([12 + 16 + POOLED_PLAINTEXT_BYTES, 12 + 16 + POOLED_PLAINTEXT_BYTES]);
    expect(sealAction(key, close).equals(b)).toBe(false);
    // Neither the key hash nor the body shows in the blob.
    expect(a.toString('latin1')).not.toContain('b'.repeat(64));
    expect(a.toString('utf8')).not.toContain('发布夜');
  });

  it('refuses a tampered or truncated blob, and one that is no pooled action', () => {
    const sealed = sealAction(key, reply);
    const flipped = Buffer.from(sealed);
    flipped[40] = flipped[40]! ^ 1;
    expect(openAction(key, flipped)).toBeUndefined();
    expect(openAction(key, sealed.subarray(0, sealed.length - 1))).toBeUndefined();
    expect(() => sealAction(key, { ...reply, body: '\u0001'.repeat(1400) })).toThrow(/too large/);
    // A well-sealed blob whose content fails validation opens to nothing.
    expect(openAction(key, sealAction(key, { ...close, keyHash: 'not-a-hash' }))).toBeUndefined();
  });
});
