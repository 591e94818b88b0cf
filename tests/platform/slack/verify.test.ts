import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackRequest } from '../../../adapters/slack/verify.js';

// The example from Slack's "Verifying requests from Slack" guide: secret, timestamp, body and signature.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TS = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIG = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const at = (sec: number) => sec * 1000;

describe('verifySlackRequest', () => {
  it('reproduces the signature from Slack’s documentation', () => {
    expect(signSlackRequest(SECRET, TS, BODY)).toBe(DOC_SIG);
    expect(
      verifySlackRequest({
        signingSecret: SECRET,
        timestamp: TS,
        signature: DOC_SIG,
        rawBody: BODY,
        nowMs: at(Number(TS)),
      }),
    ).toEqual({ ok: true });
  });

  it('accepts a Buffer body and matches an independent HMAC', () => {
    const sig = `v0=${createHmac('sha256', 's').update(`v0:100:{"a":1}`).digest('hex')}`;
    expect(
      verifySlackRequest({
        signingSecret: 's',
        timestamp: '100',
        signature: sig,
        rawBody: Buffer.from('{"a":1}'),
        nowMs: at(100),
      }).ok,
    ).toBe(true);
  });

  it('rejects a changed body, a wrong secret and a truncated signature', () => {
    const base = { signingSecret: SECRET, timestamp: TS, nowMs: at(Number(TS)) };
    expect(verifySlackRequest({ ...base, signature: DOC_SIG, rawBody: `${BODY}x` })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySlackRequest({ ...base, signingSecret: 'other', signature: DOC_SIG, rawBody: BODY })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySlackRequest({ ...base, signature: DOC_SIG.slice(0, -2), rawBody: BODY })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('rejects missing headers', () => {
    expect(
      verifySlackRequest({ signingSecret: SECRET, timestamp: undefined, signature: DOC_SIG, rawBody: BODY, nowMs: 0 })
        .ok,
    ).toBe(false);
    expect(
      verifySlackRequest({
        signingSecret: SECRET,
        timestamp: TS,
        signature: undefined,
        rawBody: BODY,
        nowMs: at(Number(TS)),
      }),
    ).toEqual({ ok: false, reason: 'missing' });
  });

  it('bounds the timestamp to five minutes in both directions', () => {
    const check = (nowSec: number) =>
      verifySlackRequest({
        signingSecret: SECRET,
        timestamp: TS,
        signature: DOC_SIG,
        rawBody: BODY,
        nowMs: at(nowSec),
      });
    const t = Number(TS);
    expect(check(t + 300).ok).toBe(true);
    expect(check(t - 300).ok).toBe(true);
    expect(check(t + 301)).toEqual({ ok: false, reason: 'stale' });
    // A timestamp from the future (Bolt does not reject these) is refused as well.
    expect(check(t - 301)).toEqual({ ok: false, reason: 'stale' });
  });

  it('rejects a non-numeric timestamp', () => {
    expect(
      verifySlackRequest({ signingSecret: SECRET, timestamp: '12a', signature: DOC_SIG, rawBody: BODY, nowMs: 0 }),
    ).toEqual({ ok: false, reason: 'stale' });
  });
});
