// The short weekly format end to end in the domain: a schedule of 3 questions a wave launches waves that
// between them ask every item of the template once per cycle; a short wave's card, answers, reminders and
// report are its own items only; a size outside 3–5 is refused and writes nothing.
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { pulseCsv } from '../../src/domain/surveys/report.js';
import { createSchedule, runDueSchedules } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate, getTemplate, type SurveyTemplate } from '../../src/domain/surveys/templates.js';
import { getWave, submitAnswers, type SurveyMessenger } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { closeNow, TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;

function recorder() {
  const invites: { employeeId: number; waveId: number; items: number[] }[] = [];
  const messenger: SurveyMessenger = {
    invite: async (employeeId, wave, template: SurveyTemplate) => {
      invites.push({ employeeId, waveId: wave.id, items: template.items.map((i) => i.id) });
    },
    remind: async () => {},
  };
  return { invites, messenger };
}

async function shortSchedule(size: number | null) {
  const db = await freshDb();
  await seedDemoOrg(db);
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const created = new Date('2026-11-01T00:00:00Z');
  const r = await inTransaction(
    db,
    async () =>
      await createSchedule(db, {
        templateId,
        cron: '0 10 * * 1',
        timezone: 'Asia/Shanghai',
        audienceUnitId: null,
        durationDays: 3,
        reminderDays: [],
        shortSize: size,
        actor: { kind: 'system' },
        now: created,
      }),
  );
  return { db, templateId, r };
}

describe('the short weekly format', () => {
  it('asks every item of the template once over a cycle of weekly waves, then starts again', async () => {
    const { db, templateId, r } = await shortSchedule(3);
    expect(r.ok).toBe(true);
    const template = (await getTemplate(db, templateId))!;
    expect(template.items).toHaveLength(10);
    const { invites, messenger } = recorder();
    const waves: number[] = [];
    // Mondays 10:00 Shanghai (02:00Z), five weeks: one cycle of four and the first wave of the next.
    for (let w = 0; w < 5; w++) {
      const monday = new Date(new Date('2026-11-02T02:00:30Z').getTime() + w * WEEK);
      waves.push(...(await inTransaction(db, async () => await runDueSchedules(db, messenger, monday))));
    }
    expect(waves).toHaveLength(5);
    const asked = await Promise.all(waves.map(async (id) => (await getWave(db, id))!.itemIds!));
    for (const items of asked) expect(items.length).toBeGreaterThanOrEqual(2);
    for (const items of asked) expect(items.length).toBeLessThanOrEqual(3);
    expect(
      asked
        .slice(0, 4)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(template.items.map((i) => i.id));
    expect(asked[4]).toEqual(asked[0]);
    // Every invitation carried the wave's own items, and everyone was invited to each wave.
    for (const [n, id] of waves.entries()) {
      const mine = invites.filter((i) => i.waveId === id);
      expect(mine.length).toBeGreaterThan(30);
      for (const i of mine) expect(i.items).toEqual(asked[n]);
    }
  });

  it('takes answers to the wave’s own items only, and reports only them', async () => {
    const { db, templateId } = await shortSchedule(4);
    const { messenger } = recorder();
    const [waveId] = await inTransaction(
      db,
      async () => await runDueSchedules(db, messenger, new Date('2026-11-02T02:00:30Z')),
    );
    const wave = (await getWave(db, waveId!))!;
    const template = (await getTemplate(db, templateId))!;
    const own = template.items.filter((i) => wave.itemIds!.includes(i.id));
    const other = template.items.find((i) => !wave.itemIds!.includes(i.id))!;
    expect(own.length).toBeGreaterThanOrEqual(3);
    const people = (
      await sqlFor(db).rows<{ id: number }>(
        'select employee_id as id from survey_participation where wave_id = ?',
        wave.id,
      )
    ).map((p) => Number(p.id));
    const values = Object.fromEntries(own.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 8 : 4)]));
    const now = new Date('2026-11-02T03:00:00Z');
    const answer = (employeeId: number, v: Record<string, string>) =>
      inTransaction(
        db,
        async () => await submitAnswers(db, TEST_SEAL, { waveId: wave.id, employeeId, values: v, now }),
      );

    // An item the wave does not ask is refused; so is leaving out one it does. Nothing is recorded.
    const extra = await answer(people[0]!, { ...values, [`i${other.id}`]: '3' });
    expect(extra).toMatchObject({ ok: false, code: 'invalid', fields: { [`i${other.id}`]: 'out_of_range' } });
    const missing = await answer(people[0]!, { ...values, [`i${own[0]!.id}`]: '' });
    expect(missing).toMatchObject({ ok: false, code: 'invalid', fields: { [`i${own[0]!.id}`]: 'required' } });
    expect(await sqlFor(db).row('select count(*) as n from survey_pool')).toEqual({ n: 0 });

    for (const p of people) expect((await answer(p, values)).ok).toBe(true);
    await closeNow(db, wave.id, TEST_SEAL, new Date('2026-11-05T03:00:00Z'));
    const keys = (await pulseCsv(db, wave.id, 'en'))!.split('\n')[1]!.split(',').slice(2);
    const ownDims = template.dimensions.filter((d) => own.some((i) => i.dimensionId === d.id)).map((d) => d.key);
    expect(keys).toEqual([...ownDims, ...own.filter((i) => i.kind === 'scale').map((i) => i.key)]);
    expect(keys).not.toContain(other.key);
  });

  it('refuses a size outside 3–5 and writes nothing', async () => {
    for (const size of [2, 6]) {
      const { db, r } = await shortSchedule(size);
      expect(r).toMatchObject({ ok: false, code: 'bad_short_size' });
      expect(await sqlFor(db).row('select count(*) as n from survey_schedules')).toEqual({ n: 0 });
      expect(
        await sqlFor(db).row("select count(*) as n from audit_log where action = 'survey.schedule.create'"),
      ).toEqual({ n: 0 });
    }
  });
});
