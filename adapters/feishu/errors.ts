// Feishu Open API answers -> DeliveryError. Every answer is {code, msg, data}; code 0 is success.
// The SDK's axios instance resolves 2xx with the body and rejects other statuses with an AxiosError.
import { z } from 'zod';
import { DeliveryError } from '../../src/bot/port.js';

/** Rate limiting: HTTP 429 and these codes. 99991400 "request trigger frequency limit" (gateway, per app
 *  and API); 230020 "触发频率限制" (send/patch message to the same user/chat too fast). */
export const RATE_LIMIT_CODES = new Set([99991400, 230020]);

/** Worth retrying: token problems that a fresh tenant token fixes (99991661 missing, 99991663 invalid,
 *  99991668 expired). Other 4xx-class codes (e.g. 230099 bad card content, 230013 user outside the app's
 *  availability, 99991672 missing scope) never succeed on retry. */
export const TRANSIENT_CODES = new Set([99991661, 99991663, 99991668]);

export class FeishuApiError extends Error {
  constructor(
    readonly api: string,
    readonly httpStatus: number | undefined,
    readonly code: number | undefined,
    msg: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${api}: ${httpStatus ? `HTTP ${httpStatus} ` : ''}${code !== undefined ? `code ${code} ` : ''}${msg}`);
    this.name = 'FeishuApiError';
  }

  get rateLimited(): boolean {
    return this.httpStatus === 429 || (this.code !== undefined && RATE_LIMIT_CODES.has(this.code));
  }
}

const bodySchema = z.object({ code: z.number(), msg: z.string().optional() }).loose();
const axiosErrorSchema = z.object({
  // headers is an AxiosHeaders instance (not a plain object): read it by key below.
  response: z.object({ status: z.number(), headers: z.unknown(), data: z.unknown() }).optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** x-ogw-ratelimit-reset: seconds until the gateway's window resets (sent with 429 answers). */
function retryAfter(headers: unknown): number | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const h = headers as Record<string, unknown>;
  const raw = h['x-ogw-ratelimit-reset'] ?? h['retry-after'];
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n * 1000) : undefined;
}

/** Turn whatever the SDK threw into a FeishuApiError. */
export function fromThrown(api: string, e: unknown): FeishuApiError {
  if (e instanceof FeishuApiError) return e;
  const p = axiosErrorSchema.safeParse(e);
  if (p.success && p.data.response) {
    const body = bodySchema.safeParse(p.data.response.data);
    return new FeishuApiError(
      api,
      p.data.response.status,
      body.success ? body.data.code : undefined,
      body.success ? (body.data.msg ?? '') : 'non-JSON answer',
      retryAfter(p.data.response.headers),
    );
  }
  const msg = p.success ? (p.data.code ?? p.data.message ?? 'request failed') : 'request failed';
  return new FeishuApiError(api, undefined, undefined, msg);
}

/** Check a resolved answer: non-zero code -> FeishuApiError. */
export function checkBody(api: string, body: unknown): void {
  const p = bodySchema.safeParse(body);
  if (!p.success) throw new FeishuApiError(api, 200, undefined, 'answer without a code');
  if (p.data.code !== 0) throw new FeishuApiError(api, 200, p.data.code, p.data.msg ?? '');
}

export function toDeliveryError(e: unknown, api = 'feishu'): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = fromThrown(api, e);
  if (err.rateLimited) return new DeliveryError(err.message, 'rate_limited', err.retryAfterMs ?? 1000);
  if (err.httpStatus === undefined && err.code === undefined) return new DeliveryError(err.message, 'transient');
  if (err.httpStatus !== undefined && err.httpStatus >= 500) return new DeliveryError(err.message, 'transient');
  if (err.code !== undefined && TRANSIENT_CODES.has(err.code)) return new DeliveryError(err.message, 'transient');
  return new DeliveryError(err.message, 'permanent');
}
