// Who rates whom (issue 16 item 7), on the demo org in a real database: a person never rates themselves —
// when a rule names the subject (the store head under "unit head", sun.li under her own named-person rule)
// it goes to their own manager; with nobody above (the company head) the dimension has no rater, with the
// reason, and the composite leaves it out and says so. Also the close confirmation's fingerprint (item 8).
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { allUnits } from '../../src/domain/org/units.js';
import {
  closePreview,
  ensureDefaultSchemes,
  getCycle,
  leftOut,
  openCycle,
  requestClose,
  resolveRater,
  submitRatings,
} from '../../src/domain/ratings/cycles.js';
import { DEFAULT_SCHEMES, schemeSchema } from '../../src/domain/ratings/scheme.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

let db: Db;
const person = async (user: string) => (await findByEmail(db, `${user}@qingyun.example`))!.id;
const unitId = async (name: string) => (await allUnits(db)).find((u) => u.name === name)!.id;
const store = schemeSchema.parse(DEFAULT_SCHEMES.find((s) => s.key === 'store'));
const dim = (key: string) => store.dimensions.find((d) => d.key === key)!;
const hr = async () => ({ kind: 'employee' as const, employeeId: await person('lin.xiaowen') });

beforeAll(async () => {
  db = await freshDb();
  await inTransaction(db, async () => {
    await seedDemoOrg(db);
    await ensureDefaultSchemes(db);
  });
});

describe('resolveRater', () => {
  it('gives a store head\'s "unit head" dimension to his own manager, not to himself', async () => {
    expect(await resolveRater(db, await allUnits(db), await person('tom.harris'), dim('dish_quality'))).toEqual({
      raterId: await person('sun.li'),
    });
    // His staff are rated by him, as the rule says.
    expect(await resolveRater(db, await allUnits(db), await person('ye.qing'), dim('dish_quality'))).toEqual({
      raterId: await person('tom.harris'),
    });
  });

  it("gives a named rater's own dimension to her manager", async () => {
    expect(await resolveRater(db, await allUnits(db), await person('sun.li'), dim('new_product'))).toEqual({
      raterId: await person('chen.zhiyuan'),
    });
  });

  it('leaves the company head without a rater, with the reason, rather than naming him or HR', async () => {
    expect(await resolveRater(db, await allUnits(db), await person('chen.zhiyuan'), dim('dish_quality'))).toEqual({
      raterId: null,
      noRater: 'self_top',
    });
  });

  it('never names the subject for anyone in the company', async () => {
    const units = await allUnits(db);
    const everyone = (await sqlFor(db).rows('select id from employees where active = true order by id')) as {
      id: number;
    }[];
    for (const { id } of everyone)
      for (const d of store.dimensions)
        expect((await resolveRater(db, units, id, d)).raterId, `${id} ${d.key}`).not.toBe(id);
  });
});

describe('closing a cycle with something missing', () => {
  it("asks for the summary's fingerprint, refuses an older one, and the results leave the unrated out", async () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const opened = await inTransaction(
      db,
      async () =>
        await openCycle(db, {
          schemeRef: 'store',
          unitId: await unitId('青云科技'),
          closesAt: new Date('2026-03-15T00:00:00Z'),
          now,
          actor: await hr(),
        }),
    );
    if (!opened.ok) throw new Error(opened.code);
    const cycle = opened.cycle;
    const first = await inTransaction(db, async () => requestClose(db, { cycleId: cycle.id, now, actor: await hr() }));
    expect(first).toMatchObject({ ok: false, code: 'needs_confirm' });
    if (first.ok || !('preview' in first)) throw new Error('expected a preview');
    expect(leftOut(first.preview.coverage).map((c) => c.key)).toEqual(['dish_quality', 'complaints', 'new_product']);
    expect(first.preview.coverage.find((c) => c.key === 'dish_quality')).toMatchObject({ filled: 0, noRater: 1 });

    // Tom rates Qing after the summary: the old fingerprint is refused with the new summary.
    const tom = await person('tom.harris');
    await inTransaction(
      db,
      async () =>
        await submitRatings(db, {
          cycleId: cycle.id,
          raterId: tom,
          values: { [`r_${await person('ye.qing')}_dish_quality`]: '4' },
          now,
        }),
    );
    const stale = await inTransaction(db, async () =>
      requestClose(db, { cycleId: cycle.id, confirm: first.preview.fingerprint, now, actor: await hr() }),
    );
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect((await getCycle(db, cycle.id))!.closedAt).toBeNull();

    const closed = await inTransaction(db, async () =>
      requestClose(db, {
        cycleId: cycle.id,
        confirm: (await closePreview(db, (await getCycle(db, cycle.id))!)).fingerprint,
        now,
        actor: await hr(),
      }),
    );
    if (!closed.ok) throw new Error(closed.code);
    const ceoId = await person('chen.zhiyuan');
    const ceo = closed.results.find((r) => r.employeeId === ceoId)!;
    expect(ceo).toMatchObject({ composite: null, noRater: ['dish_quality'] });
    expect(ceo.missing).toContain('dish_quality');
    const yeQing = await person('ye.qing');
    expect(closed.results.find((r) => r.employeeId === yeQing)).toMatchObject({
      composite: 4,
      missing: ['complaints', 'new_product'],
      noRater: [],
    });
  });
});
