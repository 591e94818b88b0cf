// closedWavesData reads several waves' answers at once from the stored rows (the report reads the tallies
// written at close instead: tests/integration/pulse-tallies.test.ts). Its counts per (group, item, value)
// must be the database's own GROUP BY of the stored rows: for every closed wave of the demo history, read
// together and one by one, narrowed to a unit's groups, and for a wave holding a value an earlier packed-
// integer count could not hold.
import { describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { closedWavesData, type ClosedWaveData } from '../../src/domain/surveys/results.js';
import { getWave, type Wave } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { TEST_SEAL } from '../support/pulse.js';
import { sqlFor, type Sql } from '../support/sql.js';

const NOW = new Date('2026-12-06T07:30:00Z');

const sorted = (rows: ClosedWaveData['answers']) =>
  [...rows].sort((a, b) => a.unitId - b.unitId || a.itemId - b.itemId || a.value - b.value);

async function groupBy(sql: Sql, waveId: number, units?: number[]): Promise<ClosedWaveData['answers']> {
  const only = units ? `and r.unit_id in (${units.map(() => '?').join(', ')})` : 'and r.unit_id is not null';
  const rows = await sql.rows<Record<string, unknown>>(
    `select r.unit_id as unitId, a.item_id as itemId, a.value as value, count(*) as n
     from survey_answers a join survey_responses r on r.id = a.response_id
     where r.wave_id = ? ${only} group by r.unit_id, a.item_id, a.value`,
    waveId,
    ...(units ?? []),
  );
  return sorted(
    rows.map((r) => ({ unitId: Number(r.unitId), itemId: Number(r.itemId), value: Number(r.value), n: Number(r.n) })),
  );
}

describe('closed waves: answer counts', () => {
  it('equal GROUP BY of the stored rows, read together, one by one and narrowed', { timeout: 180_000 }, async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toMatchObject({ seeded: true });
    const sql = sqlFor(db);
    const waves: Wave[] = [];
    for (const r of await sql.rows<{ id: number }>('select id from survey_waves order by opened_at, id')) {
      const w = (await getWave(db, Number(r.id)))!;
      if (w.published) waves.push(w);
    }
    expect(waves.length).toBeGreaterThan(2);

    const together = await closedWavesData(db, waves);
    let answers = 0;
    for (const w of waves) {
      const expected = await groupBy(sql, w.id);
      answers += expected.reduce((s, r) => s + r.n, 0);
      expect(sorted(together.get(w.id)!.answers), `wave ${w.id}`).toEqual(expected);
      expect(sorted((await closedWavesData(db, [w])).get(w.id)!.answers), `wave ${w.id} alone`).toEqual(expected);
      // Narrowed to a few groups: only theirs, and the publication still decided over every group.
      const some = [...new Set(expected.map((r) => r.unitId))].slice(0, 2);
      const narrowed = (await closedWavesData(db, [w], { units: new Set(some) })).get(w.id)!;
      expect(sorted(narrowed.answers), `wave ${w.id} narrowed`).toEqual(await groupBy(sql, w.id, some));
      expect(narrowed.publication).toEqual(together.get(w.id)!.publication);
    }
    expect(answers).toBeGreaterThan(100);
  });

  it('counts a wave right when a stored value is beyond what the packing holds', { timeout: 180_000 }, async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    await seedDemoHistory(db, { key: TEST_SEAL, now: NOW });
    const sql = sqlFor(db);
    const waveId = Number(
      (await sql.row<{ id: number }>('select wave_id as id from survey_responses order by wave_id limit 1'))!.id,
    );
    // Not a value the domain writes (scales end at 10): it stands for any id or value outside the packed bits.
    const one = (await sql.row<{ id: string; item: number }>(
      `select a.response_id as id, a.item_id as item from survey_answers a
       join survey_responses r on r.id = a.response_id where r.wave_id = ? and r.unit_id is not null limit 1`,
      waveId,
    ))!;
    await sql.run('update survey_answers set value = 1000 where response_id = ? and item_id = ?', one.id, one.item);
    const expected = await groupBy(sql, waveId);
    expect(expected.some((r) => r.value === 1000)).toBe(true);
    const wave = (await getWave(db, waveId))!;
    expect(sorted((await closedWavesData(db, [wave])).get(waveId)!.answers)).toEqual(expected);
  });
});
