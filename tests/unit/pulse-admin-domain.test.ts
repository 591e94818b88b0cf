// The pulse-admin additions to the survey domain, against real SQLite with the demo organisation: the
// trend across waves (K-protection and complementary suppression exactly as the report, scope, one audit
// row per view), pausing / resuming schedules, next-run previews, template copies and duplicate keys.
import { beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { auditLog } from '../../src/db/schema.js';
import { seedDemoOrg, DEMO_DOMAIN } from '../../src/domain/org/demo-org.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { createFollowUp, listFollowUps, setFollowUpStatus } from '../../src/domain/surveys/follow-ups.js';
import { buildPulseReport } from '../../src/domain/surveys/report.js';
import { createSchedule, latestDueRun, nextRuns, setScheduleActive } from '../../src/domain/surveys/schedules.js';
import {
  createTemplate,
  duplicateKeys,
  ensureDefaultTemplate,
  templateSpecOf,
  templateSummaries,
} from '../../src/domain/surveys/templates.js';
import { pulseTrend, TREND_WAVES } from '../../src/domain/surveys/trend.js';
import { launchWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import { TEAM_PULSE } from '../../src/domain/surveys/default-template.js';
import { freshDb } from '../support/db.js';
import { closeNow, TEST_SEAL } from '../support/pulse.js';
import { eq } from 'drizzle-orm';
import { sqlFor } from '../support/sql.js';

const DAY = 86_400_000;
const T0 = new Date('2026-01-05T02:00:00Z');
let db: Db;
const person = async (user: string): Promise<Person> => (await findByEmail(db, `${user}@${DEMO_DOMAIN}`))!;
const unitId = async (name: string) =>
  ((await sqlFor(db).row('select id from org_units where name = ?', name)) as { id: number }).id;
const peopleIn = async (name: string) =>
  (
    (await sqlFor(db).rows(
      'select e.id from employees e join org_units u on u.id = e.unit_id where u.name = ? order by e.id',
      name,
    )) as { id: number }[]
  ).map((r) => r.id);
const audits = async (action: string) => await db.select().from(auditLog).where(eq(auditLog.action, action));

/** A closed wave of the built-in pulse to `audience` at day `day`; `answers[unit]` people of each unit answer `value`. */
async function wave(
  day: number,
  answers: Record<string, number>,
  value = 4,
  audience: string | null = null,
  close = true,
): Promise<number> {
  const now = new Date(T0.getTime() + day * DAY);
  const r = await inTransaction(
    db,
    async () =>
      await launchWave(
        db,
        { invite: async () => {}, remind: async () => {} },
        {
          templateId: await ensureDefaultTemplate(db),
          audienceUnitId: audience ? await unitId(audience) : null,
          closesAt: new Date(now.getTime() + 3 * DAY),
          reminderDays: [],
          now,
          actor: { kind: 'system' },
        },
      ),
  );
  if (!r.ok) throw new Error(r.code);
  const items = (await sqlFor(db).rows(
    'select id, kind from survey_items where template_id = ?',
    r.wave.templateId,
  )) as { id: number; kind: string }[];
  for (const [unit, n] of Object.entries(answers)) {
    for (const employeeId of (await peopleIn(unit)).slice(0, n)) {
      const values = Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '9' : String(value)]));
      expect(
        (
          await inTransaction(
            db,
            async () => await submitAnswers(db, TEST_SEAL, { waveId: r.wave.id, employeeId, values, now }),
          )
        ).ok,
      ).toBe(true);
    }
  }
  if (close) await closeNow(db, r.wave.id, TEST_SEAL, new Date(now.getTime() + 3 * DAY));
  return r.wave.id;
}

beforeEach(async () => {
  db = await freshDb();
  await seedDemoOrg(db);
});

describe('pulseTrend', () => {
  it('puts the waves side by side; a wave where the unit has fewer than K responses is null', async () => {
    const w1 = await wave(0, { 深圳南山店: 5 }, 4, '深圳南山店');
    const w2 = await wave(14, { 深圳南山店: 3 }, 2, '深圳南山店');
    const w3 = await wave(28, { 深圳南山店: 6 }, 5, '深圳南山店');
    const r = await inTransaction(db, async () => await pulseTrend(db, { viewer: await person('tom.harris') }));
    if (!r.ok) throw new Error(r.code);
    expect(r.trend.unit.name).toBe('深圳南山店');
    expect(r.trend.waves.map((w) => [w.waveId, w.visible, w.participation])).toEqual([
      [w1, true, { asked: 6, answered: 5, rate: 0.83 }],
      [w2, false, { asked: 6, answered: 3, rate: 0.5 }],
      [w3, true, { asked: 6, answered: 6, rate: 1 }],
    ]);
    expect(r.trend.waves[0]!.dims).toEqual({ attitude: 4, collaboration: 4, expression: 4 });
    expect(r.trend.waves[1]!.dims).toEqual({ attitude: null, collaboration: null, expression: null });
    // Where shown, the same figures as the report of that wave.
    const report = await buildPulseReport(db, { viewer: await person('tom.harris'), waveId: w3 });
    expect(report.ok && report.report.dimensions.map((d) => [d.key, d.avg])).toEqual(
      Object.entries(r.trend.waves[2]!.dims),
    );
  });

  it('hides what the report hides by complementary suppression, and never more', async () => {
    // The stores have 5 + 2 responses: 门店 (7) is shown, but 深圳南山店 (5) would reveal the other 2.
    const w = await wave(0, { 深圳南山店: 5, 杭州西湖店: 2 });
    const hr = await person('lin.xiaowen');
    for (const unit of ['门店', '深圳南山店', '青云科技']) {
      const trend = await inTransaction(
        db,
        async () => await pulseTrend(db, { viewer: hr, unitId: await unitId(unit) }),
      );
      const report = await inTransaction(
        db,
        async () => await buildPulseReport(db, { viewer: hr, waveId: w, unitId: await unitId(unit) }),
      );
      if (!trend.ok || !report.ok) throw new Error('expected both');
      expect({ unit, visible: trend.trend.waves[0]!.visible }).toEqual({ unit, visible: report.report.visible });
      expect(Object.values(trend.trend.waves[0]!.dims).every((v) => v === null)).toBe(!report.report.visible);
    }
    const store = await inTransaction(
      db,
      async () => await pulseTrend(db, { viewer: hr, unitId: await unitId('深圳南山店') }),
    );
    expect(store.ok && store.trend.waves[0]!.visible).toBe(false);
  });

  it('keeps the scope of the report: a manager outside their subtree and an employee are forbidden', async () => {
    await wave(0, { 深圳南山店: 5 });
    expect(
      await inTransaction(
        db,
        async () => await pulseTrend(db, { viewer: await person('tom.harris'), unitId: await unitId('财务部') }),
      ),
    ).toEqual({ ok: false, code: 'forbidden' });
    expect(await inTransaction(db, async () => await pulseTrend(db, { viewer: await person('sophia.lee') }))).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await inTransaction(db, async () => await pulseTrend(db, { viewer: await person('lin.xiaowen'), unitId: 9999 })),
    ).toEqual({
      ok: false,
      code: 'unknown_unit',
    });
    expect(
      await inTransaction(
        db,
        async () => await pulseTrend(db, { viewer: await person('lin.xiaowen'), templateId: 9999 }),
      ),
    ).toEqual({
      ok: false,
      code: 'unknown_template',
    });
    expect(await audits('survey.trend.view')).toHaveLength(0);
  });

  it('shows the last eight waves that reached the unit, and audits once per view', async () => {
    const ids: number[] = [];
    for (let i = 0; i < TREND_WAVES + 1; i++) ids.push(await wave(i * 7, { 深圳南山店: 5 }, 3, '深圳南山店'));
    await wave(100, { 财务部: 4 }, 3, '财务部');
    const r = await inTransaction(db, async () => await pulseTrend(db, { viewer: await person('tom.harris') }));
    expect(r.ok && r.trend.waves.map((w) => w.waveId)).toEqual(ids.slice(1));
    const rows = await audits('survey.trend.view');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorEmployeeId: (await person('tom.harris')).id,
      subject: `template:${await ensureDefaultTemplate(db)}`,
    });
    expect(await audits('survey.report.view')).toHaveLength(0);
  });

  it('says when there is no wave at all', async () => {
    expect(await inTransaction(db, async () => await pulseTrend(db, { viewer: await person('lin.xiaowen') }))).toEqual({
      ok: false,
      code: 'no_waves',
    });
  });
});

describe('schedules', () => {
  const hr = async () => ({ kind: 'employee' as const, employeeId: (await person('lin.xiaowen')).id });

  it('previews the next runs in the company time zone', () => {
    expect(nextRuns('0 10 * * 1', 'Asia/Shanghai', T0, 3).map((d) => d.toISOString())).toEqual([
      '2026-01-12T02:00:00.000Z',
      '2026-01-19T02:00:00.000Z',
      '2026-01-26T02:00:00.000Z',
    ]);
  });

  it('pauses and resumes (audited); a resumed schedule does not catch up on the runs it skipped', async () => {
    const s = await inTransaction(
      db,
      async () =>
        await createSchedule(db, {
          templateId: await ensureDefaultTemplate(db),
          cron: '0 10 * * 1',
          timezone: 'Asia/Shanghai',
          audienceUnitId: null,
          durationDays: 3,
          reminderDays: [],
          actor: await hr(),
          now: T0,
        }),
    );
    if (!s.ok) throw new Error(s.code);
    const paused = await inTransaction(db, async () => await setScheduleActive(db, s.id, false, await hr(), T0));
    expect(paused.ok && paused.schedule.active).toBe(false);
    const later = new Date(T0.getTime() + 30 * DAY);
    const resumed = await inTransaction(db, async () => await setScheduleActive(db, s.id, true, await hr(), later));
    if (!resumed.ok) throw new Error(resumed.code);
    expect(resumed.schedule.active).toBe(true);
    expect(
      latestDueRun(resumed.schedule.cron, resumed.schedule.timezone, new Date(resumed.schedule.lastRunFor!), later),
    ).toBeUndefined();
    expect((await audits('survey.schedule.pause')).map((a) => a.subject)).toEqual([String(s.id)]);
    expect((await audits('survey.schedule.resume')).map((a) => a.subject)).toEqual([String(s.id)]);
    expect(await inTransaction(db, async () => await setScheduleActive(db, 999, false, await hr(), T0))).toEqual({
      ok: false,
      code: 'not_found',
    });
  });
});

describe('templates and follow-ups', () => {
  it('a template comes back as the spec it was made from, with its counts', async () => {
    const id = await inTransaction(
      db,
      async () => await createTemplate(db, { ...TEAM_PULSE, key: undefined, nameEn: 'Copy' }, { kind: 'system' }),
    );
    const { key: _key, ...spec } = TEAM_PULSE;
    expect(await templateSpecOf(db, id)).toEqual({ ...spec, nameEn: 'Copy' });
    expect((await templateSummaries(db)).find((t) => t.id === id)).toMatchObject({
      builtIn: false,
      dimensions: 3,
      items: 9,
      waves: 0,
    });
    expect(await templateSpecOf(db, 999)).toBeUndefined();
  });

  it('finds repeated dimension and item keys', () => {
    const item = { key: 'q1', zh: 'a', en: 'a' };
    expect(
      duplicateKeys({
        dimensions: [
          { key: 'a', nameZh: 'a', nameEn: 'a', items: [item, item] },
          { key: 'a', nameZh: 'b', nameEn: 'b', items: [item] },
        ],
      }),
    ).toEqual(['dimensions.0.items.1.key', 'dimensions.1.key']);
    expect(duplicateKeys({ dimensions: [{ key: 'a', nameZh: 'a', nameEn: 'a', items: [item] }] })).toEqual([]);
  });

  it('lists every follow-up for HR, by status and owner, newest first', async () => {
    const creator = await person('lin.xiaowen');
    const make = async (title: string, owner: string) =>
      await inTransaction(
        db,
        async () =>
          await createFollowUp(db, {
            title,
            ownerId: (await person(owner)).id,
            dueDate: '2099-01-01',
            waveId: null,
            unitId: null,
            creator,
            today: '2026-01-01',
          }),
      );
    const a = await make('A', 'sun.li');
    const b = await make('B', 'tom.harris');
    if (!a.ok || !b.ok) throw new Error('create');
    await inTransaction(db, async () => await setFollowUpStatus(db, a.followUp.id, 'done', creator));
    expect((await listFollowUps(db)).map((f) => f.title)).toEqual(['B', 'A']);
    expect((await listFollowUps(db, { status: 'done' })).map((f) => f.title)).toEqual(['A']);
    expect((await listFollowUps(db, { ownerId: (await person('tom.harris')).id })).map((f) => f.title)).toEqual(['B']);
  });
});
