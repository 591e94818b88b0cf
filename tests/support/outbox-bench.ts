// The outbox on a bench: a worker on a test clock that retries without jitter, the row it works on, and a
// card queued for several people and delivered through a real adapter until nothing is pending.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import type { CardView } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import { OutboxWorker } from '../../src/bot/outbox-worker.js';
import type { PlatformAdapter } from '../../src/bot/port.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { freshDb } from './db.js';
import { ScriptedPlatform } from './scripted-platform.js';

const silent = pino({ level: 'silent' });

/** Where the scripted outbox's clock starts. */
export const BENCH_START = 1_000_000;

/** A fresh database, the clock's start and a scripted sandbox platform that reads the test's clock. */
export function scriptedOutbox(clock: () => number): { db: Db; now: number; platform: ScriptedPlatform } {
  return { db: freshDb(), now: BENCH_START, platform: new ScriptedPlatform(clock) };
}

/** A worker delivering to `platform` (as the sandbox) on the test's clock, polling every 50 ms, no jitter. */
export function scriptedWorker(db: Db, platform: PlatformAdapter, clock: () => number, maxAttempts = 5): OutboxWorker {
  return new OutboxWorker({
    db,
    adapters: new Map([['sandbox', platform]]),
    logger: silent,
    maxAttempts,
    pollMs: 50,
    now: clock,
    random: () => 0,
  });
}

/** The outbox row `id` as stored. */
export const outboxRow = (db: Db, id: number) => db.select().from(outbox).where(eq(outbox.id, id)).get()!;

/** `view` queued for each of `people` (platform user ids) on a fresh database and delivered through `adapter`
 *  by the real worker (3 attempts, polling every 20 ms) until nothing is pending; every outbox row after. */
export async function deliverToEach(adapter: PlatformAdapter, people: string[], view: CardView, timeoutMs: number) {
  const db = freshDb();
  unitOfWork(db, (tx) => {
    for (const p of people)
      enqueue(tx, {
        platform: adapter.platform,
        op: 'send',
        recipient: { kind: 'user', platformUserId: p },
        message: { kind: 'card', card: view },
      });
  });
  const worker = new OutboxWorker({
    db,
    adapters: new Map([[adapter.platform, adapter]]),
    logger: silent,
    maxAttempts: 3,
    pollMs: 20,
  });
  await worker.drainUntilIdle({ timeoutMs });
  return db.select().from(outbox).all();
}
