// Pure verification of Feishu webhook requests: signature, decryption, verification token.
// No I/O, clock injected. Feishu docs ("接收事件" / "安全校验"): with an Encrypt Key set, every push carries
// X-Lark-Request-Timestamp / -Nonce / -Signature, signature = hex(sha256(timestamp + nonce + encryptKey +
// rawBody)); the body is {"encrypt": base64(iv(16) + AES-256-CBC(json))} with key = sha256(encryptKey).
// The SDK compares with `===` over JSON.stringify(parsed body) and never checks the verification token
// (PLATFORM-NOTES), so we check the raw body ourselves, timing-safe, and reject explicitly.
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** How far a request timestamp may be from our clock. Feishu re-pushes a failed event as a new request
 *  (15 s, 5 min, 1 h, 6 h), so 5 minutes bounds replays of a captured request without losing retries;
 *  replays inside the window are harmless anyway because the core dedupes on header.event_id. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

export function safeEqual(a: string, b: string): boolean {
  // Hash both sides first so that the comparison time depends on neither length nor content.
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function computeSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody, 'utf8')
    .digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifySignature(input: {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  rawBody: string;
  encryptKey: string;
  now: number;
  maxSkewMs?: number;
}): SignatureCheck {
  const { timestamp, nonce, signature } = input;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing' };
  // Feishu's timestamp is in seconds.
  const ts = Number(timestamp);
  if (!/^\d{1,13}$/.test(timestamp) || Math.abs(input.now - ts * 1000) > (input.maxSkewMs ?? MAX_SKEW_MS)) {
    return { ok: false, reason: 'stale' };
  }
  const expected = computeSignature(timestamp, nonce, input.encryptKey, input.rawBody);
  return safeEqual(expected, signature.toLowerCase()) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** AES-256-CBC decrypt of Feishu's `encrypt` field; throws on anything malformed. */
export function decrypt(encrypt: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('ciphertext has a wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

export interface VerifyOptions {
  encryptKey?: string;
  verificationToken?: string;
  now: number;
}

export interface VerifyInput {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
}

export type VerifyResult =
  { ok: true; body: Record<string, unknown>; challenge?: string } | { ok: false; status: 400 | 401; reason: string };

function header(h: VerifyInput['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The token lives in `header.token` (schema 2.0 events and card.action.trigger) or at the top level
 *  (url_verification, v1 events, old card callbacks). */
function tokenOf(body: Record<string, unknown>): string | undefined {
  const h = body['header'];
  if (isRecord(h) && typeof h['token'] === 'string') return h['token'];
  return typeof body['token'] === 'string' ? body['token'] : undefined;
}

/**
 * Open a webhook request: parse, check the signature (when an encrypt key is configured), decrypt, check
 * the verification token. URL-verification requests carry no signature headers (the console sends the
 * challenge unsigned), so they are accepted on the token (and successful decryption) alone.
 */
export function openRequest(input: VerifyInput, opts: VerifyOptions): VerifyResult {
  let outer: unknown;
  try {
    outer = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  if (!isRecord(outer)) return { ok: false, status: 400, reason: 'body is not a JSON object' };

  let body: Record<string, unknown> = outer;
  if (typeof outer['encrypt'] === 'string') {
    if (!opts.encryptKey) return { ok: false, status: 400, reason: 'encrypted body but no encrypt key configured' };
    try {
      const inner: unknown = JSON.parse(decrypt(outer['encrypt'], opts.encryptKey));
      if (!isRecord(inner)) return { ok: false, status: 400, reason: 'decrypted body is not a JSON object' };
      body = inner;
    } catch {
      return { ok: false, status: 400, reason: 'body cannot be decrypted' };
    }
  }

  const isChallenge = body['type'] === 'url_verification';
  if (opts.encryptKey && !isChallenge) {
    const sig = verifySignature({
      timestamp: header(input.headers, 'x-lark-request-timestamp'),
      nonce: header(input.headers, 'x-lark-request-nonce'),
      signature: header(input.headers, 'x-lark-signature'),
      rawBody: input.rawBody,
      encryptKey: opts.encryptKey,
      now: opts.now,
    });
    if (!sig.ok) return { ok: false, status: 401, reason: `signature ${sig.reason}` };
  }
  if (opts.verificationToken) {
    const token = tokenOf(body);
    if (token === undefined || !safeEqual(token, opts.verificationToken)) {
      return { ok: false, status: 401, reason: 'verification token mismatch' };
    }
  }
  if (isChallenge) {
    if (typeof body['challenge'] !== 'string') return { ok: false, status: 400, reason: 'challenge missing' };
    return { ok: true, body, challenge: body['challenge'] };
  }
  return { ok: true, body };
}
