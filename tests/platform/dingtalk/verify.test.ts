import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROBOT_SIGN_WINDOW_MS, robotSign, verifyRobotSign } from '../../../adapters/dingtalk/verify.js';

const secret = 'app-secret-123';
const ts = '1700000000000';
// Computed independently of the module: base64(HMAC-SHA256(secret, ts + "\n" + secret)).
const good = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
const at = (ms: number) => () => ms;

describe('dingtalk verifyRobotSign', () => {
  it('computes DingTalk’s robot signature', () => {
    expect(robotSign(ts, secret)).toBe(good);
  });

  it('accepts a correct signature inside the window, in both directions', () => {
    expect(verifyRobotSign({ timestamp: ts, sign: good, appSecret: secret, now: at(Number(ts)) })).toEqual({
      ok: true,
    });
    expect(
      verifyRobotSign({ timestamp: ts, sign: good, appSecret: secret, now: at(Number(ts) + ROBOT_SIGN_WINDOW_MS) }),
    ).toEqual({ ok: true });
    expect(
      verifyRobotSign({ timestamp: ts, sign: good, appSecret: secret, now: at(Number(ts) - ROBOT_SIGN_WINDOW_MS) }),
    ).toEqual({ ok: true });
  });

  it('rejects stale and future timestamps', () => {
    expect(
      verifyRobotSign({ timestamp: ts, sign: good, appSecret: secret, now: at(Number(ts) + ROBOT_SIGN_WINDOW_MS + 1) }),
    ).toEqual({ ok: false, reason: 'stale' });
    expect(
      verifyRobotSign({ timestamp: ts, sign: good, appSecret: secret, now: at(Number(ts) - ROBOT_SIGN_WINDOW_MS - 1) }),
    ).toEqual({ ok: false, reason: 'stale' });
  });

  it('rejects a signature made with another secret, a tampered timestamp, or a truncated sign', () => {
    const other = createHmac('sha256', 'other').update(`${ts}\nother`).digest('base64');
    const now = at(Number(ts));
    expect(verifyRobotSign({ timestamp: ts, sign: other, appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyRobotSign({ timestamp: String(Number(ts) + 1), sign: good, appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyRobotSign({ timestamp: ts, sign: good.slice(0, -2), appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects missing or non-numeric headers', () => {
    const now = at(Number(ts));
    expect(verifyRobotSign({ timestamp: undefined, sign: good, appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyRobotSign({ timestamp: ts, sign: undefined, appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyRobotSign({ timestamp: 'abc', sign: good, appSecret: secret, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});
