// Retry timing for outbox deliveries: exponential backoff with jitter, but never sooner than the
// platform's Retry-After. Pure: the random source is injected.
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 10 * 60_000 };

/** Delay before attempt number `attempts + 1`, given `attempts` failed so far (>= 1). */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random — spreads retries of a burst without ever retrying at once.
  const backoff = Math.round(exp / 2 + random() * (exp / 2));
  // The platform told us when its window reopens: wait exactly that, not our own guess.
  return retryAfterMs !== undefined ? retryAfterMs : backoff;
}
