// ratingsTrend: the same scope as the team report (a manager their own subtree, HR any unit, anyone else
// nothing), one point per closed cycle of the scheme (oldest first, at most 8), averages over the people
// in the unit's subtree; and hasOpenRaterTasks for the "Rate my team" menu entry.
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase, runMigrations, type Db } from '../../src/db/connection.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { allUnits } from '../../src/domain/org/units.js';
import {
  closeCycle,
  ensureDefaultSchemes,
  openCycle,
  ratingField,
  submitRatings,
} from '../../src/domain/ratings/cycles.js';
import { hasOpenRaterTasks } from '../../src/domain/ratings/rater-status.js';
import { ratingsTrend, TREND_CYCLES } from '../../src/domain/ratings/trend.js';

let db: Db;
const person = async (user: string) => (await findByEmail(db, `${user}@qingyun.example`))!;
const unitId = async (name: string) => (await allUnits(db)).find((u) => u.name === name)!.id;
const hr = async () => ({ kind: 'employee' as const, employeeId: (await person('lin.xiaowen')).id });

/** One cycle of the team scheme for the Nanshan store: Tom rates Sophia and Qing; then it closes. */
async function cycle(
  month: number,
  sophia: [number, number, number],
  qing: [number, number, number] | null,
): Promise<number> {
  const at = (day: number) => new Date(Date.UTC(2026, month, day));
  const r = await inTransaction(
    db,
    async () =>
      await openCycle(db, {
        schemeRef: 'team',
        unitId: await unitId('深圳南山店'),
        closesAt: at(20),
        now: at(1),
        actor: await hr(),
      }),
  );
  if (!r.ok) throw new Error(r.code);
  const values: Record<string, string> = {};
  const dims = ['attitude', 'collaboration', 'expression'];
  const sophiaId = (await person('sophia.lee')).id;
  dims.forEach((d, i) => (values[ratingField(sophiaId, d)] = String(sophia[i])));
  if (qing) {
    const qingId = (await person('ye.qing')).id;
    dims.forEach((d, i) => (values[ratingField(qingId, d)] = String(qing[i])));
  }
  const s = await inTransaction(
    db,
    async () =>
      await submitRatings(db, { cycleId: r.cycle.id, raterId: (await person('tom.harris')).id, values, now: at(2) }),
  );
  if (!s.ok) throw new Error(s.code);
  await inTransaction(db, async () => await closeCycle(db, { cycleId: r.cycle.id, now: at(20), actor: await hr() }));
  return r.cycle.id;
}

beforeAll(async () => {
  db = openDatabase(':memory:');
  runMigrations(db);
  await seedDemoOrg(db);
  await inTransaction(db, async () => await ensureDefaultSchemes(db));
});

describe('ratingsTrend', () => {
  it('has nothing before any cycle closed', async () => {
    expect(await ratingsTrend(db, { viewer: await person('tom.harris') })).toEqual({ ok: false, code: 'no_cycles' });
  });

  it('gives one point per closed cycle, oldest first, with composite and dimension averages', async () => {
    const first = await cycle(0, [2, 4, 3], [4, 4, 4]);
    const second = await cycle(2, [3, 3, 3], null);
    const r = await ratingsTrend(db, { viewer: await person('tom.harris') });
    if (!r.ok) throw new Error(r.code);
    expect(r.trend.unit.name).toBe('深圳南山店');
    expect(r.trend.scheme.key).toBe('team');
    expect(r.trend.points.map((p) => p.cycleId)).toEqual([first, second]);
    // Sophia (2·34 + 4·33 + 3·33)/100 = 2.99 and Qing 4 → 3.5 (rounded to 2 places: 3.5); only rated people count.
    expect(r.trend.points[0]).toMatchObject({
      people: 2,
      composite: 3.5,
      dimensions: { attitude: 3, collaboration: 4, expression: 3.5 },
    });
    expect(r.trend.points[1]).toMatchObject({
      people: 1,
      composite: 3,
      dimensions: { attitude: 3, collaboration: 3, expression: 3 },
    });
    expect(r.trend.schemes.map((s) => s.key)).toEqual(['team']);
  });

  it('keeps the scope of the team report', async () => {
    const store = await unitId('深圳南山店');
    // The head of finance leads no store: not his to see.
    expect(await ratingsTrend(db, { viewer: await person('wang.fang'), unitId: store })).toEqual({
      ok: false,
      code: 'forbidden',
    });
    // An employee leads nothing at all.
    expect(await ratingsTrend(db, { viewer: await person('sophia.lee') })).toEqual({ ok: false, code: 'forbidden' });
    // Tom cannot look at another store.
    expect(await ratingsTrend(db, { viewer: await person('tom.harris'), unitId: await unitId('杭州西湖店') })).toEqual({
      ok: false,
      code: 'forbidden',
    });
    // HR may look anywhere: the store's cycles count for the company above it, not for finance beside it.
    const company = await ratingsTrend(db, {
      viewer: await person('lin.xiaowen'),
      unitId: (await allUnits(db)).find((u) => u.parentId === null)!.id,
    });
    expect(company.ok && company.trend.points.length).toBe(2);
    expect(await ratingsTrend(db, { viewer: await person('lin.xiaowen'), unitId: await unitId('财务部') })).toEqual({
      ok: false,
      code: 'no_cycles',
    });
    // The CEO heads the company: the store is in his subtree.
    const ceo = await ratingsTrend(db, { viewer: await person('chen.zhiyuan'), unitId: store });
    expect(ceo.ok && ceo.trend.points.length).toBe(2);
  });

  it('follows the scheme asked for', async () => {
    const r = await ratingsTrend(db, {
      viewer: await person('lin.xiaowen'),
      unitId: await unitId('深圳南山店'),
      scheme: 'store',
    });
    expect(r).toEqual({ ok: false, code: 'no_cycles' });
  });

  it(`shows at most the last ${TREND_CYCLES} cycles`, async () => {
    for (let m = 3; m < 3 + TREND_CYCLES; m++) await cycle(m, [5, 5, 5], null);
    const r = await ratingsTrend(db, { viewer: await person('tom.harris') });
    if (!r.ok) throw new Error(r.code);
    expect(r.trend.points).toHaveLength(TREND_CYCLES);
    expect(r.trend.points.at(-1)!.composite).toBe(5);
    expect(r.trend.points[0]!.closedAt < r.trend.points.at(-1)!.closedAt).toBe(true);
  });
});

describe('hasOpenRaterTasks', () => {
  it('is true for a rater of an open cycle only while it is open', async () => {
    const tom: Person = await person('tom.harris');
    const now = new Date(Date.UTC(2027, 5, 1));
    expect(await hasOpenRaterTasks(db, tom.id, now)).toBe(false);
    const r = await inTransaction(
      db,
      async () =>
        await openCycle(db, {
          schemeRef: 'team',
          unitId: await unitId('深圳南山店'),
          closesAt: new Date(Date.UTC(2027, 5, 10)),
          now,
          actor: await hr(),
        }),
    );
    expect(r.ok).toBe(true);
    expect(await hasOpenRaterTasks(db, tom.id, now)).toBe(true);
    expect(await hasOpenRaterTasks(db, (await person('sophia.lee')).id, now)).toBe(false);
    // Past its close date the cycle no longer asks anything of him.
    expect(await hasOpenRaterTasks(db, tom.id, new Date(Date.UTC(2027, 5, 11)))).toBe(false);
  });
});
