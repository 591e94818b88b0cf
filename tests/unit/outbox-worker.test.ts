import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { benchOf, scriptedOutbox } from '../support/outbox-bench.js';
import type { ScriptedPlatform } from '../support/scripted-platform.js';

const hello = { kind: 'card' as const, card: card({ blocks: [{ type: 'text', markdown: 'hello' }] }) };
const alice = { kind: 'user' as const, platformUserId: 'u1' };

describe('OutboxWorker', () => {
  let db: Db;
  let now: number;
  let platform: ScriptedPlatform;
  const { worker, row } = benchOf(() => ({ db, platform, now }));
  beforeEach(async () => ({ db, now, platform } = await scriptedOutbox(() => now)));

  it('delivers a row and keeps the platform reference for later updates', async () => {
    const id = await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: alice, message: hello, cardKey: 'c1' },
      now,
    );
    await worker().drainPlatform('sandbox');
    expect(platform.delivered).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentRef: JSON.stringify({ messageId: 'msg-1' }),
    });
  });

  it('retries a transient failure with exponential backoff, not before it is due', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    platform.failures = [{ kind: 'transient' }, { kind: 'transient' }];
    const w = worker();
    await w.drainPlatform('sandbox');
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: now + 500 });
    now += 499;
    expect(await w.drainPlatform('sandbox')).toBe(0);
    now += 1;
    await w.drainPlatform('sandbox');
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: now + 1000 });
    now += 1000;
    await w.drainPlatform('sandbox');
    expect((await row(id)).status).toBe('sent');
    expect(platform.delivered).toHaveLength(1);
    expect(platform.calls).toHaveLength(3);
  });

  it('honours Retry-After on a 429 and holds back the rest of the queue', async () => {
    const first = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    const second = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    platform.failures = [{ kind: 'rate_limited', retryAfterMs: 3000 }];
    const w = worker();
    await w.drainPlatform('sandbox');
    expect(await row(first)).toMatchObject({
      status: 'pending',
      nextAttemptAt: now + 3000,
      lastError: 'rate_limited: scripted rate_limited',
    });
    expect(await row(second)).toMatchObject({ status: 'pending', attempts: 0 });
    now += 3000;
    await w.drainPlatform('sandbox');
    expect([(await row(first)).status, (await row(second)).status]).toEqual(['sent', 'sent']);
    expect(platform.delivered.map((d) => d.key)).toEqual([
      (await row(first)).idempotencyKey,
      (await row(second)).idempotencyKey,
    ]);
  });

  it('dead-letters after the maximum number of attempts', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    platform.failures = Array.from({ length: 10 }, () => ({ kind: 'transient' as const }));
    const w = worker(3);
    for (let i = 0; i < 5; i++) {
      await w.drainPlatform('sandbox');
      now += 60_000;
    }
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect(platform.calls).toHaveLength(3);
  });

  it('dead-letters a permanent error at once', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    platform.failures = [{ kind: 'permanent' }];
    await worker().drainPlatform('sandbox');
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'permanent: scripted permanent' });
  });

  it('does not send twice after a crash between the platform accepting and the row being marked', async () => {
    const id = await enqueue(db, { platform: 'sandbox', op: 'send', recipient: alice, message: hello }, now);
    // The process claimed the row and the platform accepted the message; then the process died.
    await db.update(outbox).set({ status: 'sending', attempts: 1 }).where(eq(outbox.id, id));
    await platform.send(alice, hello, { idempotencyKey: (await row(id)).idempotencyKey });
    // A new process starts.
    const w = worker();
    expect(await w.recoverInFlight()).toBe(1);
    await w.drainPlatform('sandbox');
    expect((await row(id)).status).toBe('sent');
    expect(platform.calls).toHaveLength(2);
    expect(platform.delivered).toHaveLength(1);
  });

  it('updates a card in place once its first copy is delivered', async () => {
    const sent = await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: alice, message: hello, cardKey: 'req:7' },
      now,
    );
    const upd = await enqueue(
      db,
      { platform: 'sandbox', op: 'update', recipient: alice, message: hello, cardKey: 'req:7' },
      now,
    );
    platform.failures = [{ kind: 'transient' }];
    const w = worker();
    await w.drainPlatform('sandbox');
    expect((await row(upd)).status).toBe('pending');
    expect(platform.updates).toHaveLength(0);
    now += 1000;
    await w.drainPlatform('sandbox');
    expect((await row(sent)).status).toBe('sent');
    expect((await row(upd)).status).toBe('sent');
    expect(platform.updates).toEqual([{ ref: { messageId: 'msg-1' }, msg: hello }]);
  });

  it('dead-letters an update for a card that was never delivered', async () => {
    const upd = await enqueue(
      db,
      { platform: 'sandbox', op: 'update', recipient: alice, message: hello, cardKey: 'nothing' },
      now,
    );
    await worker().drainPlatform('sandbox');
    expect(await row(upd)).toMatchObject({ status: 'dead', lastError: 'no delivered card to update' });
  });
});
