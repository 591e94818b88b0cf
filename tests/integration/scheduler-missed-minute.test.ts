// Two ways a scheduled minute could run nowhere with two instances (tests/pg/two-instances.test.ts once saw a
// survey every minute launch two waves in three minutes, the middle minute missing; its logs were not kept, and
// these are the two ways that can happen):
// - node-cron skipped a minute whose timer fired two seconds late (its default tolerance is one second), and
//   the next tick launches only the latest due run, so that minute's survey was never sent;
// - the tick on start, taken off the minute, held the tick's lease for 50 s — over the next minute's start, when
//   the other instance was refused and only this one could run it.
// The scheduler runs here under a fake clock on a real database.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScheduler, tickLeaseMs } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, inTransaction } from '../../src/db/connection.js';
import { takeLease } from '../../src/domain/job-leases.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createSchedule } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const MINUTE = Date.parse('2026-12-07T01:01:00Z');
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'true' });

async function startAt(db: Awaited<ReturnType<typeof freshDb>>, owner: string) {
  return await startScheduler({
    db,
    config,
    platforms: new Set(),
    directories: new Map(),
    logger: pino({ level: 'silent' }),
    onEnqueued: () => {},
    owner,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the minute tick with two instances', () => {
  it('the lease of a tick taken off the minute lapses before the next minute starts', async () => {
    expect(tickLeaseMs(new Date(MINUTE + 500))).toBe(50_000);
    expect(tickLeaseMs(new Date(MINUTE + 30_000))).toBe(29_000);
    expect(tickLeaseMs(new Date(MINUTE + 59_500))).toBe(0);

    const db = await freshDb();
    vi.useFakeTimers({ now: MINUTE - 2_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Instance X starts two seconds before the minute: its tick on start takes the lease.
    const x = await startAt(db, 'instance-x');
    expect(await sqlFor(db).row('select owner from job_leases where name = ?', 'tick')).toEqual({
      owner: 'instance-x',
    });
    // At the minute's start, instance Y may take it (X's timer may be late, or X gone).
    expect(await takeLease(db, 'tick', 'instance-y', new Date(MINUTE), tickLeaseMs(new Date(MINUTE)))).toBe(true);
    x.stop();
    await closeDatabase(db);
  });

  it("a minute whose timer fires late still runs: that minute's scheduled survey is launched", async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const schedule = await inTransaction(db, async () =>
      createSchedule(db, {
        templateId: await ensureDefaultTemplate(db),
        cron: '* * * * *',
        timezone: 'Asia/Shanghai',
        audienceUnitId: null,
        durationDays: 3,
        reminderDays: [],
        actor: { kind: 'system' },
        now: new Date(MINUTE - 30_000),
      }),
    );
    expect(schedule.ok).toBe(true);
    vi.useFakeTimers({ now: MINUTE - 20_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const x = await startAt(db, 'instance-x');
    // The timer due at the minute's start fires 3 s late (a busy event loop): the wall clock is moved on 3 s
    // without running timers (the fake clock shifts them along), then time runs to the minute's start + 3 s.
    vi.setSystemTime(MINUTE - 17_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(Date.now()).toBe(MINUTE + 3_000);
    await vi.waitFor(
      async () =>
        expect(await sqlFor(db).rows('select scheduled_for as f from survey_waves')).toEqual([
          { f: new Date(MINUTE).toISOString() },
        ]),
      { timeout: 5_000, interval: 50 },
    );
    x.stop();
    await closeDatabase(db);
  });
});
