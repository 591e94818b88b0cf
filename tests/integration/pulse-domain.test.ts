// Survey rules that need no chat: empty audiences, past close dates, schedules that catch up once.
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { runDueSchedules, createSchedule, latestDueRun } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { launchWave, reminderTimes, type SurveyMessenger } from '../../src/domain/surveys/waves.js';
import { importOrgCsv } from '../../src/domain/org/org-import.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const DAY = 24 * 60 * 60 * 1000;
const recorder = () => {
  const invited: number[] = [];
  const messenger: SurveyMessenger = {
    invite: async (e) => {
      invited.push(e);
    },
    remind: async () => {},
  };
  return { invited, messenger };
};

describe('launching', () => {
  it('refuses an empty audience and a close date in the past, writing nothing', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    await importOrgCsv(db, 'email,name,unit,unit_kind\nghost@qingyun.example,Ghost,青云科技/空部门,department\n', {
      kind: 'system',
    });
    await sqlFor(db).run("update employees set active = false where email = 'ghost@qingyun.example'");
    const empty = ((await sqlFor(db).row("select id from org_units where name = '空部门'")) as { id: number }).id;
    const templateId = await ensureDefaultTemplate(db);
    const now = new Date('2026-11-23T02:00:00Z');
    const { messenger, invited } = recorder();
    expect(
      await launchWave(db, messenger, {
        templateId,
        audienceUnitId: empty,
        closesAt: new Date(now.getTime() + DAY),
        reminderDays: [],
        now,
        actor: { kind: 'system' },
      }),
    ).toEqual({ ok: false, code: 'empty_audience' });
    expect(
      await launchWave(db, messenger, {
        templateId,
        audienceUnitId: null,
        closesAt: new Date(now.getTime() - 1),
        reminderDays: [],
        now,
        actor: { kind: 'system' },
      }),
    ).toEqual({ ok: false, code: 'close_in_past' });
    expect(
      await launchWave(db, messenger, {
        templateId,
        audienceUnitId: null,
        closesAt: new Date(now.getTime() + 2 * DAY),
        reminderDays: [5],
        now,
        actor: { kind: 'system' },
      }),
    ).toEqual({ ok: false, code: 'bad_reminders' });
    expect(invited).toEqual([]);
    expect(await sqlFor(db).row('select count(*) as n from survey_waves')).toEqual({ n: 0 });
  });
});

describe('reminder times', () => {
  it('are the configured days plus the last day, without doubling up', () => {
    const openedAt = new Date('2026-11-23T00:00:00Z');
    const closesAt = new Date(openedAt.getTime() + 7 * DAY);
    expect(
      reminderTimes({ openedAt, closesAt, reminderDays: [3] }).map((d) => (d.getTime() - openedAt.getTime()) / DAY),
    ).toEqual([3, 6]);
    expect(
      reminderTimes({ openedAt, closesAt, reminderDays: [6] }).map((d) => (d.getTime() - openedAt.getTime()) / DAY),
    ).toEqual([6]);
    // The last day is always planned (issue 16 item 4): a wave without configured days still gets one.
    expect(
      reminderTimes({ openedAt, closesAt, reminderDays: [] }).map((d) => (d.getTime() - openedAt.getTime()) / DAY),
    ).toEqual([6]);
  });
});

describe('schedules', () => {
  it('find the latest due run in the company time zone', () => {
    // Mondays 10:00 in Shanghai = 02:00 UTC.
    const since = new Date('2026-11-01T00:00:00Z');
    expect(latestDueRun('0 10 * * 1', 'Asia/Shanghai', since, new Date('2026-11-23T03:00:00Z'))?.toISOString()).toBe(
      '2026-11-23T02:00:00.000Z',
    );
    expect(
      latestDueRun('0 10 * * 1', 'Asia/Shanghai', new Date('2026-11-23T02:00:00Z'), new Date('2026-11-23T03:00:00Z')),
    ).toBeUndefined();
  });

  it('launch a run missed while the server was down once, never twice', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const templateId = await ensureDefaultTemplate(db);
    const created = new Date('2026-11-01T00:00:00Z');
    const s = await createSchedule(db, {
      templateId,
      cron: '0 10 * * 1',
      timezone: 'Asia/Shanghai',
      audienceUnitId: null,
      durationDays: 3,
      reminderDays: [1],
      actor: { kind: 'system' },
      now: created,
    });
    expect(s.ok).toBe(true);
    const { messenger, invited } = recorder();
    // Down for three Mondays; on start the tick launches only the latest missed run.
    const start = new Date('2026-11-23T05:00:00Z');
    expect(await inTransaction(db, async () => await runDueSchedules(db, messenger, start))).toHaveLength(1);
    expect(
      await inTransaction(db, async () => await runDueSchedules(db, messenger, new Date(start.getTime() + 60_000))),
    ).toHaveLength(0);
    const waves = await sqlFor(db).rows('select scheduled_for as f from survey_waves');
    expect(waves).toEqual([{ f: '2026-11-23T02:00:00.000Z' }]);
    expect(invited).toHaveLength(39);
    // The next Monday launches the next wave.
    expect(
      await inTransaction(db, async () => await runDueSchedules(db, messenger, new Date('2026-11-30T02:00:30Z'))),
    ).toHaveLength(1);
  });

  it('reject a cron expression that does not parse', async () => {
    const db = await freshDb();
    const templateId = await ensureDefaultTemplate(db);
    const r = await createSchedule(db, {
      templateId,
      cron: '0 25 * * *',
      timezone: 'Asia/Shanghai',
      audienceUnitId: null,
      durationDays: 3,
      reminderDays: [],
      actor: { kind: 'system' },
      now: new Date(),
    });
    expect(r).toMatchObject({ ok: false, code: 'bad_cron' });
  });
});

describe('the minute tick', () => {
  it('forgets inbound event ids after a week, long past every platform redelivery window', async () => {
    const { tick } = await import('../../src/bot/scheduler.js');
    const { loadConfig } = await import('../../src/config.js');
    const db = await freshDb();
    await sqlFor(db).run(
      "insert into inbound_events (platform, event_id, received_at) values ('slack', 'old', '2026-01-01T00:00:00.000Z'), ('slack', 'new', '2026-11-20T00:00:00.000Z')",
    );
    const r = await tick(db, loadConfig({}), new Set(['sandbox']), new Date('2026-11-23T00:00:00Z'));
    expect(r.pruned).toBe(1);
    expect(await sqlFor(db).rows('select event_id as id from inbound_events')).toEqual([{ id: 'new' }]);
  });
});
