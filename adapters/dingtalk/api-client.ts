// A small typed client for DingTalk's two server APIs: the new OpenAPI (api.dingtalk.com/v1.0, token in
// the x-acs-dingtalk-access-token header, errors as HTTP status + {code, message}) and the legacy oapi
// (oapi.dingtalk.com/topapi, token as ?access_token=, errors as HTTP 200 + {errcode, errmsg}). One app
// access token serves both. Every answer is checked with zod; every failure becomes a DeliveryError whose
// kind tells the outbox whether to retry.
import { z } from 'zod';
import { DeliveryError } from '../../src/bot/port.js';
import { IP_BAN_RETRY_MS, QUOTA_RETRY_MS, THROTTLE_RETRY_MS } from './limits.js';

export interface DingTalkApiOptions {
  apiUrl: string;
  oapiUrl: string;
  appKey: string;
  appSecret: string;
  now?: () => number;
  fetchImpl?: typeof fetch;
}

// POST /v1.0/oauth2/accessToken → {accessToken, expireIn} (seconds, 7200 in production).
const tokenSchema = z.object({ accessToken: z.string().min(1), expireIn: z.number().positive() });
const v1ErrorSchema = z.object({ code: z.string(), message: z.string().optional() }).loose();
const oapiEnvelope = z.object({ errcode: z.number(), errmsg: z.string().optional() }).loose();
// The per-IP ban answers a body like {"status":1111,"wait":5,"punish":"deny"} instead of an errcode.
const banSchema = z.object({ punish: z.string(), wait: z.number().optional() }).loose();

/** oapi errcodes meaning "this token is not (or no longer) valid": refresh once and retry. */
const OAPI_TOKEN_CODES = new Set([40001, 40014, 42001]);
/** oapi throttling: 90002 global per-API limit, 90018 app per-API QPS, 90019 third-party app QPS. */
const OAPI_THROTTLE_CODES = new Set([90002, 90018, 90019]);
/** 90020: the organisation's monthly API quota is used up. */
const OAPI_QUOTA_CODE = 90020;
/** -1 "系统繁忙": DingTalk asks callers to retry later. */
const OAPI_BUSY_CODE = -1;

export type Classified = { kind: 'ok' } | { kind: 'token' } | { kind: 'error'; error: DeliveryError };

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const h = headers?.get('retry-after');
  if (!h) return undefined;
  const s = Number(h);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

/** Decide what an answer means. Pure, so each rule is unit-tested on its own. */
export function classifyAnswer(api: 'v1' | 'oapi', status: number, body: unknown, headers?: Headers): Classified {
  const ban = banSchema.safeParse(body);
  if (ban.success && ban.data.punish === 'deny') {
    return {
      kind: 'error',
      error: new DeliveryError('dingtalk: IP temporarily banned for excess calls', 'rate_limited', IP_BAN_RETRY_MS),
    };
  }
  if (status === 429) {
    return {
      kind: 'error',
      error: new DeliveryError('dingtalk: HTTP 429', 'rate_limited', retryAfterMs(headers) ?? THROTTLE_RETRY_MS),
    };
  }
  if (api === 'v1') {
    const err = v1ErrorSchema.safeParse(body);
    const code = err.success ? err.data.code : '';
    if (status >= 200 && status < 300 && !code) return { kind: 'ok' };
    // A bad/expired token is answered HTTP 400 {"code":"InvalidAuthentication","message":"不合法的access_token"}.
    if (status === 401 || code === 'InvalidAuthentication') return { kind: 'token' };
    // Forbidden.AccessDenied.QpsLimitForApi / QpsLimitForAppkeyAndApi / ApiCountLimitForOrg are throttling;
    // other Forbidden.AccessDenied.* (AccessTokenPermissionDenied, IpNotInWhiteList) will never succeed.
    if (code.startsWith('Forbidden.AccessDenied.') && /Limit/.test(code)) {
      const quota = /CountLimit/.test(code);
      return {
        kind: 'error',
        error: new DeliveryError(
          `dingtalk: ${code}`,
          'rate_limited',
          quota ? QUOTA_RETRY_MS : (retryAfterMs(headers) ?? THROTTLE_RETRY_MS),
        ),
      };
    }
    if (status >= 500)
      return { kind: 'error', error: new DeliveryError(`dingtalk: HTTP ${status} ${code}`.trim(), 'transient') };
    return {
      kind: 'error',
      error: new DeliveryError(`dingtalk: HTTP ${status} ${code || 'unexpected answer'}`, 'permanent'),
    };
  }
  if (status >= 500) return { kind: 'error', error: new DeliveryError(`dingtalk oapi: HTTP ${status}`, 'transient') };
  const env = oapiEnvelope.safeParse(body);
  if (!env.success) {
    return {
      kind: 'error',
      error: new DeliveryError(
        `dingtalk oapi: HTTP ${status}, no errcode in the answer`,
        status === 200 ? 'transient' : 'permanent',
      ),
    };
  }
  const { errcode } = env.data;
  if (errcode === 0) return { kind: 'ok' };
  if (OAPI_TOKEN_CODES.has(errcode)) return { kind: 'token' };
  if (OAPI_THROTTLE_CODES.has(errcode))
    return {
      kind: 'error',
      error: new DeliveryError(`dingtalk oapi: errcode ${errcode}`, 'rate_limited', THROTTLE_RETRY_MS),
    };
  if (errcode === OAPI_QUOTA_CODE)
    return {
      kind: 'error',
      error: new DeliveryError('dingtalk oapi: errcode 90020 (monthly quota)', 'rate_limited', QUOTA_RETRY_MS),
    };
  if (errcode === OAPI_BUSY_CODE)
    return { kind: 'error', error: new DeliveryError('dingtalk oapi: errcode -1 (busy)', 'transient') };
  return { kind: 'error', error: new DeliveryError(`dingtalk oapi: errcode ${errcode}`, 'permanent') };
}

/** JSON, or undefined for an empty body or an HTML error page (then the status decides). */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class DingTalkApi {
  private cached?: { value: string; refreshAt: number };
  private inflight?: Promise<string>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: DingTalkApiOptions) {
    this.now = opts.now ?? Date.now;
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** The app access token, cached until shortly before it expires; concurrent callers share one fetch. */
  async accessToken(force = false): Promise<string> {
    if (!force && this.cached && this.now() < this.cached.refreshAt) return this.cached.value;
    if (force) this.cached = undefined;
    this.inflight ??= this.fetchToken().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetchToken(): Promise<string> {
    const { status, body, headers } = await this.request(`${this.opts.apiUrl}/v1.0/oauth2/accessToken`, 'POST', {
      appKey: this.opts.appKey,
      appSecret: this.opts.appSecret,
    });
    const c = classifyAnswer('v1', status, body, headers);
    // A token endpoint that rejects our credentials will not change its mind: permanent.
    if (c.kind === 'token') throw new DeliveryError('dingtalk: app credentials rejected', 'permanent');
    if (c.kind === 'error') throw c.error;
    const t = tokenSchema.safeParse(body);
    if (!t.success) throw new DeliveryError('dingtalk: malformed access token answer', 'transient');
    // Refresh 5 minutes early (or at half-life for short test tokens) so a call never races the expiry.
    const marginMs = Math.min(300_000, (t.data.expireIn * 1000) / 2);
    this.cached = { value: t.data.accessToken, refreshAt: this.now() + t.data.expireIn * 1000 - marginMs };
    return t.data.accessToken;
  }

  /** A call to api.dingtalk.com/v1.0. */
  v1<S extends z.ZodType>(method: 'POST' | 'PUT', path: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    return this.call(
      'v1',
      async (token) =>
        this.request(`${this.opts.apiUrl}${path}`, method, payload, { 'x-acs-dingtalk-access-token': token }),
      schema,
    );
  }

  /** A call to oapi.dingtalk.com (topapi). */
  oapi<S extends z.ZodType>(path: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    return this.call(
      'oapi',
      async (token) =>
        this.request(`${this.opts.oapiUrl}${path}?access_token=${encodeURIComponent(token)}`, 'POST', payload),
      schema,
    );
  }

  /** A robot message's sessionWebhook (an oapi URL carrying its own session, no token). Only URLs on the
   *  configured oapi origin are called, so a payload cannot point the server elsewhere. */
  async session(url: string, payload: unknown): Promise<void> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new DeliveryError('dingtalk: sessionWebhook is not a URL', 'permanent');
    }
    if (target.origin !== new URL(this.opts.oapiUrl).origin)
      throw new DeliveryError('dingtalk: sessionWebhook on an unexpected host', 'permanent');
    const { status, body, headers } = await this.request(target.toString(), 'POST', payload);
    const c = classifyAnswer('oapi', status, body, headers);
    if (c.kind === 'token') throw new DeliveryError('dingtalk: sessionWebhook expired', 'permanent');
    if (c.kind === 'error') throw c.error;
  }

  private async call<S extends z.ZodType>(
    api: 'v1' | 'oapi',
    send: (token: string) => Promise<{ status: number; body: unknown; headers: Headers }>,
    schema: S,
  ): Promise<z.infer<S>> {
    // An expired or revoked token is refreshed once and the call retried once; a second "invalid token"
    // answer means something else is wrong (e.g. the app was disabled): permanent.
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const { status, body, headers } = await send(token);
      const c = classifyAnswer(api, status, body, headers);
      if (c.kind === 'token') continue;
      if (c.kind === 'error') throw c.error;
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new DeliveryError(`dingtalk ${api}: unexpected answer shape`, 'permanent');
      return parsed.data;
    }
    throw new DeliveryError(`dingtalk ${api}: access token rejected after a refresh`, 'permanent');
  }

  private async request(
    url: string,
    method: 'POST' | 'PUT',
    payload: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...extraHeaders },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new DeliveryError(`dingtalk: network error (${err instanceof Error ? err.name : 'unknown'})`, 'transient');
    }
    const text = await res.text().catch(() => '');
    return { status: res.status, body: parseBody(text), headers: res.headers };
  }
}
