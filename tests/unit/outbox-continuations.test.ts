// A card too big for one message reaches its reader whole: the first part is the message, the rest follows as
// sends of their own, queued once even when the first send is retried.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { card, type CardView } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import type { Db } from '../../src/db/connection.js';
import { outbox } from '../../src/db/schema.js';
import { benchOf, scriptedOutbox } from '../support/outbox-bench.js';
import { textOf, type ScriptedPlatform } from '../support/scripted-platform.js';

const alice = { kind: 'user' as const, platformUserId: 'u1' };
const lines = Array.from(
  { length: 120 },
  (_, i) => `- Unit q${i + 1}: average ${(3 + (i % 20) / 10).toFixed(1)}, answers ${10 + i}`,
);
const report = card({
  header: { title: 'Pulse report', tone: 'info' },
  blocks: [
    { type: 'text', markdown: lines.join('\n') },
    { type: 'actions', buttons: [{ label: 'Open', action: { k: 'report.open' } }] },
  ],
});
const shown = (cards: CardView[]) =>
  cards.map((c) => c.blocks.map((b) => (b.type === 'text' ? b.markdown : '')).join('\n')).join('\n');

describe('outbox: continuations of a card that does not fit one message', () => {
  let db: Db;
  let now: number;
  let platform: ScriptedPlatform;
  const { worker } = benchOf(() => ({ db, platform, now }));
  beforeEach(async () => {
    ({ db, now, platform } = await scriptedOutbox(() => now));
    platform.maxCardChars = 2_000;
  });

  it('sends the first part, then every continuation once, in order, each within the limit', async () => {
    const id = await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: alice, message: { kind: 'card', card: report }, cardKey: 'r1' },
      now,
    );
    await worker().drainUntilIdle();
    const cards = platform.delivered.map((d) => (d.msg.kind === 'card' ? d.msg.card : card({ blocks: [] })));
    expect(cards.length).toBeGreaterThan(2);
    for (const c of cards) expect(textOf(c).length).toBeLessThanOrEqual(2_000);
    const all = shown(cards);
    for (const line of lines) expect(all).toContain(line);
    // Reading order: each line appears after the one before it.
    const at = lines.map((l) => all.indexOf(l));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The button is on the first part, the message later updates edit; the rest are titled "(i/n)".
    expect(cards[0]!.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(cards[1]!.header?.title).toBe(`Pulse report (2/${cards.length})`);
    expect(platform.delivered.every((d) => d.to.kind === 'user' && d.to.platformUserId === 'u1')).toBe(true);
    const rows = await db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.find((r) => r.id === id)?.sentRef).toBe(JSON.stringify({ messageId: 'msg-1' }));
  });

  it('a first send retried after a crash queues the continuations once', async () => {
    await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: alice, message: { kind: 'card', card: report } },
      now,
    );
    platform.crashAfterAccepting = true;
    const w = worker();
    await w.drainPlatform('sandbox');
    expect(await db.select().from(outbox)).toHaveLength(1);
    now += 60_000;
    await w.drainUntilIdle();
    const keys = platform.delivered.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    const rows = await db.select().from(outbox);
    expect(rows).toHaveLength(platform.delivered.length);
    expect(
      rows.filter((r) => r.id !== rows[0]!.id).every((r) => r.idempotencyKey.startsWith(`${rows[0]!.idempotencyKey}:`)),
    ).toBe(true);
    expect(await db.select().from(outbox).where(eq(outbox.status, 'sent'))).toHaveLength(rows.length);
  });
});
