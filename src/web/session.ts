// Stateless sessions in a signed, httpOnly cookie: the employee id, an expiry and the CSRF token. The
// signature (HMAC via @fastify/cookie) makes it tamper-proof; httpOnly keeps it from scripts; the CSRF
// token is handed to the page by /api/me and must come back in the x-csrf-token header on every
// mutating request (a cross-site page can neither read the cookie nor the token).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export const SESSION_COOKIE = 'vitality_session';
/** A working day and a bit: long enough for a shift, short enough that a lost phone's session ends. */
export const SESSION_TTL_MS = 10 * 60 * 60 * 1000;

const sessionSchema = z.object({ e: z.number().int().positive(), x: z.number().int(), c: z.string().min(16) });
export type Session = z.infer<typeof sessionSchema>;

export function cookieOptions(secure: boolean) {
  // SameSite=Lax: sent on top-level navigation into the app (links from chat cards), not on cross-site
  // subrequests; the CSRF header covers the rest.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true };
}

export function issueSession(reply: FastifyReply, employeeId: number, now: Date, secure: boolean): Session {
  const session: Session = { e: employeeId, x: now.getTime() + SESSION_TTL_MS, c: randomBytes(24).toString('base64url') };
  reply.setCookie(SESSION_COOKIE, Buffer.from(JSON.stringify(session)).toString('base64url'), { ...cookieOptions(secure), maxAge: SESSION_TTL_MS / 1000 });
  return session;
}

export function clearSession(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

export type SessionRead = { ok: true; session: Session } | { ok: false; reason: 'none' | 'invalid' | 'expired' };

export function readSession(req: FastifyRequest, now: Date): SessionRead {
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return { ok: false, reason: 'none' };
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return { ok: false, reason: 'invalid' };
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const s = sessionSchema.safeParse(data);
  if (!s.success) return { ok: false, reason: 'invalid' };
  if (s.data.x <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, session: s.data };
}

/** Constant-time comparison of the header token with the session's. */
export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.c);
  return a.length === b.length && timingSafeEqual(a, b);
}
