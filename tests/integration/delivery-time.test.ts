// Delivery that respects people (issue 23 item 5), on the real database with a fake clock: a wave's cards at
// each person's own local hour (Shanghai and London), nothing in quiet hours or at the weekend, people on leave
// left out of the wave and its participation, reminders held during a leave, and the weekly reminder cap
// across two open waves. The minute tick's part is deliverPending (and tick itself once, for the wiring).
import { describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { tick } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { applyDirectorySnapshot } from '../../src/domain/org/directory-sync.js';
import { setLeave } from '../../src/domain/org/leave.js';
import { deliverPending, pruneReminderLog } from '../../src/domain/surveys/delivery-queue.js';
import { setDeliverySettings, type DeliverySettingsInput } from '../../src/domain/surveys/delivery-settings.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { waveStatus } from '../../src/domain/surveys/wave-status.js';
import { launchWave, sendDueReminders, type SurveyMessenger, type Wave } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 4 May 2026, 00:00 UTC: 08:00 in Shanghai, 01:00 in London (summer time).
const MON = new Date('2026-05-04T00:00:00Z');
const at = (iso: string) => new Date(iso);

const SETTINGS: DeliverySettingsInput = {
  localHour: null,
  quietHours: null,
  skipWeekends: false,
  weeklyReminderCap: 2,
  timeZone: 'Asia/Shanghai',
};

interface Sent {
  kind: 'invite' | 'remind';
  waveId: number;
  employeeId: number;
}

/** The demo org, 产品研发部's 8 people; the first lives in London, the others in the company's zone (Shanghai). */
async function setup(settings: Partial<DeliverySettingsInput>) {
  const db = await freshDb();
  await inTransaction(db, async () => await seedDemoOrg(db));
  const sql = sqlFor(db);
  const unitId = (await sql.row<{ id: number }>("select id from org_units where name = '产品研发部'"))!.id;
  const people = (await sql.rows<{ id: number }>('select id from employees where unit_id = ? order by id', unitId)).map(
    (p) => Number(p.id),
  );
  const london = people[0]!;
  await sql.run("update employees set timezone = 'Europe/London' where id = ?", london);
  const saved = await inTransaction(
    db,
    async () => await setDeliverySettings(db, { ...SETTINGS, ...settings }, { kind: 'system' }),
  );
  expect(saved.ok).toBe(true);
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const sent: Sent[] = [];
  const messenger: SurveyMessenger = {
    invite: async (employeeId, w) => {
      sent.push({ kind: 'invite', waveId: w.id, employeeId });
    },
    remind: async (employeeId, w) => {
      sent.push({ kind: 'remind', waveId: w.id, employeeId });
    },
    timeZone: 'Asia/Shanghai',
  };
  const launch = async (now: Date, days: number, reminderDays: number[] = []): Promise<Wave> => {
    const r = await inTransaction(
      db,
      async () =>
        await launchWave(db, messenger, {
          templateId,
          audienceUnitId: unitId,
          closesAt: new Date(now.getTime() + days * DAY),
          reminderDays,
          now,
          actor: { kind: 'system' },
        }),
    );
    if (!r.ok) throw new Error(r.code);
    return r.wave;
  };
  const pending = async (now: Date) => await inTransaction(db, async () => await deliverPending(db, messenger, now));
  const remind = async (now: Date) => await inTransaction(db, async () => await sendDueReminders(db, messenger, now));
  /** Who got what, then forget it. */
  const take = (kind: Sent['kind']) => {
    const out = sent.filter((s) => s.kind === kind).map((s) => s.employeeId);
    sent.length = 0;
    return out.sort((a, b) => a - b);
  };
  return { db, sql, unitId, people, london, shanghai: people.slice(1), launch, pending, remind, take, sent };
}

const asked = async (db: Db, wave: Wave, now: Date) => (await waveStatus(db, wave, now)).asked;

describe('local delivery hour across two time zones', () => {
  it('a wave launched at 08:00 in Shanghai reaches Shanghai at its 10:00 and London at its own 10:00', async () => {
    const s = await setup({ localHour: 10 });
    const wave = await s.launch(MON, 7);
    // Nobody's 10:00 yet: every card waits, and everyone is asked (counted) all the same.
    expect(s.take('invite')).toEqual([]);
    expect(await asked(s.db, wave, MON)).toBe(8);
    expect(await s.pending(at('2026-05-04T01:59:00Z'))).toBe(0);
    // 10:00 in Shanghai (02:00 UTC): the seven there, not London (03:00 there).
    expect(await s.pending(at('2026-05-04T02:00:30Z'))).toBe(7);
    expect(s.take('invite')).toEqual(s.shanghai);
    expect(await s.pending(at('2026-05-04T08:59:00Z'))).toBe(0);
    // 10:00 in London (09:00 UTC): the minute tick sends London's card.
    const r = await tick(s.db, loadConfig({}), new Set(['sandbox']), at('2026-05-04T09:00:30Z'));
    expect(r.delivered).toBe(1);
    expect(await s.sql.rows('select employee_id as id from survey_participation where pending is not null')).toEqual(
      [],
    );
  });

  it('planned reminders wait for the person’s local hour too', async () => {
    const s = await setup({ localHour: 10 });
    await s.launch(at('2026-05-04T02:00:00Z'), 2);
    await s.pending(at('2026-05-04T09:00:00Z'));
    s.take('invite');
    // Half time is 02:00 UTC on Tuesday: 10:00 in Shanghai (sent), 03:00 in London (held until 09:00 UTC).
    expect(await s.remind(at('2026-05-05T02:00:00Z'))).toBe(7);
    expect(s.take('remind')).toEqual(s.shanghai);
    expect(await s.pending(at('2026-05-05T08:00:00Z'))).toBe(0);
    expect(await s.pending(at('2026-05-05T09:00:10Z'))).toBe(1);
    expect(s.take('remind')).toEqual([s.london]);
  });
});

describe('quiet hours and weekends', () => {
  it('nothing in quiet hours: 21:00 in Shanghai waits for 08:00, while London (14:00) gets it at once', async () => {
    const s = await setup({ quietHours: { from: 20, to: 8 } });
    await s.launch(at('2026-05-04T13:00:00Z'), 7);
    expect(s.take('invite')).toEqual([s.london]);
    expect(await s.pending(at('2026-05-04T23:59:00Z'))).toBe(0);
    expect(await s.pending(at('2026-05-05T00:00:30Z'))).toBe(7);
    expect(s.take('invite')).toEqual(s.shanghai);
  });

  it('a late tick after quiet hours began holds again until they end', async () => {
    const s = await setup({ localHour: 10, quietHours: { from: 20, to: 8 } });
    await s.launch(MON, 7);
    // The server was down all day: at 21:00 in Shanghai nothing goes; at 08:00 next morning it does.
    expect(await s.pending(at('2026-05-04T13:00:00Z'))).toBe(1);
    expect(s.take('invite')).toEqual([s.london]);
    expect(await s.pending(at('2026-05-05T00:00:30Z'))).toBe(7);
  });

  it('weekends skipped: a Saturday launch reaches people on Monday at their local hour', async () => {
    const s = await setup({ skipWeekends: true, localHour: 10 });
    // Saturday 9 May, 10:00 in Shanghai.
    await s.launch(at('2026-05-09T02:00:00Z'), 7);
    expect(s.take('invite')).toEqual([]);
    expect(await s.pending(at('2026-05-10T02:00:30Z'))).toBe(0);
    expect(await s.pending(at('2026-05-10T09:00:30Z'))).toBe(0);
    expect(await s.pending(at('2026-05-11T02:00:30Z'))).toBe(7);
    expect(await s.pending(at('2026-05-11T09:00:30Z'))).toBe(1);
  });

  it('with none of it set (the default), cards go at launch as before', async () => {
    const s = await setup({});
    await s.launch(at('2026-05-04T14:00:00Z'), 7);
    expect(s.take('invite')).toEqual(s.people);
  });
});

describe('leave', () => {
  it('people on leave during the wave are not asked and not counted; leave after it changes nothing', async () => {
    const s = await setup({});
    const [, away, later] = s.people;
    const hr = { kind: 'system' } as const;
    await inTransaction(s.db, async () => {
      await setLeave(s.db, away!, { from: '2026-05-06', until: '2026-05-08' }, hr, MON);
      await setLeave(s.db, later!, { from: '2026-05-20', until: '2026-05-25' }, hr, MON);
    });
    const wave = await s.launch(MON, 7, [3]);
    expect(s.take('invite')).toEqual(s.people.filter((p) => p !== away));
    expect(
      await s.sql.row(
        'select count(*) as n from survey_participation where wave_id = ? and employee_id = ?',
        wave.id,
        away,
      ),
    ).toEqual({ n: 0 });
    // Neither numerator nor denominator: 7 asked; the unit is marked below K if that takes it under.
    const status = await waveStatus(s.db, wave, MON);
    expect(status.asked).toBe(7);
    const launch = await s.sql.row<{ detail: string }>("select detail from audit_log where action = 'survey.launch'");
    expect(JSON.parse(launch!.detail)).toMatchObject({ asked: 7, onLeave: 1 });
  });

  it('leave recorded after launch holds the person’s reminder until it ends', async () => {
    const s = await setup({});
    const wave = await s.launch(MON, 7, [3]);
    s.take('invite');
    const away = s.people[3]!;
    await inTransaction(
      s.db,
      async () => await setLeave(s.db, away, { from: '2026-05-06', until: '2026-05-08' }, { kind: 'system' }, MON),
    );
    // Day 3 (Thursday 7 May): everyone else is reminded, not the person on leave.
    expect(await s.remind(new Date(MON.getTime() + 3 * DAY))).toBe(7);
    expect(s.take('remind')).not.toContain(away);
    // Their reminder goes when the leave is over: Saturday 9 May, 00:00 in Shanghai.
    expect(await s.pending(at('2026-05-08T15:59:00Z'))).toBe(0);
    expect(await s.pending(at('2026-05-08T16:00:30Z'))).toBe(1);
    expect(s.take('remind')).toEqual([away]);
    expect(await asked(s.db, wave, MON)).toBe(8);
  });
});

describe('the weekly reminder cap', () => {
  it('counts reminders across all open waves, a rolling 7 days', async () => {
    const s = await setup({ weeklyReminderCap: 2 });
    // Wave A: 7 days, reminded on day 3 and day 6. Wave B: 2 days from an hour later, reminded at 24 h and 36 h.
    const a = await s.launch(MON, 7, [3]);
    const b = await s.launch(new Date(MON.getTime() + HOUR), 2);
    s.take('invite');
    expect(await s.remind(new Date(MON.getTime() + 25 * HOUR))).toBe(8);
    expect(await s.remind(new Date(MON.getTime() + 37 * HOUR))).toBe(8);
    // Two this week already: wave A's day-3 and day-6 reminders are not sent.
    expect(await s.remind(new Date(MON.getTime() + 72 * HOUR))).toBe(0);
    expect(await s.remind(new Date(MON.getTime() + 144 * HOUR))).toBe(0);
    const reminders = s.sent.filter((x) => x.kind === 'remind');
    expect(reminders.filter((x) => x.waveId === b.id)).toHaveLength(16);
    expect(reminders.filter((x) => x.waveId === a.id)).toHaveLength(0);
    s.take('remind');
    // A week after the first two, a third wave's reminder goes again.
    const c = await s.launch(new Date(MON.getTime() + 8 * DAY), 2);
    s.take('invite');
    expect(await s.remind(new Date(c.openedAt.getTime() + 24 * HOUR))).toBe(8);
    // Old log rows are pruned once they count for nothing.
    await inTransaction(s.db, async () => await pruneReminderLog(s.db, new Date(c.openedAt.getTime() + 24 * HOUR)));
    expect(await s.sql.row('select count(*) as n from survey_reminder_log')).toEqual({ n: 8 });
  });
});

describe('time zones and leave from the directory sync', () => {
  it('applies good ones; a zone that does not exist or leave ending before it starts is named and not applied', async () => {
    const db = await freshDb();
    const user = (id: string, name: string, extra: object) => ({
      externalUserId: id,
      name,
      email: `${id}@example.com`,
      unitExternalIds: ['d1'],
      active: true,
      ...extra,
    });
    const sync = async (users: ReturnType<typeof user>[]) =>
      await inTransaction(
        db,
        async () =>
          await applyDirectorySnapshot(
            db,
            'feishu',
            { units: [{ externalId: 'd1', name: 'Lab' }], users },
            {
              kind: 'system',
            },
          ),
      );
    const first = await sync([
      user('u1', 'Ann', { timezone: 'Europe/London', leave: { from: '2026-06-01', until: '2026-06-05' } }),
      user('u2', 'Bo', { timezone: 'Asia/Shanghai' }),
    ]);
    expect(first.peopleRejected).toEqual([]);
    const second = await sync([
      user('u1', 'Ann', { timezone: 'Europe/London', leave: { from: '2026-06-10', until: '2026-06-01' } }),
      user('u2', 'Bo', { timezone: 'Mars/Olympus_Mons' }),
    ]);
    expect(second.peopleRejected).toEqual(['Ann', 'Bo']);
    // What they had is kept.
    expect(
      await sqlFor(db).rows(
        'select name, timezone, leave_from as "from", leave_until as until from employees order by name',
      ),
    ).toEqual([
      { name: 'Ann', timezone: 'Europe/London', from: '2026-06-01', until: '2026-06-05' },
      { name: 'Bo', timezone: 'Asia/Shanghai', from: null, until: null },
    ]);
  });
});
