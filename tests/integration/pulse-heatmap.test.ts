// The pulse report's heatmap at two levels of the demo tree and by unit kind (HQ departments vs stores), on a
// real database: a wave to the whole company where Xuhui store has 2 answers (under K = 5), so it is hidden,
// and one of the other two stores is hidden with it (complementary suppression) at every level and in every
// kind view.
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { buildPulseReport, type PulseReport } from '../../src/domain/surveys/report.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { freshDb } from '../support/db.js';
import { closeNow, launchTo, TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const T0 = new Date('2026-05-04T01:00:00Z');
let db: Db;
let hr: Person;
let waveId: number;

const unitOf = async (name: string) =>
  Number((await sqlFor(db).row<{ id: number }>('select id from org_units where name = ?', name))!.id);

beforeAll(async () => {
  db = await freshDb();
  await seedDemoOrg(db);
  hr = (await findByEmail(db, `lin.xiaowen@${DEMO_DOMAIN}`))!;
  const w = await launchTo(db, '青云科技', T0);
  waveId = w.wave.id;
  const people = await sqlFor(db).rows<{ id: number; unit: string }>(
    'select e.id, u.name as unit from employees e join org_units u on u.id = e.unit_id order by e.id',
  );
  let xuhui = 0;
  for (const p of people) {
    if (p.unit === '青云科技') continue; // the CEO does not answer: nobody sits in the company's own group
    // HQ answers 4, stores 2, and the two Xuhui answers are 1: the figure an attacker would want.
    let v = p.unit.endsWith('店') ? 2 : 4;
    if (p.unit === '上海徐汇店') {
      if (xuhui++ >= 2) continue;
      v = 1;
    }
    const r = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, TEST_SEAL, { waveId, employeeId: Number(p.id), values: w.values(v), now: T0 }),
    );
    expect(r.ok).toBe(true);
  }
  await closeNow(db, waveId, TEST_SEAL, new Date(T0.getTime() + 86_400_000));
});

async function report(input: Partial<Parameters<typeof buildPulseReport>[1]> = {}): Promise<PulseReport> {
  const r = await buildPulseReport(db, { viewer: hr, waveId, ...input });
  if (!r.ok) throw new Error(r.code);
  return r.report;
}
const rows = (r: PulseReport) => r.heatmap.map((h) => [h.unit.name, h.kind, h.visible, h.responses ?? null]);

describe('pulse heatmap by level and kind', () => {
  it('level 1: HQ and the stores node, each shown with its count', async () => {
    const r = await report();
    expect(r.heatmapLevel).toEqual({ depth: 1, levels: 2, kind: undefined });
    expect(rows(r)).toEqual([
      ['总部', 'department', true, 20],
      ['门店', 'store', true, 14],
    ]);
    // The stores node holds Xuhui's two 1s inside a group of 14: (2·1 + 12·2) / 14.
    expect(Object.values(r.heatmap[1]!.dims)).toEqual(r.template.dimensions.map(() => 1.86));
    expect(Object.values(r.heatmap[0]!.dims)).toEqual(r.template.dimensions.map(() => 4));
  });

  it('level 2: every team, Xuhui too few and the smaller other store hidden with it', async () => {
    const r = await report({ depth: 2 });
    expect(r.heatmapLevel.depth).toBe(2);
    const byName = new Map(r.heatmap.map((h) => [h.unit.name, h]));
    expect([...byName.keys()].sort()).toEqual(
      ['人力资源部', '信息技术部', '财务部', '产品研发部', '运营部', '上海徐汇店', '杭州西湖店', '深圳南山店'].sort(),
    );
    expect(byName.get('产品研发部')).toMatchObject({ visible: true, responses: 8 });
    expect(byName.get('运营部')).toMatchObject({ visible: true, responses: 5 });
    for (const small of ['人力资源部', '信息技术部', '财务部', '上海徐汇店'])
      expect(byName.get(small)).toMatchObject({ visible: false, dims: {} });
    const stores = r.heatmap.filter((h) => h.kind === 'store');
    // 14 store answers: shown stores must leave a hidden remainder of 0 or at least K — so only one of the 6s shows.
    expect(stores.filter((s) => s.visible).map((s) => s.responses)).toEqual([6]);
    expect(Object.values(stores.find((s) => s.visible)!.dims).every((x) => x === 2)).toBe(true);
  });

  it('by kind: stores only, and each kind summed over its shown rows alone', async () => {
    const r = await report({ depth: 2, kind: 'store' });
    expect(r.heatmap.map((h) => h.unit.name).sort()).toEqual(['上海徐汇店', '杭州西湖店', '深圳南山店'].sort());
    expect(r.heatmapKinds.map((k) => [k.kind, k.units, k.shownUnits, k.responses])).toEqual([
      ['department', 5, 2, 13],
      ['store', 3, 1, 6],
    ]);
    // Never the Xuhui answers: a store summary over hidden rows would pull its average below 2.
    expect(Object.values(r.heatmapKinds[1]!.dims).every((x) => x === 2)).toBe(true);
  });

  it('from a unit below the top, and a depth beyond the tree brought to the deepest level', async () => {
    const r = await report({ unitId: await unitOf('门店'), depth: 7 });
    expect(r.heatmapLevel).toMatchObject({ depth: 1, levels: 1 });
    expect(r.heatmap.map((h) => h.unit.name).sort()).toEqual(['上海徐汇店', '杭州西湖店', '深圳南山店'].sort());
    expect(r.heatmap.filter((h) => h.visible)).toHaveLength(1);
  });
});
