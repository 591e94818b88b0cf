// The attack of HR on the heatmap's new views (issue 23): read the mini-app's report from every unit, at every
// level, with every kind filter, collect every figure shown (a unit's row, a kind's summary, a unit's own
// report), and combine them by sums and differences to single out a small group. Xuhui store has 2 answers
// (K = 5), all 1s; everyone else answers 2 (stores) or 4 (HQ). The attacker must learn nothing of Xuhui.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { closeWaveNow } from '../browser/miniapp-support.js';
import { launchTo } from '../support/pulse.js';
import { call, sandboxSession } from '../web/client.js';

const K = 5;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

interface Figure {
  what: string;
  /** The units the figure covers, as the attacker reads them off the page. */
  units: Set<number>;
  responses: number;
  avg: number;
}
interface Row {
  unit: { id: number; name: string };
  kind: string;
  visible: boolean;
  responses: number | null;
  dims: Record<string, number>;
}
interface ApiReport {
  unit: { id: number };
  visible: boolean;
  responses: number | null;
  dimensions: { key: string; avg: number }[];
  heatmap: Row[];
  heatmapLevel: { depth: number; levels: number };
  heatmapKinds: { kind: string; shownUnits: number; responses: number | null; dims: Record<string, number> }[];
}

/** Rank of 0/1 vectors over the rationals (Gaussian elimination; the vectors are small). */
function rank(vectors: number[][]): number {
  const m = vectors.map((v) => [...v]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++)
      if (i !== r && Math.abs(m[i]![c]!) > 1e-9) {
        const f = m[i]![c]! / m[r]![c]!;
        m[i] = m[i]!.map((x, j) => x - f * m[r]![j]!);
      }
    r++;
  }
  return r;
}

describe('attack 7: the heatmap at every level and by kind cannot be combined into a small group', () => {
  it('no sum or difference of the figures of every view isolates Xuhui store, or any group under K', async () => {
    const w = await launchTo(h.app.db, '青云科技', new Date(Date.now() - 60_000));
    const people = await h.sql.rows<{ id: number; unit: string }>(
      'select e.id, u.name as unit from employees e join org_units u on u.id = e.unit_id order by e.id',
    );
    let xuhui = 0;
    for (const p of people) {
      if (p.unit === '青云科技') continue;
      let v = p.unit.endsWith('店') ? 2 : 4;
      if (p.unit === '上海徐汇店') {
        if (xuhui++ >= 2) continue;
        v = 1;
      }
      const r = await inTransaction(
        h.app.db,
        async () =>
          await submitAnswers(h.app.db, surveySealKey(h.app.config), {
            waveId: w.wave.id,
            employeeId: Number(p.id),
            values: w.values(v),
            now: new Date(),
          }),
      );
      expect(r.ok).toBe(true);
    }
    await closeWaveNow(h, w.wave.id);

    const tree = await h.sql.rows<{ id: number; parent: number | null; name: string }>(
      'select id, parent_id as parent, name from org_units order by id',
    );
    const below = (id: number): number[] => [id, ...tree.filter((u) => u.parent === id).flatMap((u) => below(u.id))];
    const idOf = (name: string) => tree.find((u) => u.name === name)!.id;
    const hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
    const get = async (qs: string): Promise<ApiReport> => {
      const a = await call(h, 'GET', `/api/hr/report?waveId=${w.wave.id}&${qs}`, { session: hr });
      expect(a.status).toBe(200);
      return a.body.report as ApiReport;
    };

    const figures: Figure[] = [];
    let views = 0;
    for (const u of tree) {
      const own = await get(`unitId=${u.id}`);
      if (own.visible)
        figures.push({
          what: `${u.name}`,
          units: new Set(below(u.id)),
          responses: own.responses!,
          avg: own.dimensions[0]!.avg,
        });
      for (let depth = 1; depth <= own.heatmapLevel.levels; depth++)
        for (const kind of ['', 'department', 'store', 'mixed']) {
          const r = await get(`unitId=${u.id}&depth=${depth}${kind ? `&kind=${kind}` : ''}`);
          views++;
          for (const row of r.heatmap) {
            if (!row.visible) {
              expect(row, `${row.unit.name} hidden, yet with figures`).toMatchObject({ responses: null, dims: {} });
              continue;
            }
            figures.push({
              what: `${u.name}/${depth}/${row.unit.name}`,
              units: new Set(below(row.unit.id)),
              responses: row.responses!,
              avg: Object.values(row.dims)[0]!,
            });
          }
          // A kind's summary: the page says it is over its shown rows — the attacker takes it at its word, and the
          // count holds it to that (a summary over anything more would not add up).
          const all = kind ? await get(`unitId=${u.id}&depth=${depth}`) : r;
          for (const k of r.heatmapKinds) {
            const shown = all.heatmap.filter((x) => x.kind === k.kind && x.visible);
            expect(k.shownUnits).toBe(shown.length);
            if (k.responses === null) continue;
            expect(k.responses).toBe(shown.reduce((s, x) => s + x.responses!, 0));
            figures.push({
              what: `${u.name}/${depth}/kind ${k.kind}`,
              units: new Set(shown.flatMap((x) => below(x.unit.id))),
              responses: k.responses,
              avg: Object.values(k.dims)[0]!,
            });
          }
        }
    }
    expect(views).toBeGreaterThan(10);

    // No figure is about Xuhui alone or says its 1s: every figure that covers it has at least K answers and an
    // average above 1 (its answers are mixed with at least K others').
    const xu = idOf('上海徐汇店');
    for (const f of figures) {
      expect(f.responses, f.what).toBeGreaterThanOrEqual(K);
      if (f.units.has(xu)) expect(f.avg, f.what).toBeGreaterThan(1.5);
    }
    // Differences of nested figures: nothing, or at least K answers.
    for (const a of figures)
      for (const b of figures)
        if (a !== b && [...b.units].every((x) => a.units.has(x)) && b.units.size < a.units.size) {
          const d = a.responses - b.responses;
          expect(d === 0 || d >= K, `${a.what} − ${b.what} = ${d}`).toBe(true);
        }
    // Any sum and difference: Xuhui's set of units is not in the span of the figures' sets.
    const ids = tree.map((u) => u.id);
    const vec = (s: Set<number>) => ids.map((id) => (s.has(id) ? 1 : 0));
    const span = figures.map((f) => vec(f.units));
    expect(rank([...span, vec(new Set([xu]))])).toBe(rank(span) + 1);
  });
});
