// Talking to /api: JSON in and out, the CSRF token on every mutating request, and an expired session
// sends the person to sign-in with the page they were on kept in `next`.
import type { ApiErrorBody } from '../../src/contract/index.js';
import { navigate } from './router.js';

let csrfToken = '';
export function setCsrf(token: string): void {
  csrfToken = token;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly fields: Record<string, string> = {},
    /** Row-level problems of an import: one per line of the file. */
    readonly problems: NonNullable<ApiErrorBody['problems']> = [],
  ) {
    super(message);
  }
}

/** A refusal's body as the contract defines it; read defensively (a proxy's error page is not JSON). */
type ErrorBody = Partial<ApiErrorBody>;

export function signInPath(): string {
  return `/app/signin?next=${encodeURIComponent(location.pathname + location.search)}`;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as unknown;
  if (res.status === 401 && !path.startsWith('/auth/') && !location.pathname.startsWith('/app/signin'))
    navigate(signInPath(), true);
  if (!res.ok) {
    const e = (data ?? {}) as ErrorBody;
    throw new ApiFailure(res.status, e.error ?? res.statusText, e.code, e.fields ?? {}, e.problems ?? []);
  }
  return data as T;
}
