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

let db: Db;
const person = (user: string) => findByEmail(db, `${user}@qingyun.example`)!.id;
const unitId = (name: string) => allUnits(db).find((u) => u.name === name)!.id;
const store = schemeSchema.parse(DEFAULT_SCHEMES.find((s) => s.key === 'store'));
const dim = (key: string) => store.dimensions.find((d) => d.key === key)!;
const hr = () => ({ kind: 'employee' as const, employeeId: person('lin.xiaowen') });

beforeAll(() => {
  db = freshDb();
  inTransaction(db, () => {
    seedDemoOrg(db);
    ensureDefaultSchemes(db);
  });
});

describe('resolveRater', () => {
  it('gives a store head\'s "unit head" dimension to his own manager, not to himself', () => {
    expect(resolveRater(db, allUnits(db), person('tom.harris'), dim('dish_quality'))).toEqual({
      raterId: person('sun.li'),
    });
    // His staff are rated by him, as the rule says.
    expect(resolveRater(db, allUnits(db), person('ye.qing'), dim('dish_quality'))).toEqual({
      raterId: person('tom.harris'),
    });
  });

  it("gives a named rater's own dimension to her manager", () => {
    expect(resolveRater(db, allUnits(db), person('sun.li'), dim('new_product'))).toEqual({
      raterId: person('chen.zhiyuan'),
    });
  });

  it('leaves the company head without a rater, with the reason, rather than naming him or HR', () => {
    expect(resolveRater(db, allUnits(db), person('chen.zhiyuan'), dim('dish_quality'))).toEqual({
      raterId: null,
      noRater: 'self_top',
    });
  });

  it('never names the subject for anyone in the company', () => {
    const units = allUnits(db);
    const everyone = db.$client.prepare('select id from employees where active = 1').all() as { id: number }[];
    for (const { id } of everyone)
      for (const d of store.dimensions) expect(resolveRater(db, units, id, d).raterId, `${id} ${d.key}`).not.toBe(id);
  });
});

describe('closing a cycle with something missing', () => {
  it("asks for the summary's fingerprint, refuses an older one, and the results leave the unrated out", () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const opened = inTransaction(db, () =>
      openCycle(db, {
        schemeRef: 'store',
        unitId: unitId('青云科技'),
        closesAt: new Date('2026-03-15T00:00:00Z'),
        now,
        actor: hr(),
      }),
    );
    if (!opened.ok) throw new Error(opened.code);
    const cycle = opened.cycle;
    const first = inTransaction(db, () => requestClose(db, { cycleId: cycle.id, now, actor: hr() }));
    expect(first).toMatchObject({ ok: false, code: 'needs_confirm' });
    if (first.ok || !('preview' in first)) throw new Error('expected a preview');
    expect(leftOut(first.preview.coverage).map((c) => c.key)).toEqual(['dish_quality', 'complaints', 'new_product']);
    expect(first.preview.coverage.find((c) => c.key === 'dish_quality')).toMatchObject({ filled: 0, noRater: 1 });

    // Tom rates Qing after the summary: the old fingerprint is refused with the new summary.
    const tom = person('tom.harris');
    inTransaction(db, () =>
      submitRatings(db, {
        cycleId: cycle.id,
        raterId: tom,
        values: { [`r_${person('ye.qing')}_dish_quality`]: '4' },
        now,
      }),
    );
    const stale = inTransaction(db, () =>
      requestClose(db, { cycleId: cycle.id, confirm: first.preview.fingerprint, now, actor: hr() }),
    );
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect(getCycle(db, cycle.id)!.closedAt).toBeNull();

    const closed = inTransaction(db, () =>
      requestClose(db, {
        cycleId: cycle.id,
        confirm: closePreview(db, getCycle(db, cycle.id)!).fingerprint,
        now,
        actor: hr(),
      }),
    );
    if (!closed.ok) throw new Error(closed.code);
    const ceo = closed.results.find((r) => r.employeeId === person('chen.zhiyuan'))!;
    expect(ceo).toMatchObject({ composite: null, noRater: ['dish_quality'] });
    expect(ceo.missing).toContain('dish_quality');
    expect(closed.results.find((r) => r.employeeId === person('ye.qing'))).toMatchObject({
      composite: 4,
      missing: ['complaints', 'new_product'],
      noRater: [],
    });
  });
});
