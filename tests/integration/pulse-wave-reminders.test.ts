// Issue 16 items 3, 4 and 10 in the domain: reminders planned from a wave's length (short waves too), the
// hand-sent "remind non-respondents now" (exactly the people who have not answered, once per wave per
// calendar day in the company's time zone, refused with when it is possible again), participation by unit
// as counts, and the anonymity threshold's upper bound.
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { setAnonymityThreshold } from '../../src/domain/settings.js';
import { calendarDay, startOfNextDay } from '../../src/domain/surveys/calendar-day.js';
import { manualReminderState, remindNonRespondents } from '../../src/domain/surveys/manual-reminders.js';
import { planReminders } from '../../src/domain/surveys/reminder-plan.js';
import { ensureDefaultTemplate, getTemplate } from '../../src/domain/surveys/templates.js';
import { waveStatus } from '../../src/domain/surveys/wave-status.js';
import { launchWave, sendDueReminders, submitAnswers, type SurveyMessenger } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { closeNow, TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TZ = 'Asia/Shanghai';
// 10:00 in Shanghai.
const T0 = new Date('2026-05-04T02:00:00Z');

const offsets = (open: Date, times: Date[]) => times.map((t) => (t.getTime() - open.getTime()) / HOUR);

describe('reminder plan', () => {
  it('a wave of 3 days or less is reminded at half time and on its last day', () => {
    expect(
      offsets(T0, planReminders({ openedAt: T0, closesAt: new Date(T0.getTime() + 2 * DAY), reminderDays: [] })),
    ).toEqual([24, 36]);
    expect(
      offsets(T0, planReminders({ openedAt: T0, closesAt: new Date(T0.getTime() + 3 * DAY), reminderDays: [] })),
    ).toEqual([36, 54]);
    expect(
      offsets(T0, planReminders({ openedAt: T0, closesAt: new Date(T0.getTime() + 1 * DAY), reminderDays: [] })),
    ).toEqual([12, 18]);
    // The last one is within the final 24 hours.
    for (const days of [1, 2, 3]) {
      const closesAt = new Date(T0.getTime() + days * DAY);
      const last = planReminders({ openedAt: T0, closesAt, reminderDays: [] }).at(-1)!;
      expect(closesAt.getTime() - last.getTime()).toBeLessThanOrEqual(DAY);
    }
  });

  it('a longer wave keeps the configured days plus the last day, never two within half a day', () => {
    const closesAt = new Date(T0.getTime() + 7 * DAY);
    expect(offsets(T0, planReminders({ openedAt: T0, closesAt, reminderDays: [3] }))).toEqual([72, 144]);
    expect(offsets(T0, planReminders({ openedAt: T0, closesAt, reminderDays: [6] }))).toEqual([144]);
    expect(offsets(T0, planReminders({ openedAt: T0, closesAt, reminderDays: [] }))).toEqual([144]);
    expect(
      offsets(T0, planReminders({ openedAt: T0, closesAt: new Date(T0.getTime() + 4 * DAY), reminderDays: [3] })),
    ).toEqual([72]);
  });
});

describe('calendar days in the company time zone', () => {
  it('a day starts at midnight in Shanghai, not in UTC', () => {
    // 23:30 in Shanghai on 4 May is 15:30 UTC.
    const late = new Date('2026-05-04T15:30:00Z');
    expect(calendarDay(late, TZ)).toBe('2026-05-04');
    expect(startOfNextDay(late, TZ).toISOString()).toBe('2026-05-04T16:00:00.000Z');
    expect(calendarDay(new Date('2026-05-04T16:00:00Z'), TZ)).toBe('2026-05-05');
    // Across a DST change (New York, 8 March 2026 at 02:00): the next day still starts at local midnight.
    expect(startOfNextDay(new Date('2026-03-07T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(startOfNextDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });
});

async function setup(days: number) {
  const db = await freshDb();
  await inTransaction(db, async () => await seedDemoOrg(db));
  const unitId = ((await sqlFor(db).row("select id from org_units where name = '产品研发部'")) as { id: number }).id;
  const hr = (
    (await sqlFor(db).row("select id from employees where email = 'lin.xiaowen@qingyun.example'")) as { id: number }
  ).id;
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const reminded: number[] = [];
  const messenger: SurveyMessenger = {
    invite: async () => {},
    remind: async (e) => {
      reminded.push(e);
    },
  };
  const r = await inTransaction(
    db,
    async () =>
      await launchWave(db, messenger, {
        templateId,
        audienceUnitId: unitId,
        closesAt: new Date(T0.getTime() + days * DAY),
        reminderDays: [3].filter((d) => d < days),
        now: T0,
        actor: { kind: 'system' },
      }),
  );
  if (!r.ok) throw new Error(r.code);
  const people = (
    (await sqlFor(db).rows(
      'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
      r.wave.id,
    )) as { id: number }[]
  ).map((p) => p.id);
  const template = (await getTemplate(db, templateId))!;
  const answer = async (employeeId: number) => {
    const values = Object.fromEntries(template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 8 : 4)]));
    const a = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, TEST_SEAL, {
          waveId: r.wave.id,
          employeeId,
          values,
          now: new Date(T0.getTime() + HOUR),
        }),
    );
    if (!a.ok) throw new Error(a.code);
  };
  return { db, wave: r.wave, people, hr, messenger, reminded, answer };
}

describe('planned reminders of short waves are sent', () => {
  it.each([
    [2, [24, 36]],
    [3, [36, 54]],
  ])('a %i-day wave reminds the people who have not answered at %j hours, once each', async (days, hours) => {
    const { db, people, messenger, reminded, answer } = await setup(days);
    await answer(people[0]!);
    const run = async (h: number) =>
      await inTransaction(db, async () => await sendDueReminders(db, messenger, new Date(T0.getTime() + h * HOUR)));
    expect(await run(hours[0]! - 1)).toBe(0);
    expect(await run(hours[0]!)).toBe(people.length - 1);
    expect(reminded).not.toContain(people[0]);
    expect(await run(hours[0]! + 1)).toBe(0);
    expect(await run(hours[1]!)).toBe(people.length - 1);
    expect(await run(days * 24 - 0.1)).toBe(0);
  });
});

describe('remind non-respondents now', () => {
  it('reaches exactly the people who have not answered, once a calendar day; the next day is allowed again', async () => {
    const { db, wave, people, hr, messenger, reminded, answer } = await setup(7);
    await answer(people[0]!);
    await answer(people[1]!);
    const actor = { kind: 'employee', employeeId: hr } as const;
    const remindAt = async (at: Date) =>
      await inTransaction(
        db,
        async () => await remindNonRespondents(db, messenger, { waveId: wave.id, now: at, timeZone: TZ, actor }),
      );

    const first = await remindAt(new Date(T0.getTime() + 2 * HOUR));
    expect(first).toMatchObject({ ok: true, sent: people.length - 2 });
    expect([...reminded].sort((a, b) => a - b)).toEqual(people.slice(2));

    // Later the same day in Shanghai (23:59 local): refused, and it says when — midnight in Shanghai.
    reminded.length = 0;
    const again = await remindAt(new Date('2026-05-04T15:59:00Z'));
    expect(again).toMatchObject({ ok: false, code: 'already_today', nextAt: new Date('2026-05-04T16:00:00Z') });
    expect(reminded).toEqual([]);
    expect(await manualReminderState(db, wave, new Date('2026-05-04T15:59:00Z'), TZ)).toMatchObject({
      available: false,
      last: { recipients: people.length - 2 },
    });

    // One more person answers; the next calendar day (00:00 in Shanghai) reminds the rest again.
    await answer(people[2]!);
    const nextDay = await remindAt(new Date('2026-05-04T16:00:00Z'));
    expect(nextDay).toMatchObject({ ok: true, sent: people.length - 3 });
    expect([...reminded].sort((a, b) => a - b)).toEqual(people.slice(3));

    const audits = (await sqlFor(db).rows(
      "select actor_employee_id as actor, subject, detail from audit_log where action = 'survey.remind' order by id",
    )) as { actor: number; subject: string; detail: string }[];
    expect(audits.map((a) => [a.actor, a.subject, JSON.parse(a.detail)])).toEqual([
      [hr, String(wave.id), { manual: true, recipients: people.length - 2 }],
      [hr, String(wave.id), { manual: true, recipients: people.length - 3 }],
    ]);
    // The cap is the table's key, not just the check: a second row for the same day cannot be written.
    await expect(
      sqlFor(db).run(
        "insert into survey_manual_reminders (wave_id, day, sent_at, recipients) values (?, '2026-05-05', 'x', 1)",
        wave.id,
      ),
    ).rejects.toThrow(/UNIQUE|PRIMARY|duplicate key/);
  });

  it('is refused for a closed wave, and when everyone has answered (without using up the day)', async () => {
    const { db, wave, people, hr, messenger, answer } = await setup(7);
    for (const p of people) await answer(p);
    const actor = { kind: 'employee', employeeId: hr } as const;
    const at = new Date(T0.getTime() + 2 * HOUR);
    expect(
      await inTransaction(
        db,
        async () => await remindNonRespondents(db, messenger, { waveId: wave.id, now: at, timeZone: TZ, actor }),
      ),
    ).toMatchObject({ ok: false, code: 'nobody_left' });
    expect(await sqlFor(db).row('select count(*) as n from survey_manual_reminders')).toEqual({ n: 0 });
    await closeNow(db, wave.id, TEST_SEAL, at);
    expect(
      await inTransaction(
        db,
        async () => await remindNonRespondents(db, messenger, { waveId: wave.id, now: at, timeZone: TZ, actor }),
      ),
    ).toMatchObject({ ok: false, code: 'closed' });
    expect(
      await inTransaction(
        db,
        async () => await remindNonRespondents(db, messenger, { waveId: 9999, now: at, timeZone: TZ, actor }),
      ),
    ).toMatchObject({ ok: false, code: 'unknown_wave' });
  });
});

describe('wave status', () => {
  it('counts participation overall and per unit of the wave tree, marking units under K', async () => {
    const { db, wave, people, answer } = await setup(7);
    await answer(people[0]!);
    await answer(people[1]!);
    await answer(people[2]!);
    const s = await waveStatus(db, wave, new Date(T0.getTime() + 2 * HOUR));
    expect(s).toMatchObject({ state: 'open', k: 5, asked: 8, answered: 3, rate: 0.38 });
    expect(s.units.map((u) => [u.name, u.depth, u.asked, u.answered, u.belowK])).toEqual([
      ['青云科技', 0, 8, 3, false],
      ['总部', 1, 8, 3, false],
      ['产品研发部', 2, 8, 3, false],
    ]);
    // Only counts: no figure of any answer is in it.
    expect(Object.keys(s.units[0]!).sort()).toEqual(['answered', 'asked', 'belowK', 'depth', 'name', 'path', 'unitId']);
  });
});

describe('anonymity threshold bound (domain)', () => {
  it('refuses 50 and 11, accepts 10', async () => {
    const db = await freshDb();
    expect(await setAnonymityThreshold(db, 50, { kind: 'system' })).toEqual({ ok: false, reason: 'above_maximum' });
    expect(await setAnonymityThreshold(db, 11, { kind: 'system' })).toEqual({ ok: false, reason: 'above_maximum' });
    expect(await setAnonymityThreshold(db, 10, { kind: 'system' })).toEqual({ ok: true });
  });
});
