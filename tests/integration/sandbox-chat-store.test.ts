// The sandbox chat in the database (src/domain/delivery/sandbox-chat.ts): versions rise with every change so a
// poll "since v" misses nothing, also when two instances write at once; a conversation keeps its last 200.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { closeDatabase, openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { databaseSandboxChat } from '../../src/domain/delivery/sandbox-chat.js';
import { createDatabase } from '../support/postgres.js';

async function twoHandles(): Promise<[Db, Db]> {
  const url = process.env.DATABASE_URL;
  const where = url
    ? { databasePath: '', databaseUrl: await createDatabase(url) }
    : { databasePath: join(mkdtempSync(join(tmpdir(), 'vitality-chat-')), 'shared.db') };
  const first = await openConfiguredDatabase(where);
  return [first, await openConfiguredDatabase(where)];
}

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await closeDatabase(db);
});

describe('the sandbox chat store', () => {
  it('a replaced card comes back on the next poll with a newer version; other conversations are apart', async () => {
    const [a, b] = await twoHandles();
    open.push(a, b);
    const one = databaseSandboxChat(a);
    const other = databaseSandboxChat(b);
    const hello = await one.add('7', { from: 'user', text: 'hello' }, 'in:1');
    const reply = await one.add('7', { from: 'bot', card: card({ blocks: [{ type: 'text', markdown: 'Hi' }] }) }, 'k1');
    await one.add('8', { from: 'bot', text: 'someone else' }, 'k2');
    const v = await other.currentVersion();
    expect(await other.since('7', v)).toEqual([]);
    expect(await other.replaceCard(reply.id, card({ blocks: [{ type: 'text', markdown: 'Done' }] }))).toBe(true);
    const news = await one.since('7', v);
    expect(news.map((m) => m.id)).toEqual([reply.id]);
    expect(news[0]!.version).toBeGreaterThan(v);
    expect(JSON.stringify(news[0]!.card)).toContain('Done');
    expect((await other.since('7', 0)).map((m) => m.id)).toEqual([hello.id, reply.id]);
    expect(await other.get(reply.id)).toMatchObject({ conversation: '7', message: { from: 'bot' } });
    expect(await other.replaceCard('m999999', card({ blocks: [] }))).toBe(false);
    expect(await other.get('nonsense')).toBeUndefined();
  });

  it('two instances adding at once: every message once, each with a version of its own', async () => {
    const [a, b] = await twoHandles();
    open.push(a, b);
    const stores = [databaseSandboxChat(a), databaseSandboxChat(b)];
    const added = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 2]!.add('7', { from: 'bot', text: `#${i}` }, `k${i % 30}`)),
    );
    // Keys k0…k9 were used twice: those ten are one message each.
    const seen = await stores[0]!.since('7', 0);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((m) => m.version)).size).toBe(30);
    expect(new Set(added.map((m) => m.id)).size).toBe(30);
  });

  it('keeps the last 200 messages of a conversation', async () => {
    const [a, b] = await twoHandles();
    open.push(a, b);
    const chat = databaseSandboxChat(a);
    for (let i = 1; i <= 205; i++) await chat.add('7', { from: 'bot', text: `#${i}` }, `k${i}`);
    const kept = await chat.since('7', 0);
    expect(kept).toHaveLength(200);
    expect(kept[0]!.text).toBe('#6');
    expect(kept.at(-1)!.text).toBe('#205');
  });
});
