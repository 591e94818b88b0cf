// The database goes away in the middle of a delivery (issue 21's bad input, met by a CI run of
// database-lost.test.ts under load). Two moments, each played on a cluster of this file's own:
// - the platform took the message, then the database went before the outbox recorded it as sent;
// - the database went before the call (here the sandbox chat, which keeps its messages in the database, fails).
// Either way the row was left 'sending' until its five-minute lease ran out, and the first case then sent it a
// second time. Now the worker keeps what the database refused and does it first when the database is back: the
// message is recorded as sent (the first case) or given back and delivered (the second), once, with no restart.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlatformAdapter } from '../../src/bot/port.js';
import { startPostgres } from '../support/postgres.js';

const cluster = await startPostgres();
// The tables are chosen when src/db/schema.ts loads: set DATABASE_URL before the first import of src.
process.env.DATABASE_URL = cluster.url;
const { startHarness } = await import('../support/harness.js');
const { sandboxSignIn } = await import('../support/sandbox-client.js');

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness;
const logs: string[] = [];
let cookie: string;
let personId: number;
let sandbox: PlatformAdapter & { store: { since(conversation: string, v: number): Promise<{ from: string }[]> } };
let realSend: PlatformAdapter['send'];

beforeAll(async () => {
  h = await startHarness({ logs });
  personId = (await h.sql.row<{ id: number }>('select min(id) as id from employees where active = true'))!.id;
  cookie = await sandboxSignIn(h.url, personId);
  sandbox = h.app.adapters.get('sandbox') as typeof sandbox;
  realSend = sandbox.send.bind(sandbox);
  await h.drainOutbox();
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await cluster.stop();
});

const help = () =>
  fetch(`${h.url}/sandbox/api/send`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ personId, text: '/help', eventId: crypto.randomUUID() }),
  });
const failedRounds = () => logs.filter((l) => l.includes('outbox: worker loop failed')).length;
const botMessages = async () => (await sandbox.store.since(String(personId), 0)).filter((m) => m.from === 'bot');

/** Ask for /help with `send` in place for the reply's call; wait for the worker's round to fail with the
 *  database gone; start it again and drain: every row sent, the reply's with one attempt, one message more. */
async function deliveredOnceAfter(send: PlatformAdapter['send']): Promise<void> {
  const before = (await botMessages()).length;
  const failed = failedRounds();
  sandbox.send = send;
  expect((await help()).status).toBe(200);
  await vi.waitFor(() => expect(failedRounds()).toBeGreaterThan(failed), { timeout: 20_000, interval: 50 });

  await cluster.startServer();
  await h.drainOutbox({ timeoutMs: 20_000 });
  const rows = await h.outbox();
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  expect(rows.at(-1)!.attempts).toBe(1);
  expect((await botMessages()).length).toBe(before + 1);
}

describe('the database goes away during a delivery', () => {
  it('after the platform took the message: recorded as sent once it is back, not sent again', async () => {
    await deliveredOnceAfter(async (...args) => {
      const sent = await realSend(...args);
      sandbox.send = realSend;
      await cluster.stopServer('immediate');
      return sent;
    });
  });

  // The failed attempt is given back with the claim: the delivery that gets through is its first.
  it('before the call got through: the claim is given back once it is back, and the message delivered once', async () => {
    await deliveredOnceAfter(async (...args) => {
      sandbox.send = realSend;
      await cluster.stopServer('immediate');
      return await realSend(...args);
    });
  });
});
