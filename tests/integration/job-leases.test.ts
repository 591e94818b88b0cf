// Leases on scheduled jobs (issue 21): with several instances on one database, the minute tick and the nightly
// jobs run on one instance at a time. takeLease on a real database, then two handles on one database (two
// instances: two connections to one SQLite file, or two pools on one PostgreSQL database) asking for the minute
// tick's lease at the same minute: exactly one runs it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEASE_TTL_MS, runLeased, tick } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openConfiguredDatabase } from '../../src/db/connection.js';
import { releaseLease, takeLease } from '../../src/domain/job-leases.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createSchedule } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { freshDb } from '../support/db.js';
import { ownDatabase } from '../support/own-database.js';
import { sqlFor } from '../support/sql.js';

const T0 = new Date('2026-12-07T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('takeLease', () => {
  it('goes to the first owner; another gets it only once it expired; the holder renews', async () => {
    const db = await freshDb();
    expect(await takeLease(db, 'tick', 'a', T0, 50_000)).toBe(true);
    expect(await takeLease(db, 'tick', 'b', at(10_000), 50_000)).toBe(false);
    // The holder renews before it expires: still a's, now until 30 s + 50 s.
    expect(await takeLease(db, 'tick', 'a', at(30_000), 50_000)).toBe(true);
    expect(await takeLease(db, 'tick', 'b', at(60_000), 50_000)).toBe(false);
    // Expired (a did not renew): b takes it, and a no longer holds it.
    expect(await takeLease(db, 'tick', 'b', at(90_000), 50_000)).toBe(true);
    expect(await takeLease(db, 'tick', 'a', at(100_000), 50_000)).toBe(false);
    // Leases are per job.
    expect(await takeLease(db, 'retention', 'a', at(100_000), 600_000)).toBe(true);
    await closeDatabase(db);
  });

  it('releaseLease lets another owner take it at once; a non-holder releases nothing', async () => {
    const db = await freshDb();
    expect(await takeLease(db, 'tick', 'a', T0, 50_000)).toBe(true);
    await releaseLease(db, 'tick', 'b');
    expect(await takeLease(db, 'tick', 'b', at(1_000), 50_000)).toBe(false);
    await releaseLease(db, 'tick', 'a');
    expect(await takeLease(db, 'tick', 'b', at(1_000), 50_000)).toBe(true);
    await closeDatabase(db);
  });
});

describe('two instances on one database', () => {
  it('each minute, the tick runs on exactly one of them', async () => {
    const shared = await ownDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-lease-')), 'shared.db'));
    const settings = { databasePath: shared.DATABASE_PATH, databaseUrl: shared.DATABASE_URL };
    const a = await openConfiguredDatabase(settings);
    await seedDemoOrg(a);
    const s = await createSchedule(a, {
      templateId: await ensureDefaultTemplate(a),
      cron: '* * * * *',
      timezone: 'Asia/Shanghai',
      audienceUnitId: null,
      durationDays: 3,
      reminderDays: [1],
      actor: { kind: 'system' },
      now: new Date(T0.getTime() - 30_000),
    });
    expect(s.ok).toBe(true);
    const b = await openConfiguredDatabase(settings);
    const config = loadConfig({ NODE_ENV: 'test', ...shared, LOG_LEVEL: 'silent' });
    const minuteTick = async (db: typeof a, owner: string, now: Date) =>
      await runLeased(
        db,
        'tick',
        owner,
        LEASE_TTL_MS.tick,
        now,
        async () => await tick(db, config, new Set(['sandbox']), now),
      );

    // The same minute on both: the first to ask runs it, the other skips it.
    const first = await minuteTick(a, 'instance-a', at(1_000));
    const second = await minuteTick(b, 'instance-b', at(1_200));
    expect(first.ran && first.result.launched.length).toBe(1);
    expect(second.ran).toBe(false);

    // The next minute the lease has expired: whichever asks first runs it (here b), the other skips it.
    const third = await minuteTick(b, 'instance-b', at(61_000));
    const fourth = await minuteTick(a, 'instance-a', at(61_100));
    expect(third.ran && third.result.launched.length).toBe(1);
    expect(fourth.ran).toBe(false);

    const waves = await sqlFor(a).rows<{ f: string }>('select scheduled_for as f from survey_waves order by id');
    expect(waves.map((w) => w.f)).toEqual([T0.toISOString(), at(60_000).toISOString()]);
    await closeDatabase(a);
    await closeDatabase(b);
  });
});
