// Signature checks, pure and timing-safe, with the clock injected.
//
// In Stream Mode (what this adapter uses) frames arrive over a TLS WebSocket opened with a one-time
// ticket that the gateway issued for our clientId/clientSecret: the connection is the authentication and
// frames carry no signature. DingTalk's HTTP mode for robots signs each request instead — headers
// `timestamp` (ms) and `sign` = base64(HMAC-SHA256(appSecret, timestamp + "\n" + appSecret)), valid for
// one hour ("timestamp 与系统当前时间戳如果相差1小时以上，则认为是非法的请求"). verifyRobotSign is that
// check, ready for an HTTP route should one ever be added.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ROBOT_SIGN_WINDOW_MS = 60 * 60 * 1000;

export function robotSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`).digest('base64');
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad_signature' };

export function verifyRobotSign(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  now: () => number;
}): VerifyResult {
  const { timestamp, sign, appSecret, now } = input;
  if (!timestamp || !sign || !/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  // Both directions: a timestamp from the future is as suspect as an old one.
  if (Math.abs(now() - Number(timestamp)) > ROBOT_SIGN_WINDOW_MS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(robotSign(timestamp, appSecret));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
