// A tiny HTTP client for the mini-app API tests: keeps the session cookie and the CSRF token.
import type { Harness } from '../support/harness.js';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function call(
  h: Harness,
  method: string,
  path: string,
  opts: { session?: Session; body?: unknown; csrf?: string | null; cookie?: string } = {},
): Promise<Answer> {
  // English messages, so assertions read naturally (the default locale of the demo is zh-CN).
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const cookie = opts.cookie ?? opts.session?.cookie;
  if (cookie) headers.cookie = cookie;
  const csrf = opts.csrf === undefined ? opts.session?.csrf : opts.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** The session cookie (name=value) a sign-in answer set. */
export function sessionCookie(a: Answer): string {
  const set = a.headers.getSetCookie().find((c) => c.startsWith('vitality_session='));
  if (!set) throw new Error(`no session cookie in ${a.status} ${JSON.stringify(a.body)}`);
  return set.split(';')[0]!;
}

/** Sign in through a sign-in route, then read the CSRF token from /api/me. */
export async function signedIn(h: Harness, path: string, body: unknown): Promise<Session> {
  const a = await call(h, 'POST', path, { body });
  if (a.status !== 200) throw new Error(`sign-in ${path} → ${a.status} ${JSON.stringify(a.body)}`);
  const cookie = sessionCookie(a);
  const me = await call(h, 'GET', '/api/me', { cookie });
  return { cookie, csrf: String(me.body.csrf) };
}

export const sandboxSession = (h: Harness, employeeId: number) => signedIn(h, '/api/auth/sandbox', { employeeId });
