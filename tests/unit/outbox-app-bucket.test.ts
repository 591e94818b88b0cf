// The outbox worker's app-wide bucket is injected (the app's is the database's, shared by every instance): a
// pause another instance's throttled answer set stops this worker's round too, and a bucket that fails (the
// database went away between the claim and the token) gives the claim back instead of holding the row.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/bot/outbox.js';
import { OutboxWorker } from '../../src/bot/outbox-worker.js';
import { DeliveryPacer, type AppBucket } from '../../src/bot/rate-pacer.js';
import { outbox } from '../../src/db/schema.js';
import { freshDb } from '../support/db.js';
import { ScriptedPlatform } from '../support/scripted-platform.js';

describe('the app-wide bucket a pacer is given', () => {
  it("learns another instance's pause from a take, and stops waiting for a token once it is known", async () => {
    let now = 0;
    const bucket: AppBucket = {
      take: async () => ({ waitMs: 4_000, pausedMs: 4_000 }),
      throttled: async () => {},
    };
    const pacer = new DeliveryPacer({ ratePerSecond: 10, burst: 1 }, () => now, bucket);
    const waits: number[] = [];
    const taken = await pacer.take(
      'u1',
      async (ms) => {
        waits.push(ms);
        now += 1;
      },
      () => pacer.pausedMs() > 0,
    );
    expect(taken).toBe(false);
    expect(waits).toEqual([4_000]);
    expect(pacer.pausedMs()).toBe(3_999);
  });

  it('a failing bucket gives the claim and the attempt back', async () => {
    const db = await freshDb();
    const id = await enqueue(db, {
      platform: 'sandbox',
      op: 'send',
      recipient: { kind: 'user', platformUserId: 'u1' },
      message: { kind: 'text', text: 'hi' },
    });
    const platform = new ScriptedPlatform();
    const worker = new OutboxWorker({
      db,
      adapters: new Map([['sandbox', platform]]),
      logger: pino({ level: 'silent' }),
      maxAttempts: 5,
      pollMs: 50,
      appBucket: () => ({
        take: async () => {
          throw new Error('database gone');
        },
        throttled: async () => {},
      }),
    });
    await expect(worker.drainPlatform('sandbox')).rejects.toThrow('database gone');
    expect((await db.select().from(outbox).where(eq(outbox.id, id)))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      leaseOwner: null,
    });
    expect(platform.calls).toEqual([]);
  });
});
