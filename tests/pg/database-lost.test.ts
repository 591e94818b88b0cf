// The database goes away while Vitality runs (issue 21's bad input: PostgreSQL stopped, crashed, restarted, or
// every backend ended by a DBA). Requests answer 503 with a clear message in the caller's language and a
// Retry-After — not a 500, not a hang; the process stays up (pg's 'error' events on idle and checked-out
// clients are handled); the outbox worker and the scheduler log and keep going; /readyz says the database is
// down. When PostgreSQL is back, the same requests succeed without restarting Vitality, and a unit of work cut
// off mid-way left nothing behind. A cluster of this file's own (tests/support/postgres.ts), since it is stopped.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPostgres } from '../support/postgres.js';

const cluster = await startPostgres();
// The tables are chosen when src/db/schema.ts loads: set DATABASE_URL before the first import of src.
process.env.DATABASE_URL = cluster.url;
const { startHarness } = await import('../support/harness.js');
const { sandboxSignIn } = await import('../support/sandbox-client.js');
const { DatabaseUnavailable } = await import('../../src/db/connection.js');
const { unitOfWork } = await import('../../src/domain/unit-of-work.js');
const { t } = await import('../../src/i18n/index.js');
const { recordInbound } = await import('../../src/domain/inbound-events.js');
const { startScheduler } = await import('../../src/bot/scheduler.js');

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness;
const logs: string[] = [];
let cookie: string;
let personId: number;

beforeAll(async () => {
  h = await startHarness({ logs });
  personId = (await h.sql.row<{ id: number }>('select min(id) as id from employees where active = true'))!.id;
  cookie = await sandboxSignIn(h.url, personId);
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await cluster.stop();
});

/** A web API call: the session guard reads the database, then the route does. */
const me = (locale = 'en') => fetch(`${h.url}/api/me`, { headers: { cookie, 'accept-language': locale } });
/** A sandbox chat command: records the event, audits it and enqueues the reply, in one unit of work. */
const send = (eventId: string) =>
  fetch(`${h.url}/sandbox/api/send`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ personId, text: '/help', eventId }),
  });
const cutRows = async (prefix: string) =>
  (await h.sql.row<{ n: number }>('select count(*) as n from inbound_events where event_id like ?', `${prefix}%`))!.n;
/** Log lines (pino JSON) whose message is msg. */
const logged = (msg: string) =>
  logs.map((l) => JSON.parse(l) as { msg: string; level: number }).filter((l) => l.msg === msg);

async function expectUnavailable(res: Response, locale: 'en' | 'zh-CN' = 'en'): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(await res.json()).toMatchObject({
    error: t(locale, 'error.databaseUnavailable'),
    code: 'database_unavailable',
  });
}

describe('PostgreSQL goes away while Vitality runs', () => {
  // Sandbox events: the platform's id of each (a UUID), so one can be sent again as a platform retries.
  const duringOutage = randomUUID();

  it('serves requests before', async () => {
    expect((await me()).status).toBe(200);
    const r = await send(randomUUID());
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ outcome: 'handled' });
  });

  it('stopped mid unit of work: the unit fails as DatabaseUnavailable; requests answer 503 with Retry-After; the worker logs', async () => {
    // A multi-row write cut off by a crash of the server between its statements.
    const cut = unitOfWork(h.app.db, async (tx) => {
      for (let i = 0; i < 5; i++) await recordInbound(tx, 'sandbox', `crash-${i}`);
      await cluster.stopServer('immediate');
      await recordInbound(tx, 'sandbox', 'crash-5');
    });
    await expect(cut).rejects.toBeInstanceOf(DatabaseUnavailable);

    await expectUnavailable(await me());
    await expectUnavailable(await me('zh-CN'), 'zh-CN');
    await expectUnavailable(await send(duringOutage));
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(503);
    const readiness = (await ready.json()) as { checks: { database: { ok: boolean; detail: string } } };
    expect(readiness.checks.database).toEqual({ ok: false, detail: 'unreachable' });
    // The driver's error (host, port, user) is not shown to whoever asks.
    expect(JSON.stringify(readiness)).not.toContain('127.0.0.1');
    // Liveness: the process answers (restarting it would not bring the database back).
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(logged('request failed: the database is unavailable')).toHaveLength(3);
    expect(logged('request failed')).toEqual([]); // no 500s

    // The outbox worker's rounds fail, are logged, and it keeps polling (it does not stop, nor end the process),
    // waiting longer after each failed round: double the last wait, from OUTBOX_POLL_MS.
    const failures = () => logged('outbox: worker loop failed') as unknown as { retryInMs: number }[];
    h.app.worker.kick();
    await vi.waitFor(() => expect(failures().length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 50 });
    expect(failures().map((l) => l.retryInMs)).toEqual(failures().map((_, i) => 50 * 2 ** i));

    // The scheduler's tick (run at start, then every minute) fails the same way: logged, and the next one is
    // tried on the minute. It is off in the harness, so start one here, as app.ts does.
    const scheduler = await startScheduler({
      db: h.app.db,
      config: h.app.config,
      platforms: new Set(h.app.adapters.keys()),
      directories: new Map(),
      logger: h.app.logger.child({ component: 'scheduler' }),
      onEnqueued: () => h.app.worker.kick(),
      reach: h.app.reach,
    });
    scheduler.stop();
    expect(logged('scheduler: tick failed')).toHaveLength(1);

    // The pool's idle connections were cut too: each 'error' it emitted was heard and logged.
    await vi.waitFor(() =>
      expect(logged('database: an idle connection was closed by the server').length).toBeGreaterThan(0),
    );
  });

  it('back again: the same requests succeed without a restart, and the cut unit of work left nothing', async () => {
    await cluster.startServer();
    expect((await me()).status).toBe(200);
    // The event refused during the outage was not recorded: sent again, it is handled, not a duplicate.
    const r = await send(duringOutage);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ outcome: 'handled' });
    expect(await cutRows('crash-')).toBe(0);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    // The outbox worker delivers again: the replies to both /help commands reach the chat.
    await h.drainOutbox({ timeoutMs: 20_000 });
    expect((await h.outbox()).filter((row) => row.status !== 'sent')).toEqual([]);
  });

  it('every backend ended by a DBA (pg_terminate_backend): the unit of work cut mid-way is all or nothing, and requests recover', async () => {
    const database = new URL(h.app.config.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      const cut = unitOfWork(h.app.db, async (tx) => {
        for (let i = 0; i < 5; i++) await recordInbound(tx, 'sandbox', `terminated-${i}`);
        // This unit's own backend is among them.
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
        await recordInbound(tx, 'sandbox', 'terminated-5');
      });
      await expect(cut).rejects.toBeInstanceOf(DatabaseUnavailable);
    } finally {
      await admin.end();
    }
    // The pool drops the ended connections as it learns of them; until then a request may meet one and answer
    // 503 (never 500), after that it is served.
    await vi.waitFor(
      async () => {
        const res = await me();
        if (res.status === 503) await expectUnavailable(res);
        expect(res.status).toBe(200);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(await cutRows('terminated-')).toBe(0);
    const r = await send(randomUUID());
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ outcome: 'handled' });
    expect(logged('request failed')).toEqual([]);
  });
});
