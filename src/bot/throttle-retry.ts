// A card redrawn in answer to a press is drawn at once by the adapter, inside the platform's ack window —
// it is not an outbox row, so nothing would retry it. When the platform throttles that call, wait as told
// and try again, a few times within a short bound; the caller tells the person if it still fails, so a
// stepper card never sits on the same question in silence.
import { DeliveryError } from './port.js';

export interface ThrottleRetryOptions {
  /** Calls in all: the first and the retries. */
  maxAttempts?: number;
  /** A longer wait than this is not waited for (the person is told instead). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Run `fn`; on a throttled answer (DeliveryError 'rate_limited') wait its Retry-After and run it again.
 *  Any other error, or throttling beyond the bounds, is thrown to the caller. */
export async function retryWhenThrottled<T>(fn: () => Promise<T>, opts: ThrottleRetryOptions = {}): Promise<T> {
  const { maxAttempts = 3, maxWaitMs = 10_000, sleep = sleepMs } = opts;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const wait = err instanceof DeliveryError && err.kind === 'rate_limited' ? (err.retryAfterMs ?? 1000) : undefined;
      if (wait === undefined || attempt >= maxAttempts || wait > maxWaitMs) throw err;
      await sleep(wait);
    }
  }
}
