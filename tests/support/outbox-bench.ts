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
export async function scriptedOutbox(
  clock: () => number,
): Promise<{ db: Db; now: number; platform: ScriptedPlatform }> {
  return { db: await freshDb(), now: BENCH_START, platform: new ScriptedPlatform(clock) };
}

/** A worker delivering to `platform` (as the sandbox) on the test's clock, polling every 50 ms, no jitter;
 *  5 attempts unless told, and the real sleep unless a test gives its own. */
export function scriptedWorker(
  db: Db,
  platform: PlatformAdapter,
  clock: () => number,
  opts: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): OutboxWorker {
  return new OutboxWorker({
    db,
    adapters: new Map([['sandbox', platform]]),
    logger: silent,
    maxAttempts: opts.maxAttempts ?? 5,
    pollMs: 50,
    now: clock,
    random: () => 0,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
}

/** The outbox row `id` as stored. */
const outboxRow = async (db: Db, id: number) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

/** The worker (see scriptedWorker) and the row reader of a describe block whose variables hold the database,
 *  the platform and the clock; `vars` reads them when a test calls either. */
export function benchOf(vars: () => { db: Db; platform: PlatformAdapter; now: number }) {
  return {
    worker: (maxAttempts = 5) => scriptedWorker(vars().db, vars().platform, () => vars().now, { maxAttempts }),
    row: async (id: number) => await outboxRow(vars().db, id),
  };
}

/** `view` queued for each of `people` (platform user ids) in one transaction, as a survey launch enqueues its
 *  cards, and delivered through `adapter` by the real worker until nothing is pending; every outbox row after.
 *  Defaults: a fresh database, 3 attempts, polling every 20 ms. */
export async function deliverToEach(
  adapter: PlatformAdapter,
  people: string[],
  view: CardView,
  opts: { timeoutMs: number; db?: Db; maxAttempts?: number; pollMs?: number },
): Promise<(typeof outbox.$inferSelect)[]> {
  const db = opts.db ?? (await freshDb());
  await unitOfWork(db, async (tx) => {
    for (const p of people)
      await enqueue(tx, {
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
    maxAttempts: opts.maxAttempts ?? 3,
    pollMs: opts.pollMs ?? 20,
  });
  await worker.drainUntilIdle({ timeoutMs: opts.timeoutMs });
  return await db.select().from(outbox).orderBy(outbox.id);
}
