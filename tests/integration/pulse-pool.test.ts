// The sealed pool across restarts, key changes and upgrades: nothing a person submitted is lost while it
// waits, a wrong key publishes nothing (and changes nothing), and waves answered before the pool existed
// are published the same way once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { deriveSealKey } from '../../src/domain/surveys/seal.js';
import {
  closeExpiredWaves,
  closeWave,
  getWave,
  publishPendingWaves,
  submitAnswers,
} from '../../src/domain/surveys/waves.js';
import { createLogger } from '../../src/logger.js';
import { freshDb } from '../support/db.js';
import { ownDatabase } from '../support/own-database.js';
import { launchTo as launchWaveTo, TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const DAY = 86_400_000;
const T0 = new Date('2026-05-04T01:00:00Z');

const launchTo = (db: Awaited<ReturnType<typeof freshDb>>, unit: string) => launchWaveTo(db, unit, T0);

const count = async (db: Awaited<ReturnType<typeof freshDb>>, sql: string, ...args: unknown[]) =>
  ((await sqlFor(db).row(sql, ...args)) as { n: number }).n;

describe('the pool survives a restart', () => {
  it('answers pooled before a restart are all published at close after it (key file beside the database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitality-restart-'));
    // The key file lives beside DATABASE_PATH on either database (on PostgreSQL the rows are in its own one).
    const env = {
      ...(await ownDatabase(join(dir, 'v.db'))),
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'always',
      SCHEDULER_ENABLED: 'false',
      SANDBOX_ENABLED: 'false',
    };
    const first = await createApp(loadConfig(env), createLogger('silent'));
    const { wave, people, values } = await launchTo(first.db, '上海徐汇店');
    for (const p of people)
      expect(
        (
          await inTransaction(
            first.db,
            async () =>
              await submitAnswers(first.db, surveySealKey(first.config), {
                waveId: wave.id,
                employeeId: p,
                values: values(4),
                now: T0,
              }),
          )
        ).ok,
      ).toBe(true);
    await first.close();

    const second = await createApp(loadConfig(env), createLogger('silent'));
    expect(await count(second.db, 'select count(*) as n from survey_pool where wave_id = ?', wave.id)).toBe(
      people.length,
    );
    const r = await inTransaction(
      second.db,
      async () =>
        await closeWave(second.db, surveySealKey(second.config), wave.id, new Date(T0.getTime() + DAY), {
          kind: 'system',
        }),
    );
    expect(r.ok).toBe(true);
    expect(await count(second.db, 'select count(*) as n from survey_responses where wave_id = ?', wave.id)).toBe(
      people.length,
    );
    expect(await count(second.db, 'select count(*) as n from survey_pool')).toBe(0);
    await second.close();
  });
});

describe('a changed SURVEY_SEAL_SECRET', () => {
  it('leaves the wave open with everything still sealed, until the right secret is back', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const { wave, people, values } = await launchTo(db, '杭州西湖店');
    for (const p of people)
      await inTransaction(
        db,
        async () => await submitAnswers(db, TEST_SEAL, { waveId: wave.id, employeeId: p, values: values(3), now: T0 }),
      );
    const wrong = deriveSealKey(randomBytes(32));
    expect(
      await inTransaction(
        db,
        async () => await closeWave(db, wrong, wave.id, new Date(T0.getTime() + DAY), { kind: 'system' }),
      ),
    ).toEqual({ ok: false, code: 'unreadable' });
    expect(
      await inTransaction(db, async () => await closeExpiredWaves(db, wrong, new Date(T0.getTime() + 4 * DAY))),
    ).toEqual({
      closed: [],
      unreadable: [wave.id],
    });
    expect(await getWave(db, wave.id)).toMatchObject({ closedAt: null, published: null });
    expect(await count(db, 'select count(*) as n from survey_pool where wave_id = ?', wave.id)).toBe(people.length);
    expect(await count(db, 'select count(*) as n from survey_responses')).toBe(0);
    expect(
      await inTransaction(db, async () => await closeExpiredWaves(db, TEST_SEAL, new Date(T0.getTime() + 4 * DAY))),
    ).toEqual({
      closed: [wave.id],
      unreadable: [],
    });
    expect(await count(db, 'select count(*) as n from survey_responses where wave_id = ?', wave.id)).toBe(
      people.length,
    );
  });
});

describe('waves answered before the pool existed', () => {
  it('a closed legacy wave is published once on start; an open one merges its old rows with the pool at close', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const closed = await launchTo(db, '上海徐汇店');
    const open = await launchTo(db, '深圳南山店');
    // The old way: plaintext rows under the launch unit, in arrival order; the wave closed without publication.
    const legacy = async (w: Awaited<ReturnType<typeof launchTo>>, n: number) => {
      const unitId = (
        (await sqlFor(db).row(
          'select unit_id as u from survey_participation where wave_id = ? limit 1',
          w.wave.id,
        )) as { u: number }
      ).u;
      for (const p of w.people.slice(0, n)) {
        const rid = randomBytes(16).toString('hex');
        await sqlFor(db).run(
          'insert into survey_responses (id, wave_id, unit_id) values (?, ?, ?)',
          rid,
          w.wave.id,
          unitId,
        );
        for (const [item, v] of Object.entries(w.values(2)))
          await sqlFor(db).run(
            'insert into survey_answers (response_id, item_id, value) values (?, ?, ?)',
            rid,
            Number(item.slice(1)),
            Number(v),
          );
        await sqlFor(db).run(
          'insert into survey_comments (id, wave_id, unit_id, text) values (?, ?, ?, ?)',
          randomBytes(16).toString('hex'),
          w.wave.id,
          unitId,
          `old comment ${p}`,
        );
        await sqlFor(db).run(
          'update survey_participation set answered = true where wave_id = ? and employee_id = ?',
          w.wave.id,
          p,
        );
      }
    };
    await legacy(closed, 6);
    await sqlFor(db).run(
      'update survey_waves set closed_at = ? where id = ?',
      new Date(T0.getTime() + DAY).toISOString(),
      closed.wave.id,
    );
    await legacy(open, 3);

    expect(await inTransaction(db, async () => await publishPendingWaves(db, TEST_SEAL))).toEqual([closed.wave.id]);
    expect((await getWave(db, closed.wave.id))!.published?.units.size).toBeGreaterThan(0);
    expect(await inTransaction(db, async () => await publishPendingWaves(db, TEST_SEAL))).toEqual([]);
    expect(await count(db, 'select count(*) as n from survey_responses where wave_id = ?', closed.wave.id)).toBe(6);

    // Two more answer through the pool; at close all five are published together (5 ≥ K).
    for (const p of open.people.slice(3, 5))
      expect(
        (
          await inTransaction(
            db,
            async () =>
              await submitAnswers(db, TEST_SEAL, {
                waveId: open.wave.id,
                employeeId: p,
                values: open.values(5),
                now: T0,
              }),
          )
        ).ok,
      ).toBe(true);
    expect(
      (
        await inTransaction(
          db,
          async () => await closeWave(db, TEST_SEAL, open.wave.id, new Date(T0.getTime() + DAY), { kind: 'system' }),
        )
      ).ok,
    ).toBe(true);
    expect(await count(db, 'select count(*) as n from survey_responses where wave_id = ?', open.wave.id)).toBe(5);
    expect(await count(db, 'select count(*) as n from survey_comments where wave_id = ?', open.wave.id)).toBe(0);
    const store = ((await sqlFor(db).row("select id from org_units where name = '深圳南山店'")) as { id: number }).id;
    expect(
      await sqlFor(db).rows('select distinct unit_id as u from survey_responses where wave_id = ?', open.wave.id),
    ).toEqual([{ u: store }]);
  });
});
