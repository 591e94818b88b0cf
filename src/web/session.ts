// Sessions: a signed, httpOnly cookie holding only a session id; the record (src/domain/sessions.ts) says
// whose it is, whether it was revoked, and its CSRF token. The signature (HMAC via @fastify/cookie) refuses
// forged ids before any lookup; httpOnly keeps the cookie from scripts; the CSRF token is handed to the
// page by /api/me and must come back in the x-csrf-token header on every mutating request (a cross-site
// page can neither read the cookie nor the token).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../domain/unit-of-work.js';
import { createSession, findSession, type SessionPolicy } from '../domain/sessions.js';

export const SESSION_COOKIE = 'vitality_session';

/** `e`: the employee; `c`: the CSRF token. */
export interface Session {
  id: string;
  e: number;
  c: string;
}

export function sessionPolicy(config: Config): SessionPolicy {
  return { idleMs: config.session.idleMinutes * 60_000, maxMs: config.session.maxHours * 3_600_000 };
}

export function cookieOptions(secure: boolean) {
  // SameSite=Lax: sent on top-level navigation into the app (links from chat cards), not on cross-site
  // subrequests; the CSRF header covers the rest.
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true };
}

/** A new session record and its cookie; runs in the caller's transaction. */
export async function issueSession(
  reply: FastifyReply,
  db: Db,
  input: { employeeId: number; via: string; now: Date; config: Config },
): Promise<Session> {
  const policy = sessionPolicy(input.config);
  const s = await createSession(db, { employeeId: input.employeeId, via: input.via, now: input.now, policy });
  reply.setCookie(SESSION_COOKIE, s.id, {
    ...cookieOptions(input.config.publicBaseUrl.startsWith('https:')),
    maxAge: Math.floor(policy.maxMs / 1000),
  });
  return { id: s.id, e: s.employeeId, c: s.csrf };
}

export function clearSession(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

export type SessionRead =
  { ok: true; session: Session } | { ok: false; reason: 'none' | 'invalid' | 'expired' | 'revoked' };

/** The session a request carries, checked against its record (which a valid read also keeps alive). */
export async function readSession(req: FastifyRequest, db: Db, now: Date, config: Config): Promise<SessionRead> {
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return { ok: false, reason: 'none' };
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null || !/^[\w-]{20,100}$/.test(unsigned.value))
    return { ok: false, reason: 'invalid' };
  const found = await findSession(db, unsigned.value, now, sessionPolicy(config));
  return found.ok
    ? { ok: true, session: { id: found.session.id, e: found.session.employeeId, c: found.session.csrf } }
    : found;
}

/** Constant-time comparison of the header token with the session's. */
export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.c);
  return a.length === b.length && timingSafeEqual(a, b);
}
