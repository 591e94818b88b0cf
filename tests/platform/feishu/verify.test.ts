import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, decrypt, openRequest, safeEqual, verifySignature } from '../../../adapters/feishu/verify.js';
import { encryptBody, sign } from '../../emulators/feishu/sender.js';

const KEY = 'test-encrypt-key';
const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);
const TS = String(Math.floor(NOW / 1000));

function signed(body: string, key = KEY, ts = TS, nonce = 'n0nce') {
  return {
    'x-lark-request-timestamp': ts,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': sign(ts, nonce, key, body),
  };
}

describe('feishu signature', () => {
  it('matches sha256(timestamp + nonce + key + body) computed independently', () => {
    const body = '{"a":1}';
    const expected = createHash('sha256').update(`${TS}abc${KEY}${body}`).digest('hex');
    expect(computeSignature(TS, 'abc', KEY, body)).toBe(expected);
    expect(
      verifySignature({ timestamp: TS, nonce: 'abc', signature: expected, rawBody: body, encryptKey: KEY, now: NOW }),
    ).toEqual({ ok: true });
  });

  it('rejects a changed body, a wrong key, missing headers and a stale or future timestamp', () => {
    const body = '{"a":1}';
    const sig = computeSignature(TS, 'abc', KEY, body);
    const base = { timestamp: TS, nonce: 'abc', signature: sig, encryptKey: KEY, now: NOW };
    expect(verifySignature({ ...base, rawBody: '{"a":2}' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ ...base, rawBody: body, encryptKey: 'other' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ ...base, rawBody: body, signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature({ ...base, rawBody: body, now: NOW + 6 * 60_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature({ ...base, rawBody: body, now: NOW - 6 * 60_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature({ ...base, rawBody: body, now: NOW + 4 * 60_000 })).toEqual({ ok: true });
    expect(verifySignature({ ...base, rawBody: body, timestamp: 'abc' })).toEqual({ ok: false, reason: 'stale' });
  });

  it('safeEqual compares content and length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});

describe('feishu decryption', () => {
  it('decrypts AES-256-CBC with key sha256(encryptKey) and the IV in the first 16 bytes', () => {
    const key = createHash('sha256').update(KEY).digest();
    const iv = Buffer.alloc(16, 7);
    const c = createCipheriv('aes-256-cbc', key, iv);
    const enc = Buffer.concat([iv, c.update('{"hello":"飞书"}', 'utf8'), c.final()]).toString('base64');
    expect(decrypt(enc, KEY)).toBe('{"hello":"飞书"}');
  });

  it('the sender and the adapter agree, and garbage throws', () => {
    expect(decrypt(encryptBody('{"x":true}', KEY), KEY)).toBe('{"x":true}');
    expect(() => decrypt(encryptBody('{"x":true}', KEY), 'wrong-key')).toThrow();
    expect(() => decrypt('bm90IGFlcw==', KEY)).toThrow();
  });
});

describe('openRequest', () => {
  const event = {
    schema: '2.0',
    header: { event_id: 'e1', token: 'vt', event_type: 'im.message.receive_v1' },
    event: {},
  };

  it('accepts a plain event with the right token and no encrypt key', () => {
    const r = openRequest({ rawBody: JSON.stringify(event), headers: {} }, { verificationToken: 'vt', now: NOW });
    expect(r).toEqual({ ok: true, body: event });
  });

  it('rejects a wrong or missing token with 401', () => {
    const wrong = { ...event, header: { ...event.header, token: 'nope' } };
    expect(
      openRequest({ rawBody: JSON.stringify(wrong), headers: {} }, { verificationToken: 'vt', now: NOW }),
    ).toMatchObject({ ok: false, status: 401 });
    const none = { schema: '2.0', header: { event_id: 'e1' } };
    expect(
      openRequest({ rawBody: JSON.stringify(none), headers: {} }, { verificationToken: 'vt', now: NOW }),
    ).toMatchObject({ ok: false, status: 401 });
  });

  it('decrypts and verifies a signed encrypted event', () => {
    const raw = JSON.stringify({ encrypt: encryptBody(JSON.stringify(event), KEY) });
    const r = openRequest(
      { rawBody: raw, headers: signed(raw) },
      { verificationToken: 'vt', encryptKey: KEY, now: NOW },
    );
    expect(r).toEqual({ ok: true, body: event });
  });

  it('rejects an encrypted event with a bad or missing signature (401) and an undecryptable body (400)', () => {
    const raw = JSON.stringify({ encrypt: encryptBody(JSON.stringify(event), KEY) });
    const opts = { verificationToken: 'vt', encryptKey: KEY, now: NOW };
    expect(openRequest({ rawBody: raw, headers: signed(raw, 'bad-key') }, opts)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(openRequest({ rawBody: raw, headers: {} }, opts)).toMatchObject({
      ok: false,
      status: 401,
      reason: 'signature missing',
    });
    const garbage = JSON.stringify({ encrypt: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    expect(openRequest({ rawBody: garbage, headers: signed(garbage) }, opts)).toMatchObject({ ok: false, status: 400 });
    expect(openRequest({ rawBody: 'not json', headers: {} }, opts)).toMatchObject({ ok: false, status: 400 });
    expect(openRequest({ rawBody: raw, headers: signed(raw) }, { verificationToken: 'vt', now: NOW })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('answers the unsigned URL verification on the token, plain or encrypted', () => {
    const ch = { challenge: 'c-123', token: 'vt', type: 'url_verification' };
    expect(
      openRequest({ rawBody: JSON.stringify(ch), headers: {} }, { verificationToken: 'vt', now: NOW }),
    ).toMatchObject({ ok: true, challenge: 'c-123' });
    const enc = JSON.stringify({ encrypt: encryptBody(JSON.stringify(ch), KEY) });
    expect(
      openRequest({ rawBody: enc, headers: {} }, { verificationToken: 'vt', encryptKey: KEY, now: NOW }),
    ).toMatchObject({ ok: true, challenge: 'c-123' });
    expect(
      openRequest(
        { rawBody: JSON.stringify({ ...ch, token: 'x' }), headers: {} },
        { verificationToken: 'vt', now: NOW },
      ),
    ).toMatchObject({ ok: false, status: 401 });
  });
});
