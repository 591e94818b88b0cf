// Issue 21: the sandbox chat lives in the database, so two instances behind a load balancer serve one chat —
// the page polls one, the bot's reply may have been delivered by the other. Two apps (createApp) on the same
// database: the SQLite file, or on a PostgreSQL run one database. A resend with the same idempotency key (an
// outbox row retried after a crash, perhaps by the other instance) shows one message; so does a message event
// posted twice.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createDatabase } from '../support/postgres.js';
import { sandboxSignIn, type SandboxMessage } from '../support/sandbox-client.js';
import { sqlFor } from '../support/sql.js';

interface Instance {
  app: App;
  url: string;
}

const dir = mkdtempSync(join(tmpdir(), 'vitality-two-'));
let one: Instance;
let two: Instance;

async function instance(databaseUrl: string | undefined): Promise<Instance> {
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'shared.db'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'always',
    OUTBOX_POLL_MS: '50',
    SCHEDULER_ENABLED: 'false',
    // One secret for both, as the README asks of instances behind one proxy: a session from one is read by both.
    SESSION_SECRET: 'two-instances-share-this-session-secret-0123456789',
  });
  const app = await createApp(config, createLogger('silent'));
  return { app, url: await app.server.listen({ port: 0, host: '127.0.0.1' }) };
}

beforeAll(async () => {
  const url = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL) : undefined;
  one = await instance(url);
  two = await instance(url);
});
afterAll(async () => {
  await one?.app.close();
  await two?.app.close();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = async (email: string) =>
  (await sqlFor(one.app.db).row<{ id: number }>('select id from employees where email = ?', email))!.id;

async function poll(at: Instance, personId: number, cookie: string): Promise<SandboxMessage[]> {
  const res = await fetch(`${at.url}/sandbox/api/messages?personId=${personId}&since=0`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: SandboxMessage[] }).messages;
}

async function post(at: Instance, cookie: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${at.url}/sandbox/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  return res.status;
}

describe('the sandbox chat on two instances', () => {
  it("a message sent through one and the bot's answer are both on the other's poll", async () => {
    const me = await idOf('wang.fang@qingyun.example');
    const cookie = await sandboxSignIn(one.url, me);
    expect(await post(one, cookie, { personId: me, text: '/help', eventId: randomUUID() })).toBe(200);
    await one.app.core.whenIdle();
    await Promise.all([one.app.worker.drainUntilIdle(), two.app.worker.drainUntilIdle()]);
    const seen = await poll(two, me, cookie);
    expect(seen.filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['/help']);
    expect(seen.filter((m) => m.from === 'bot').length).toBeGreaterThan(0);
    // Both instances show the same chat.
    expect(await poll(one, me, cookie)).toEqual(seen);
  });

  it('a resend with the same key, through either instance, shows one message', async () => {
    const me = await idOf('li.ming@qingyun.example');
    const cookie = await sandboxSignIn(two.url, me);
    const to = { kind: 'user' as const, platformUserId: String(me) };
    const message = { kind: 'text' as const, text: 'Your pulse survey is open' };
    const key = randomUUID();
    const first = await one.app.adapters.get('sandbox')!.send(to, message, { idempotencyKey: key, attempt: 1 });
    const again = await two.app.adapters.get('sandbox')!.send(to, message, { idempotencyKey: key, attempt: 2 });
    expect(again).toEqual(first);
    // A message event posted twice (the page retried) is one message too.
    const eventId = randomUUID();
    expect(await post(two, cookie, { personId: me, text: 'hello', eventId })).toBe(200);
    expect(await post(one, cookie, { personId: me, text: 'hello', eventId })).toBe(200);
    const seen = await poll(one, me, cookie);
    expect(seen.filter((m) => m.text === 'Your pulse survey is open')).toHaveLength(1);
    expect(seen.filter((m) => m.from === 'user' && m.text === 'hello')).toHaveLength(1);
  });
});
