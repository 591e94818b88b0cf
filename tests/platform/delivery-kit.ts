// Shared by the "fan-out under the platform's own limits" tests and `npm run bench`: the real outbox worker
// and the platform's real adapter deliver one survey card to each person through the emulator with its
// rate limits switched on, in real time. Rates may be scaled by one factor on both sides (ours and the
// emulator's) so a run takes seconds; what matters is how close we get to what the limits allow.
import { card } from '../../cards/view.js';
import type { DeliveryLimits, PlatformAdapter, RateBucket } from '../../src/bot/port.js';
import type { Db } from '../../src/db/connection.js';
import type { outbox } from '../../src/db/schema.js';
import type { EmuRate } from '../emulators/rate-limits.js';
import { freshDb } from '../support/db.js';
import { deliverToEach } from '../support/outbox-bench.js';

const scaleBucket = (b: RateBucket, k: number): RateBucket => ({
  ratePerSecond: b.ratePerSecond * k,
  burst: Math.max(1, Math.round(b.burst * k)),
});
export const scaleRate = (r: EmuRate, k: number): EmuRate => scaleBucket(r, k);

/** The adapter's limits with every rate (and burst) multiplied by k — and the calls in flight too: a call
 *  to a local emulator is not k times faster, so k times the rate needs k times the calls in flight. */
export function scaleLimits(l: DeliveryLimits, k: number): DeliveryLimits {
  return {
    ...l,
    ...scaleBucket(l, k),
    ...(l.perRecipient ? { perRecipient: scaleBucket(l.perRecipient, k) } : {}),
    concurrency: Math.round((l.concurrency ?? 1) * k),
  };
}

/** The same adapter, with other limits and a hook called before each person's send (n = 1, 2, …; a batched
 *  call counts each of its people). */
export function withLimits(
  adapter: PlatformAdapter,
  limits: DeliveryLimits,
  beforeSend?: (n: number) => void,
): PlatformAdapter {
  let n = 0;
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'limits') return limits;
      if (prop === 'send' && beforeSend) {
        return (...args: Parameters<PlatformAdapter['send']>) => {
          beforeSend(++n);
          return target.send(...args);
        };
      }
      if (prop === 'sendBatch' && beforeSend && target.sendBatch) {
        const sendBatch = target.sendBatch.bind(target);
        return (...args: Parameters<NonNullable<PlatformAdapter['sendBatch']>>) => {
          for (let i = 0; i < args[0].length; i++) beforeSend(++n);
          return sendBatch(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

export interface FanOutResult {
  rows: (typeof outbox.$inferSelect)[];
  /** From the first enqueue to the last row settled. */
  ms: number;
}

/** One survey card to each recipient, delivered by a worker until nothing is pending. */
export async function fanOut(
  adapter: PlatformAdapter,
  recipients: string[],
  opts: { db?: Db; timeoutMs?: number } = {},
): Promise<FanOutResult> {
  const db = opts.db ?? (await freshDb());
  const survey = card({
    header: { title: 'Pulse survey' },
    blocks: [{ type: 'text', markdown: 'How was your week?' }],
  });
  const t0 = performance.now();
  // One transaction, as a survey launch enqueues its cards.
  const rows = await deliverToEach(adapter, recipients, survey, {
    timeoutMs: opts.timeoutMs ?? 60_000,
    db,
    maxAttempts: 8,
    pollMs: 50,
  });
  return { rows, ms: performance.now() - t0 };
}

/** How many times each recipient got the card (from the emulator's own record); duplicates = extra copies. */
export function tally(delivered: string[], recipients: string[]): { missing: string[]; duplicates: number } {
  const count = new Map<string, number>();
  for (const d of delivered) count.set(d, (count.get(d) ?? 0) + 1);
  return {
    missing: recipients.filter((r) => !count.has(r)),
    duplicates: [...count.values()].reduce((a, c) => a + c - 1, 0),
  };
}
