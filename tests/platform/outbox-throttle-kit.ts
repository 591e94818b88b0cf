// Shared by the per-platform "a window of throttled answers loses nobody" tests: a fan-out of cards through
// the real outbox worker and the platform's real adapter, against its emulator, with the platform's own
// throttling answer injected. The worker's clock runs ahead of real time by the waits it was told to
// honour (and by its own pacing waits), so a window of 20 throttled answers passes without sleeping through it.
import { pino } from 'pino';
import { expect } from 'vitest';
import { card } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import { OutboxWorker } from '../../src/bot/outbox-worker.js';
import type { PlatformAdapter } from '../../src/bot/port.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { freshDb } from '../support/db.js';

/** OUTBOX_MAX_ATTEMPTS's default: a throttled window longer than this used to dead-letter people. */
export const MAX_ATTEMPTS = 8;
export const THROTTLED_ANSWERS = 20;

export async function fanOutThroughThrottling(
  adapter: PlatformAdapter,
  recipients: string[],
  given?: Db,
): Promise<(typeof outbox.$inferSelect)[]> {
  const db = given ?? (await freshDb());
  let ahead = 0;
  const now = () => Date.now() + ahead;
  const survey = card({
    header: { title: 'Pulse survey' },
    blocks: [{ type: 'text', markdown: 'How was your week?' }],
  });
  for (const r of recipients)
    await enqueue(
      db,
      {
        platform: adapter.platform,
        op: 'send',
        recipient: { kind: 'user', platformUserId: r },
        message: { kind: 'card', card: survey },
      },
      now(),
    );
  // Its pacing waits (slower after a throttled answer) pass on the same clock, not in real time.
  const sleep = async (ms: number) => {
    ahead += ms;
  };
  const worker = new OutboxWorker({
    db,
    adapters: new Map([[adapter.platform, adapter]]),
    logger: pino({ level: 'silent' }),
    maxAttempts: MAX_ATTEMPTS,
    pollMs: 50,
    now,
    sleep,
  });
  for (let round = 0; round < 100; round++) {
    await worker.drainPlatform(adapter.platform);
    const rows = await db.select().from(outbox).orderBy(outbox.id);
    if (rows.every((r) => r.status !== 'pending')) return rows;
    // Jump to the moment the platform said its window reopens (the latest wait the worker was told).
    ahead = Math.max(ahead, ...rows.filter((r) => r.status === 'pending').map((r) => r.nextAttemptAt - Date.now()));
  }
  throw new Error('the fan-out did not settle');
}

/** Everybody got their card; nobody is dead; throttling used up nobody's attempts. */
/** `throttled`: throttled answers counted per row (a batched call throttles every row it carried). */
export function expectNobodyLost(
  rows: (typeof outbox.$inferSelect)[],
  recipients: number,
  throttled = THROTTLED_ANSWERS,
): void {
  expect(rows).toHaveLength(recipients);
  expect(rows.map((r) => r.status)).toEqual(Array.from({ length: recipients }, () => 'sent'));
  expect(rows.every((r) => r.attempts === 1)).toBe(true);
  expect(rows.reduce((n, r) => n + r.throttled, 0)).toBe(throttled);
}
