// The outbox under throttling, across processes, and for card updates: a throttled attempt never uses up
// a delivery attempt; a second process on the same database never takes a row the first is sending; only
// the latest pending update of a card is sent.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import { LEASE_MS, OutboxWorker } from '../../src/bot/outbox-worker.js';
import {
  DeliveryError,
  type OutgoingMessage,
  type PlatformAdapter,
  type Recipient,
  type SentRef,
} from '../../src/bot/port.js';
import { openDatabase, runMigrations, type Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { THROTTLE_GIVE_UP_MS } from '../../src/domain/delivery/reasons.js';
import { freshDb } from '../support/db.js';
import { benchOf, scriptedOutbox } from '../support/outbox-bench.js';
import { ScriptedPlatform } from '../support/scripted-platform.js';

const logger = pino({ level: 'silent' });
const view = (n: number) => ({
  kind: 'card' as const,
  card: card({ blocks: [{ type: 'text', markdown: `view ${n}` }] }),
});
const alice = { kind: 'user' as const, platformUserId: 'u1' };

/** A platform whose send stays open until the test lets it finish. */
class HeldPlatform implements PlatformAdapter {
  readonly platform = 'sandbox' as const;
  limits = { ratePerSecond: 1000, burst: 1000 };
  readonly calls: string[] = [];
  private release: (() => void) | undefined;
  readonly called: Promise<void>;
  private markCalled!: () => void;
  constructor() {
    this.called = new Promise((r) => (this.markCalled = r));
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  send(_to: Recipient, _msg: OutgoingMessage, { idempotencyKey }: { idempotencyKey: string }): Promise<SentRef> {
    this.calls.push(idempotencyKey);
    this.markCalled();
    return new Promise((resolve) => (this.release = () => resolve({ messageId: `m-${idempotencyKey}` })));
  }
  async update(): Promise<void> {}
  finish(): void {
    this.release!();
  }
}

describe('outbox throttling', () => {
  let db: Db;
  let now: number;
  let platform: ScriptedPlatform;
  const { worker, row } = benchOf(() => ({ db, platform, now }));
  beforeEach(async () => ({ db, now, platform } = await scriptedOutbox(() => now)));

  it('20 throttled answers in a row use up no attempt: every message is delivered, nothing dead', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) }, now));
    platform.failures = Array.from({ length: 20 }, () => ({ kind: 'rate_limited' as const, retryAfterMs: 1000 }));
    const w = worker(5);
    for (let i = 0; i < 25; i++) {
      await w.drainPlatform('sandbox');
      now += 1000;
    }
    expect(await Promise.all(ids.map(async (id) => (await row(id)).status))).toEqual(['sent', 'sent', 'sent']);
    expect(await row(ids[0]!)).toMatchObject({ attempts: 1, throttled: 20, throttledSince: null, deadReason: null });
    expect(platform.delivered).toHaveLength(3);
    // Each throttled retry waited the Retry-After it was given.
    const gaps = platform.calls.slice(0, 21).map((c, i, all) => (i === 0 ? 1000 : c.at - all[i - 1]!.at));
    expect(gaps.every((g) => g >= 1000)).toBe(true);
  });

  it('a row throttled without a break for the whole give-up window dies with the reason "throttled"', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) }, now);
    const w = worker(5);
    const started = now;
    while ((await row(id)).status === 'pending' && now - started <= THROTTLE_GIVE_UP_MS + 3_600_000) {
      platform.failures = [{ kind: 'rate_limited', retryAfterMs: 3_600_000 }];
      await w.drainPlatform('sandbox');
      now += 3_600_000;
    }
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 0, deadReason: 'throttled' });
    expect((await row(id)).throttled).toBe(THROTTLE_GIVE_UP_MS / 3_600_000 + 1);
  });

  it('a permanent error dies at once with a reason HR can act on', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) }, now);
    platform.send = async () => {
      throw new DeliveryError('chat.postMessage: missing_scope', 'permanent');
    };
    await worker().drainPlatform('sandbox');
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1, deadReason: 'permission' });
  });

  it('repeated 5xx still dead-letter after the maximum attempts, as "platform kept failing"', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) }, now);
    platform.failures = Array.from({ length: 5 }, () => ({ kind: 'transient' as const }));
    const w = worker(3);
    for (let i = 0; i < 5; i++) {
      await w.drainPlatform('sandbox');
      now += 60_000;
    }
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 3, deadReason: 'failing' });
  });

  it('only the latest of 50 pending updates of one card is sent', async () => {
    const sent = await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: alice, message: view(0), cardKey: 'wave:1' },
      now,
    );
    const ups: number[] = [];
    for (let i = 0; i < 50; i++)
      ups.push(
        await enqueue(
          db,
          { platform: 'sandbox', op: 'update', recipient: alice, message: view(i + 1), cardKey: 'wave:1' },
          now,
        ),
      );
    // Another recipient's copy of the same card is not coalesced with Alice's.
    const bobUp = await enqueue(
      db,
      {
        platform: 'sandbox',
        op: 'update',
        recipient: { kind: 'user', platformUserId: 'u2' },
        message: view(99),
        cardKey: 'wave:1',
      },
      now,
    );
    await enqueue(
      db,
      {
        platform: 'sandbox',
        op: 'send',
        recipient: { kind: 'user', platformUserId: 'u2' },
        message: view(0),
        cardKey: 'wave:1',
      },
      now,
    );
    const w = worker();
    for (let i = 0; i < 3; i++) {
      await w.drainPlatform('sandbox');
      now += 1000;
    }
    expect((await row(sent)).status).toBe('sent');
    expect(platform.updates.map((u) => u.msg)).toEqual([view(50), view(99)]);
    expect(
      (await Promise.all(ups.slice(0, 49).map(async (id) => (await row(id)).status))).every((s) => s === 'superseded'),
    ).toBe(true);
    expect((await row(ups[49]!)).status).toBe('sent');
    expect((await row(bobUp)).status).toBe('sent');
  });

  it('a throttled update is retried and still sends the latest view', async () => {
    await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0), cardKey: 'c' }, now);
    const w = worker();
    await w.drainPlatform('sandbox');
    const first = await enqueue(
      db,
      { platform: 'sandbox', op: 'update', recipient: alice, message: view(1), cardKey: 'c' },
      now,
    );
    let throttle = true;
    const update = platform.update.bind(platform);
    platform.update = async (ref, msg) => {
      if (throttle) {
        throttle = false;
        throw new DeliveryError('scripted 429', 'rate_limited', 2000);
      }
      return update(ref, msg);
    };
    await w.drainPlatform('sandbox');
    expect(await row(first)).toMatchObject({ status: 'pending', attempts: 0, throttled: 1 });
    const second = await enqueue(
      db,
      { platform: 'sandbox', op: 'update', recipient: alice, message: view(2), cardKey: 'c' },
      now,
    );
    now += 2000;
    await w.drainPlatform('sandbox');
    expect((await row(first)).status).toBe('superseded');
    expect((await row(second)).status).toBe('sent');
    expect(platform.updates.map((u) => u.msg)).toEqual([view(2)]);
  });
});

describe('outbox leases across processes', () => {
  it("a second process starting on the same database does not take the first one's in-flight row", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vitality-lease-')), 'shared.db');
    const db1 = openDatabase(file);
    runMigrations(db1);
    const db2 = openDatabase(file);
    const p1 = new HeldPlatform();
    const p2 = new ScriptedPlatform();
    const w1 = new OutboxWorker({
      db: db1,
      adapters: new Map([['sandbox', p1]]),
      logger,
      maxAttempts: 5,
      pollMs: 60_000,
    });
    const w2 = new OutboxWorker({
      db: db2,
      adapters: new Map([['sandbox', p2]]),
      logger,
      maxAttempts: 5,
      pollMs: 60_000,
    });
    const id = await enqueue(db1, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) });
    const first = w1.drainPlatform('sandbox');
    await p1.called;
    const inFlight = db2.select().from(outbox).where(eq(outbox.id, id)).get()!;
    expect(inFlight).toMatchObject({ status: 'sending', leaseOwner: w1.owner });
    expect(inFlight.leaseUntil).toBeGreaterThan(Date.now());

    // The second process starts while the first one's call is still open.
    expect(await w2.recoverInFlight()).toBe(0);
    await w2.start();
    await w2.stop();
    expect(db2.select().from(outbox).where(eq(outbox.id, id)).get()).toMatchObject({
      status: 'sending',
      leaseOwner: w1.owner,
    });
    expect(p2.calls).toHaveLength(0);

    p1.finish();
    await first;
    expect(db2.select().from(outbox).where(eq(outbox.id, id)).get()).toMatchObject({
      status: 'sent',
      leaseOwner: null,
      leaseUntil: null,
    });
    expect(p1.calls).toHaveLength(1);
    expect(p2.calls).toHaveLength(0);
  });

  it('a row whose sender died is taken over once its lease has expired, with the same idempotency key', async () => {
    const db = await freshDb();
    let now = 5_000_000;
    const platform = new ScriptedPlatform(() => now);
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(0) }, now);
    await db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, leaseOwner: 'dead-process', leaseUntil: now + LEASE_MS })
      .where(eq(outbox.id, id));
    const w = new OutboxWorker({
      db,
      adapters: new Map([['sandbox', platform]]),
      logger,
      maxAttempts: 5,
      pollMs: 50,
      now: () => now,
    });
    expect(await w.recoverInFlight()).toBe(0);
    now += LEASE_MS;
    expect(await w.recoverInFlight()).toBe(1);
    await w.drainPlatform('sandbox');
    const r = (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
    expect(r).toMatchObject({ status: 'sent', attempts: 2 });
    expect(platform.calls.map((c) => c.key)).toEqual([r.idempotencyKey]);
  });
});

describe('a person whose earlier message another process is sending', () => {
  it('the next message waits for it: a drain ends without sending it (no spinning on it), and it goes once the first is out', async () => {
    const db = await freshDb();
    const now = 5_000_000;
    const platform = new ScriptedPlatform(() => now);
    const first = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(1) }, now);
    const second = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: view(2) }, now);
    // Another live process claimed the first row and is sending it.
    await db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, leaseOwner: 'other-process', leaseUntil: now + LEASE_MS })
      .where(eq(outbox.id, first));
    const w = new OutboxWorker({
      db,
      adapters: new Map([['sandbox', platform]]),
      logger,
      maxAttempts: 5,
      pollMs: 50,
      now: () => now,
    });
    // Before the fix this drain never returned: the second row was refused its claim, stayed pending, and
    // every pass found it again without ever leaving the microtask queue (so no timeout could fire either).
    await w.drainPlatform('sandbox');
    expect(platform.calls).toEqual([]);
    expect((await db.select().from(outbox).where(eq(outbox.id, second)))[0]).toMatchObject({ status: 'pending' });

    // The other process finishes: the second message goes out on the next drain, once.
    await db.update(outbox).set({ status: 'sent', leaseOwner: null, leaseUntil: null }).where(eq(outbox.id, first));
    await w.drainPlatform('sandbox');
    expect(platform.calls).toHaveLength(1);
    expect((await db.select().from(outbox).where(eq(outbox.id, second)))[0]).toMatchObject({ status: 'sent' });
  });
});
