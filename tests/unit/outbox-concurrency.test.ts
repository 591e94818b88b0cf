// The outbox keeps several deliveries in flight per platform (issue 17: one await per row made a 5,000-person
// survey take 80 minutes on Slack), never two for one recipient, each paced by the app-wide and the
// recipient's token buckets. A platform whose calls are held open shows how many are in flight; a fake clock
// (advanced by the worker's own waits) shows the pacing without wall-clock thresholds.
import { beforeEach, describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import {
  DeliveryError,
  type BatchOutcome,
  type DeliveryLimits,
  type OutgoingMessage,
  type PlatformAdapter,
  type Recipient,
  type SentRef,
} from '../../src/bot/port.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { freshDb } from '../support/db.js';
import { scriptedWorker } from '../support/outbox-bench.js';

const msg = (text: string): OutgoingMessage => ({
  kind: 'card',
  card: card({ blocks: [{ type: 'text', markdown: text }] }),
});
const user = (id: string): Recipient => ({ kind: 'user', platformUserId: id });
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** A platform whose calls stay open until the test lets them go (or answer after a few ticks). */
class HeldPlatform implements PlatformAdapter {
  readonly platform = 'sandbox' as const;
  readonly calls: { op: 'send' | 'update'; to: string; text: string; at: number }[] = [];
  readonly open: (() => void)[] = [];
  inFlight = new Map<string, number>();
  maxInFlightPerRecipient = 0;
  hold = true;

  constructor(
    readonly limits: DeliveryLimits,
    private readonly now: () => number,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async call(op: 'send' | 'update', to: string, m: OutgoingMessage): Promise<void> {
    const text = m.kind === 'card' ? JSON.stringify(m.card.blocks) : '';
    this.calls.push({ op, to, text, at: this.now() });
    this.inFlight.set(to, (this.inFlight.get(to) ?? 0) + 1);
    this.maxInFlightPerRecipient = Math.max(this.maxInFlightPerRecipient, this.inFlight.get(to)!);
    // Answers come back in a scrambled order: a later call may finish first.
    if (this.hold) await new Promise<void>((r) => this.open.push(r));
    else await ticks(1 + ((this.calls.length * 7) % 5));
    this.inFlight.set(to, this.inFlight.get(to)! - 1);
  }
  async send(to: Recipient, m: OutgoingMessage): Promise<SentRef> {
    const id = to.kind === 'user' ? to.platformUserId : to.chatId;
    await this.call('send', id, m);
    return { messageId: `m-${this.calls.length}`, chatId: id };
  }
  async update(ref: SentRef, m: OutgoingMessage): Promise<void> {
    await this.call('update', ref.chatId ?? '', m);
  }
}

describe('OutboxWorker: deliveries in flight', () => {
  let db: Db;
  let now: number;
  beforeEach(async () => {
    db = await freshDb();
    now = 1_000_000;
  });
  const workerFor = (platform: HeldPlatform, sleep?: (ms: number) => Promise<void>) =>
    scriptedWorker(db, platform, () => now, sleep ? { sleep } : {});

  it('keeps `concurrency` calls in flight at once: 4 start before any returns', async () => {
    const platform = new HeldPlatform({ ratePerSecond: 1000, burst: 1000, concurrency: 4 }, () => now);
    for (let i = 0; i < 10; i++)
      await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user(`u${i}`), message: msg('survey') }, now);
    const draining = workerFor(platform).drainPlatform('sandbox');
    await ticks(50);
    expect(platform.calls.map((c) => c.to)).toEqual(['u0', 'u1', 'u2', 'u3']);
    // One answer frees one place: the next person's call starts, never a fifth at once.
    platform.open.shift()!();
    await ticks(50);
    expect(platform.calls).toHaveLength(5);
    expect(platform.open).toHaveLength(4);
    platform.hold = false;
    for (const release of platform.open.splice(0)) release();
    expect(await draining).toBe(10);
    expect((await db.select().from(outbox)).map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 'sent'));
  });

  it('never has two calls of one recipient in flight, and keeps each recipient’s rows in order (a card before its update)', async () => {
    const platform = new HeldPlatform({ ratePerSecond: 1000, burst: 1000, concurrency: 6 }, () => now);
    platform.hold = false;
    const rows: [string, 'send' | 'update', string][] = [];
    for (let i = 0; i < 30; i++) {
      const who = ['alice', 'bob', 'carol'][i % 3]!;
      rows.push([who, i % 6 < 3 ? 'send' : 'update', `${who}-${i}`]);
    }
    for (const [who, op, text] of rows)
      await enqueue(
        db,
        { platform: 'sandbox', op, recipient: user(who), message: msg(text), cardKey: `card-${who}` },
        now,
      );
    await workerFor(platform).drainUntilIdle({ timeoutMs: 5_000 });
    expect(platform.maxInFlightPerRecipient).toBe(1);
    for (const who of ['alice', 'bob', 'carol']) {
      const seen = platform.calls.filter((c) => c.to === who).map((c) => JSON.parse(c.text)[0].markdown as string);
      const order = seen.map((t) => Number(t.split('-')[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      // Every send went out; an older pending update may be dropped for a newer one, never sent after it.
      expect(seen.filter((t) => rows.find((r) => r[2] === t)![1] === 'send')).toHaveLength(5);
    }
  });

  it('respects the app-wide bucket and each recipient’s bucket (fake clock)', async () => {
    // 10/s with a burst of 2 app-wide; 1/s per recipient (a Slack channel); 8 in flight.
    const platform = new HeldPlatform(
      { ratePerSecond: 10, burst: 2, perRecipient: { ratePerSecond: 1, burst: 1 }, concurrency: 8 },
      () => now,
    );
    platform.hold = false;
    const people = Array.from({ length: 20 }, (_, i) => `p${i}`);
    for (const p of people)
      await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user(p), message: msg(p) }, now);
    for (let i = 0; i < 3; i++)
      await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user('busy'), message: msg(`busy-${i}`) }, now);
    const start = now;
    // A fake timer queue: when everyone is waiting, the clock jumps to the earliest wake-up.
    const timers: { at: number; wake: () => void }[] = [];
    let done = false;
    const draining = workerFor(platform, (ms) => new Promise<void>((wake) => timers.push({ at: now + ms, wake })))
      .drainPlatform('sandbox')
      .finally(() => (done = true));
    while (!done) {
      await ticks(10);
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next) {
        now = Math.max(now, next.at);
        next.wake();
      }
    }
    await draining;
    expect(platform.calls).toHaveLength(23);
    // App-wide: in any second, at most burst + rate × 1 s calls.
    for (const c of platform.calls)
      expect(platform.calls.filter((d) => d.at >= c.at && d.at < c.at + 1000).length).toBeLessThanOrEqual(12);
    expect(Math.max(...platform.calls.map((c) => c.at)) - start).toBeGreaterThanOrEqual(((23 - 2) / 10) * 1000);
    // Per recipient: one call per second.
    const busy = platform.calls.filter((c) => c.to === 'busy').map((c) => c.at);
    expect(busy).toHaveLength(3);
    expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(1000);
    expect(busy[2]! - busy[1]!).toBeGreaterThanOrEqual(1000);
  });
});

/** A platform that takes one message to several people per call (like DingTalk's batchSend). */
class BatchPlatform implements PlatformAdapter {
  readonly platform = 'sandbox' as const;
  readonly limits: DeliveryLimits = { ratePerSecond: 1000, burst: 1000, concurrency: 1, maxBatch: 3 };
  readonly calls: { to: string[]; text: string }[] = [];
  /** Per call: throw this for the whole call, or fail these people. */
  script: (DeliveryError | Record<string, DeliveryError>)[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  canBatch(): boolean {
    return true;
  }
  async send(to: Recipient, m: OutgoingMessage): Promise<SentRef> {
    const [r] = await this.sendBatch([to], m);
    if (!r!.ok) throw r!.error;
    return r!.ref;
  }
  async sendBatch(to: Recipient[], m: OutgoingMessage): Promise<BatchOutcome[]> {
    const ids = to.map((r) => (r.kind === 'user' ? r.platformUserId : ''));
    this.calls.push({ to: ids, text: m.kind === 'card' ? JSON.stringify(m.card.blocks) : '' });
    const s = this.script.shift();
    if (s instanceof DeliveryError) throw s;
    return ids.map((id) =>
      s?.[id] ? { ok: false, error: s[id]! } : { ok: true, ref: { messageId: `m-${this.calls.length}`, chatId: id } },
    );
  }
  async update(): Promise<void> {}
}

describe('OutboxWorker: one call for several people with the same message', () => {
  let db: Db;
  let now: number;
  beforeEach(async () => {
    db = await freshDb();
    now = 1_000_000;
  });
  const drain = (platform: BatchPlatform) => scriptedWorker(db, platform, () => now).drainPlatform('sandbox');
  const status = async () =>
    Object.fromEntries(
      (await db.select().from(outbox)).map((r) => [
        `${r.id}:${JSON.parse(r.recipient).platformUserId}`,
        [r.status, r.attempts],
      ]),
    );

  it('groups rows with the same message up to maxBatch, keeping each person’s rows in order', async () => {
    const platform = new BatchPlatform();
    const survey = msg('survey');
    for (const who of ['alice', 'bob', 'carol', 'dave'])
      await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user(who), message: survey }, now);
    await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user('alice'), message: msg('reminder') }, now);
    await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user('erin'), message: survey }, now);
    await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user('alice'), message: survey }, now);
    await drain(platform);
    // alice's second survey card waits behind her reminder: it never joins a batch ahead of it.
    expect(platform.calls.map((c) => c.to)).toEqual([
      ['alice', 'bob', 'carol'],
      ['dave', 'erin'],
      ['alice'],
      ['alice'],
    ]);
    expect(JSON.parse(platform.calls[2]!.text)[0].markdown).toBe('reminder');
    expect((await db.select().from(outbox)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('settles each person on their own: one refused is dead, the others sent; a throttled call gives every attempt back', async () => {
    const platform = new BatchPlatform();
    for (const who of ['alice', 'bob', 'carol'])
      await enqueue(db, { platform: 'sandbox', op: 'send', recipient: user(who), message: msg('survey') }, now);
    platform.script = [
      new DeliveryError('slow down', 'rate_limited', 2000),
      { bob: new DeliveryError('not a staff id', 'permanent') },
    ];
    await drain(platform);
    expect(await status()).toEqual({ '1:alice': ['pending', 0], '2:bob': ['pending', 0], '3:carol': ['pending', 0] });
    now += 2000;
    await drain(platform);
    expect(await status()).toEqual({ '1:alice': ['sent', 1], '2:bob': ['dead', 1], '3:carol': ['sent', 1] });
    expect(platform.calls.map((c) => c.to)).toEqual([
      ['alice', 'bob', 'carol'],
      ['alice', 'bob', 'carol'],
    ]);
  });
});
