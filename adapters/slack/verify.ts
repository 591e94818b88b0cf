// Slack request signing (v0), as a pure function with the clock injected.
// https://docs.slack.dev/authentication/verifying-requests-from-slack:
//   basestring = 'v0:' + X-Slack-Request-Timestamp + ':' + raw body
//   X-Slack-Signature = 'v0=' + hex(HMAC-SHA256(signing secret, basestring))
// Slack recommends rejecting requests whose timestamp is more than five minutes from local time. Bolt's own
// check only rejects old timestamps (PLATFORM-NOTES), so we bound both directions here.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 5 * 60;

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export interface VerifyInput {
  signingSecret: string;
  /** X-Slack-Request-Timestamp (seconds since the epoch, as sent). */
  timestamp: string | undefined;
  /** X-Slack-Signature. */
  signature: string | undefined;
  rawBody: string | Buffer;
  nowMs: number;
}

export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

export function verifySlackRequest(input: VerifyInput): VerifyResult {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  const skew = Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp));
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest(input.signingSecret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on different lengths; the length of a valid signature is public anyway.
  if (given.length !== expected.length) return { ok: false, reason: 'mismatch' };
  return timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
