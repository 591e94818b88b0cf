// Issue 21: two instances drain one outbox. A row is claimed by one of them only (each message once), and a
// person's messages go out one at a time and in order whichever instance sends them: a claim is refused while
// an earlier row of the same person is being sent or is due before it (claimRow). Two OutboxWorkers on two
// handles of one database (two connections to one SQLite file; on a PostgreSQL run, two pools on one
// database) and one platform that sees both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/bot/outbox.js';
import { OutboxWorker } from '../../src/bot/outbox-worker.js';
import type { DeliveryLimits, OutgoingMessage, PlatformAdapter, Recipient, SendResult } from '../../src/bot/port.js';
import { closeDatabase, openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { claimRow, markSent } from '../../src/domain/delivery/outbox-store.js';
import { createDatabase } from '../support/postgres.js';

async function twoHandles(): Promise<[Db, Db]> {
  const url = process.env.DATABASE_URL;
  const where = url
    ? { databasePath: '', databaseUrl: await createDatabase(url) }
    : { databasePath: join(mkdtempSync(join(tmpdir(), 'vitality-claims-')), 'shared.db') };
  const first = await openConfiguredDatabase(where);
  return [first, await openConfiguredDatabase(where)];
}

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await closeDatabase(db);
});

const text = (t: string): OutgoingMessage => ({ kind: 'text', text: t });
const to = (id: string): Recipient => ({ kind: 'user', platformUserId: id });

/** One platform seen from two instances: what each person received, in order, and how many calls to one
 *  person were ever open at once. */
class SharedPlatform {
  readonly received = new Map<string, string[]>();
  readonly by = new Map<string, number>();
  private readonly open = new Map<string, number>();
  maxOpenPerPerson = 0;

  adapter(instance: string): PlatformAdapter {
    const limits: DeliveryLimits = { ratePerSecond: 10_000, burst: 10_000, concurrency: 8 };
    return {
      platform: 'sandbox',
      limits,
      start: async () => {},
      stop: async () => {},
      update: async () => {},
      send: async (r: Recipient, m: OutgoingMessage): Promise<SendResult> => {
        const who = r.kind === 'user' ? r.platformUserId : r.chatId;
        this.open.set(who, (this.open.get(who) ?? 0) + 1);
        this.maxOpenPerPerson = Math.max(this.maxOpenPerPerson, this.open.get(who)!);
        this.by.set(instance, (this.by.get(instance) ?? 0) + 1);
        // The call is open for a while (a few turns of the event loop), as over a network.
        for (let i = 0; i < 5; i++) await new Promise((res) => setTimeout(res, 2));
        this.received.set(who, [...(this.received.get(who) ?? []), m.kind === 'text' ? m.text : '']);
        this.open.set(who, this.open.get(who)! - 1);
        return { messageId: `${who}-${this.received.get(who)!.length}` };
      },
    };
  }
}

const claim = (db: Db, id: number, owner: string, now: number) =>
  claimRow(db, id, { attempts: 1, owner, leaseUntil: now + 60_000, now });

describe('outbox claims between instances', () => {
  it("a person's later row is not claimed while an earlier one is due or being sent; a row waiting for a retry holds nothing back", async () => {
    const [a, b] = await twoHandles();
    open.push(a, b);
    const now = 2_000_000;
    const first = await enqueue(a, { platform: 'sandbox', op: 'send', recipient: to('u1'), message: text('1') }, now);
    const second = await enqueue(a, { platform: 'sandbox', op: 'send', recipient: to('u1'), message: text('2') }, now);
    const other = await enqueue(a, { platform: 'sandbox', op: 'send', recipient: to('u2'), message: text('x') }, now);
    // The first is due and pending: nobody may take the second before it.
    expect(await claim(b, second, 'two', now)).toBe(false);
    // Another person's row is not held back.
    expect(await claim(b, other, 'two', now)).toBe(true);
    expect(await claim(a, first, 'one', now)).toBe(true);
    // Being sent by instance one: instance two takes neither it nor the second.
    expect(await claim(b, first, 'two', now)).toBe(false);
    expect(await claim(b, second, 'two', now)).toBe(false);
    await markSent(a, first, { sentRef: '{}', sentAt: new Date(now).toISOString() });
    // Waiting for a retry later (not due): the second goes ahead, as within one process.
    const third = await enqueue(a, { platform: 'sandbox', op: 'send', recipient: to('u1'), message: text('3') }, now);
    await a
      .update(outbox)
      .set({ status: 'pending', nextAttemptAt: now + 60_000 })
      .where(eq(outbox.id, second));
    expect(await claim(b, third, 'two', now)).toBe(true);
  });

  it('two workers deliver 10 people 5 messages each: each once, in order, never two at once to one person', async () => {
    const [a, b] = await twoHandles();
    open.push(a, b);
    const people = Array.from({ length: 10 }, (_, i) => `p${i}`);
    // Queued round by round, so every page mixes people and each person's rows are spread over the outbox.
    for (let n = 1; n <= 5; n++)
      for (const p of people)
        await enqueue(a, { platform: 'sandbox', op: 'send', recipient: to(p), message: text(`${n}`) });
    const platform = new SharedPlatform();
    const worker = (db: Db, name: string) =>
      new OutboxWorker({
        db,
        adapters: new Map([['sandbox', platform.adapter(name)]]),
        logger: pino({ level: 'silent' }),
        maxAttempts: 5,
        pollMs: 20,
        owner: name,
      });
    await Promise.all([
      worker(a, 'one').drainUntilIdle({ timeoutMs: 60_000 }),
      worker(b, 'two').drainUntilIdle({ timeoutMs: 60_000 }),
    ]);
    for (const p of people) expect({ p, got: platform.received.get(p) }).toEqual({ p, got: ['1', '2', '3', '4', '5'] });
    expect(platform.maxOpenPerPerson).toBe(1);
    expect(platform.by.get('one') ?? 0).toBeGreaterThan(0);
    expect(platform.by.get('two') ?? 0).toBeGreaterThan(0);
  });
});
