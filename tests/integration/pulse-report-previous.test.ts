// The report's "last wave" column (DimensionResult.previousAvg): for every unit and every closed wave of the
// demo history, it is exactly what that unit's report of the previous closed wave of the same template showed
// — and absent where that report showed no figures. It is read more narrowly than a report (issue 22: no
// comments, answers counted in the database for the one unit), so this holds the two reads together.
import { describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { buildPulseReport, type PulseReport } from '../../src/domain/surveys/report.js';
import { freshDb } from '../support/db.js';
import { TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2026-12-06T07:30:00Z');

describe('pulse report: the previous wave column', () => {
  it("equals the previous wave's own figures for the same unit", { timeout: 180_000 }, async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toMatchObject({ seeded: true });
    const hr = (await findByEmail(db, `lin.xiaowen@${DEMO_DOMAIN}`))!;
    const waveIds = (await sqlFor(db).rows<{ id: number }>('select id from survey_waves order by opened_at, id')).map(
      (r) => Number(r.id),
    );

    const report = async (waveId: number, unitId?: number): Promise<PulseReport> => {
      const r = await buildPulseReport(db, { viewer: hr, waveId, ...(unitId === undefined ? {} : { unitId }) });
      if (!r.ok) throw new Error(r.code);
      return r.report;
    };
    const closed = [];
    for (const id of waveIds) {
      const w = (await report(id)).wave;
      if (w.published) closed.push(w);
    }
    let compared = 0;
    for (const [i, wave] of closed.entries()) {
      const before = closed.slice(0, i).filter((w) => w.templateId === wave.templateId);
      const prev = before.at(-1);
      for (const unit of wave.tree) {
        const now = await report(wave.id, unit.id);
        if (!now.visible) continue;
        const last = prev && prev.tree.some((u) => u.id === unit.id) ? await report(prev.id, unit.id) : undefined;
        const lastAvg = new Map(last?.visible ? last.dimensions.map((d) => [d.key, d.avg]) : []);
        for (const d of now.dimensions) {
          expect(d.previousAvg, `wave ${wave.id} unit ${unit.id} ${d.key}`).toBe(lastAvg.get(d.key));
          if (d.previousAvg !== undefined) compared++;
        }
      }
    }
    // The demo has several closed waves in a row: the comparison must not be vacuous.
    expect(compared).toBeGreaterThan(10);
  });
});
