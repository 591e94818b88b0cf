// What the minute tick removes: expired exports (report data nobody may download any more) — and nothing
// else (ended sessions are left to the nightly retention prune, tests/integration/retention.test.ts).
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { inTransaction } from '../../src/db/connection.js';
import { createExport, findExport } from '../../src/domain/exports.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createSession, findSession, revokeSession } from '../../src/domain/sessions.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const HOUR = 3_600_000;
const policy = { idleMs: 2 * HOUR, maxMs: 10 * HOUR };

describe('the tick purges what is due, and nothing else', () => {
  it('expired exports go; live ones stay; sessions are left alone', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const hr = (
      (await sqlFor(db).row("select id from employees where email = 'lin.xiaowen@qingyun.example'")) as { id: number }
    ).id;
    const t0 = new Date('2026-06-01T00:00:00Z');
    const old = await inTransaction(
      db,
      async () =>
        await createExport(db, {
          filename: 'a.csv',
          contentType: 'text/csv',
          body: 'x',
          createdBy: hr,
          now: t0,
          what: 'pulse:wave:1',
        }),
    );
    const fresh = await inTransaction(
      db,
      async () =>
        await createExport(db, {
          filename: 'b.csv',
          contentType: 'text/csv',
          body: 'y',
          createdBy: hr,
          now: new Date(t0.getTime() + 20 * HOUR),
          what: 'pulse:wave:2',
        }),
    );
    const ended = await createSession(db, { employeeId: hr, via: 'test', now: t0, policy });
    const revoked = await createSession(db, {
      employeeId: hr,
      via: 'test',
      now: new Date(t0.getTime() + 30 * HOUR),
      policy,
    });
    await revokeSession(db, revoked.id, new Date(t0.getTime() + 31 * HOUR));
    const live = await createSession(db, {
      employeeId: hr,
      via: 'test',
      now: new Date(t0.getTime() + 34 * HOUR),
      policy,
    });
    const now = new Date(t0.getTime() + 35 * HOUR);
    const config = loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' });
    const r = await tick(db, config, new Set(), now);
    expect(r).toMatchObject({ exportsPurged: 1 });
    expect(await findExport(db, old, t0)).toBeUndefined();
    expect(await findExport(db, fresh, now)).toMatchObject({ filename: 'b.csv' });
    // Sessions are untouched by the tick: ended ones are refused, the live one works.
    expect(await findSession(db, ended.id, now, policy)).toEqual({ ok: false, reason: 'expired' });
    expect(await findSession(db, revoked.id, now, policy)).toEqual({ ok: false, reason: 'revoked' });
    expect(await findSession(db, live.id, now, policy)).toMatchObject({ ok: true });
    expect(await tick(db, config, new Set(), now)).toMatchObject({ exportsPurged: 0 });
  });
});
