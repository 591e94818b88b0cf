// survey_tallies (issue 22): the report and the trend read a closed wave's answer counts from tallies written
// at close, not from the answers. They must always be the GROUP BY of the stored response rows: after a close,
// after a wave answered before the pool existed is published (the rows rewritten), after a late answer is
// refused, after an erasure and the retention prune — and they must hold nothing while a wave is open and no
// group the response tables do not hold. The migrations' backfill computes the same counts.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIALECT } from '../../src/db/dialect.js';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { erasePerson } from '../../src/domain/privacy/erase-person.js';
import { pruneByRetention } from '../../src/domain/retention.js';
import { closedWavesData, publishedWavesData } from '../../src/domain/surveys/results.js';
import { getWave, publishPendingWaves, submitAnswers, type Wave } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { closeNow, launchTo as launchWaveTo, TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const DAY = 86_400_000;
const T0 = new Date('2026-05-04T01:00:00Z');
const NOW = new Date('2026-12-06T07:30:00Z');

type Row = { waveId: number; unitId: number; itemId: number; value: number; n: number };
const ordered = 'order by 1, 2, 3, 4';
const asRows = (rows: Record<string, unknown>[]): Row[] =>
  rows.map((r) => ({
    waveId: Number(r.waveId),
    unitId: Number(r.unitId),
    itemId: Number(r.itemId),
    value: Number(r.value),
    n: Number(r.n),
  }));

async function tallies(db: Db): Promise<Row[]> {
  return asRows(
    await sqlFor(db).rows(
      `select wave_id as "waveId", unit_id as "unitId", item_id as "itemId", value, n from survey_tallies ${ordered}`,
    ),
  );
}

/** The database's own GROUP BY of the stored answers of published waves (rows outside every group left out). */
async function groupBy(db: Db): Promise<Row[]> {
  return asRows(
    await sqlFor(db).rows(
      `select r.wave_id as "waveId", r.unit_id as "unitId", a.item_id as "itemId", a.value as value, count(*) as n
       from survey_answers a join survey_responses r on r.id = a.response_id
       join survey_waves w on w.id = r.wave_id
       where r.unit_id is not null and w.published is not null
       group by r.wave_id, r.unit_id, a.item_id, a.value ${ordered}`,
    ),
  );
}

/** A wave launched to `unit` at T0 (tests/support/pulse.ts), and a person's answers submitted to it. */
async function launchTo(db: Db, unit: string) {
  const w = await launchWaveTo(db, unit, T0);
  const answer = async (employeeId: number, v: number, now = T0) =>
    await inTransaction(
      db,
      async () => await submitAnswers(db, TEST_SEAL, { waveId: w.wave.id, employeeId, values: w.values(v), now }),
    );
  return { ...w, answer };
}

const sortedAnswers = (rows: { unitId: number; itemId: number; value: number; n: number }[]) =>
  [...rows].sort((a, b) => a.unitId - b.unitId || a.itemId - b.itemId || a.value - b.value);

describe('survey tallies', () => {
  it(
    'equal the GROUP BY of the stored rows for every wave of the demo history, and read the same',
    {
      timeout: 180_000,
    },
    async () => {
      const db = await freshDb();
      await seedDemoOrg(db);
      expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toMatchObject({ seeded: true });
      const expected = await groupBy(db);
      expect(expected.length).toBeGreaterThan(100);
      expect(await tallies(db)).toEqual(expected);

      const waves: Wave[] = [];
      for (const r of await sqlFor(db).rows<{ id: number }>('select id from survey_waves order by opened_at, id')) {
        const w = (await getWave(db, Number(r.id)))!;
        if (w.published) waves.push(w);
      }
      const fromTallies = await publishedWavesData(db, waves);
      const fromRows = await closedWavesData(db, waves);
      for (const w of waves) {
        const t = fromTallies.get(w.id)!;
        const r = fromRows.get(w.id)!;
        expect(sortedAnswers(t.answers), `wave ${w.id}`).toEqual(sortedAnswers(r.answers));
        expect(t.groupSizes).toEqual(r.groupSizes);
        expect(t.publication).toEqual(r.publication);
        // Only groups published at close, each of at least the wave's K.
        for (const a of t.answers) {
          expect(w.published!.units.has(a.unitId)).toBe(true);
          expect(t.groupSizes.get(a.unitId)!).toBeGreaterThanOrEqual(w.k);
        }
      }
    },
  );

  it('hold nothing while a wave is open, are written at close, and a late answer changes nothing', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const w = await launchTo(db, '上海徐汇店');
    for (const [i, p] of w.people.entries()) expect((await w.answer(p, 1 + (i % 5))).ok).toBe(true);
    expect(await tallies(db)).toEqual([]);
    await closeNow(db, w.wave.id, TEST_SEAL, new Date(T0.getTime() + DAY));
    const closed = await tallies(db);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed).toEqual(await groupBy(db));
    expect(closed.reduce((s, r) => s + r.n, 0)).toBe(
      Number((await sqlFor(db).row<{ n: number }>('select count(*) as n from survey_answers'))!.n),
    );
    // After close an answer is refused (the wave's rows and tallies are final).
    const late = await w.answer(w.people[0]!, 2, new Date(T0.getTime() + 2 * DAY));
    expect(late).toMatchObject({ ok: false, code: 'closed' });
    expect(await tallies(db)).toEqual(closed);
  });

  it('are rewritten, not added to, when a wave answered before the pool existed is published', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const w = await launchTo(db, '深圳南山店');
    const sql = sqlFor(db);
    const unitId = Number(
      (await sql.row<{ u: number }>(
        'select unit_id as u from survey_participation where wave_id = ? limit 1',
        w.wave.id,
      ))!.u,
    );
    // The old way: plaintext rows under the launch unit; the wave closed without publication.
    for (const [i, p] of w.people.entries()) {
      const rid = randomBytes(16).toString('hex');
      await sql.run('insert into survey_responses (id, wave_id, unit_id) values (?, ?, ?)', rid, w.wave.id, unitId);
      for (const [item, v] of Object.entries(w.values(1 + (i % 5))))
        await sql.run(
          'insert into survey_answers (response_id, item_id, value) values (?, ?, ?)',
          rid,
          Number(item.slice(1)),
          Number(v),
        );
      await sql.run(
        'update survey_participation set answered = true where wave_id = ? and employee_id = ?',
        w.wave.id,
        p,
      );
    }
    await sql.run(
      'update survey_waves set closed_at = ? where id = ?',
      new Date(T0.getTime() + DAY).toISOString(),
      w.wave.id,
    );
    // Unpublished rows are under a launch unit, not a group: they are never tallied.
    expect(await tallies(db)).toEqual([]);
    expect(await inTransaction(db, async () => await publishPendingWaves(db, TEST_SEAL))).toEqual([w.wave.id]);
    const published = await tallies(db);
    expect(published.length).toBeGreaterThan(0);
    expect(published).toEqual(await groupBy(db));
    expect(published.reduce((s, r) => s + r.n, 0)).toBe(w.people.length * Object.keys(w.values(1)).length);
  });

  it('are left as they are by an erasure and by the retention prune, which leave the answers too', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const w = await launchTo(db, '上海徐汇店');
    for (const [i, p] of w.people.entries()) expect((await w.answer(p, 1 + (i % 5))).ok).toBe(true);
    await closeNow(db, w.wave.id, TEST_SEAL, new Date(T0.getTime() + DAY));
    const before = await tallies(db);
    const leaver = w.people[0]!;
    await sqlFor(db).run('update employees set active = false where id = ?', leaver);
    const hr = Number(
      (await sqlFor(db).row<{ id: number }>("select id from employees where email like 'lin.xiaowen@%'"))!.id,
    );
    expect(
      await inTransaction(db, async () => await erasePerson(db, leaver, { kind: 'employee', employeeId: hr }, NOW)),
    ).toMatchObject({ ok: true });
    await inTransaction(db, async () => await pruneByRetention(db, new Date(NOW.getTime() + 3650 * DAY)));
    expect(await tallies(db)).toEqual(before);
    expect(await tallies(db)).toEqual(await groupBy(db));
  });

  it("the migration's backfill computes what close writes", async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    await seedDemoHistory(db, { key: TEST_SEAL, now: NOW });
    const written = await tallies(db);
    const file =
      DIALECT === 'postgres' ? 'migrations/pg/0006_survey_tallies.sql' : 'migrations/0017_survey_tallies.sql';
    const backfill = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .find((s) => s.startsWith('INSERT INTO'));
    expect(backfill).toBeDefined();
    await sqlFor(db).run('delete from survey_tallies');
    await sqlFor(db).run(backfill!.replace(/;\s*$/, ''));
    expect(await tallies(db)).toEqual(written);
  }, 180_000);
});
