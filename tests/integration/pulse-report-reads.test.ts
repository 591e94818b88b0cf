// The pulse report's reads made for PostgreSQL's round trips (issue 22) must return what the general reads do:
// one wave's tallies and participation (built once, `wave_id = ?`) as the many-wave reads give them; the previous
// wave's publication read beside the report's wave with its counts left out; both thresholds in one settings read;
// and tallies written for many waves at once stored wave by wave, in key order. The report's one statement for
// its counts (its wave's, the previous wave's publication and dimensions) and its comments read (a subtree's
// units bound as one value) give what the general reads give.
import { describe, expect, it } from 'vitest';
import { DIALECT } from '../../src/db/dialect.js';
import type { Db } from '../../src/db/connection.js';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { subtreeIds } from '../../src/domain/org/units.js';
import {
  anonymityThreshold,
  anonymityThresholds,
  commentThreshold,
  setAnonymityThreshold,
} from '../../src/domain/settings.js';
import { buildPulseReport, type PulseReport } from '../../src/domain/surveys/report.js';
import {
  closedWavesData,
  commentsFor,
  dimensionsIn,
  participationIn,
  participationsIn,
  publishedWavesData,
  reportWavesData,
  thresholdSettings,
  writeTallies,
} from '../../src/domain/surveys/results.js';
import { getWave, waveTemplate, type Wave } from '../../src/domain/surveys/waves.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { freshDb } from '../support/db.js';
import { TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2026-12-06T07:30:00Z');

async function demo(): Promise<{ db: Db; hr: Person; waves: Wave[] }> {
  const db = await freshDb();
  await seedDemoOrg(db);
  expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toMatchObject({ seeded: true });
  const hr = (await findByEmail(db, `lin.xiaowen@${DEMO_DOMAIN}`))!;
  const waves: Wave[] = [];
  for (const r of await sqlFor(db).rows<{ id: number }>('select id from survey_waves order by opened_at, id'))
    waves.push((await getWave(db, Number(r.id)))!);
  return { db, hr, waves };
}

const sorted = (rows: { unitId: number; itemId: number; value: number; n: number }[]) =>
  [...rows].sort((a, b) => a.unitId - b.unitId || a.itemId - b.itemId || a.value - b.value);

describe('the pulse report reads', () => {
  it("read one wave's tallies and participation as the many-wave reads do", { timeout: 180_000 }, async () => {
    const { db, waves } = await demo();
    const closed = waves.filter((w) => w.published);
    expect(closed.length).toBeGreaterThan(2);
    const all = await publishedWavesData(db, closed);
    const stored = await closedWavesData(db, closed);
    for (const [i, w] of closed.entries()) {
      const one = (await publishedWavesData(db, [w])).get(w.id)!;
      expect(one.answers.length, `wave ${w.id}`).toBeGreaterThan(0);
      expect(sorted(one.answers), `wave ${w.id}`).toEqual(sorted(all.get(w.id)!.answers));
      expect(sorted(one.answers), `wave ${w.id}`).toEqual(sorted(stored.get(w.id)!.answers));
      expect(one.groupSizes).toEqual(all.get(w.id)!.groupSizes);
      expect(one.publication).toEqual(all.get(w.id)!.publication);

      // Beside another wave, its counts left out: the same publication and group sizes, no answers.
      const other = closed[(i + 1) % closed.length]!;
      const pair = await publishedWavesData(db, [w, other], { countsOf: new Set([w.id]) });
      expect(sorted(pair.get(w.id)!.answers)).toEqual(sorted(one.answers));
      expect(pair.get(other.id)!.answers).toEqual([]);
      expect(pair.get(other.id)!.groupSizes).toEqual(all.get(other.id)!.groupSizes);
      expect(pair.get(other.id)!.publication).toEqual(all.get(other.id)!.publication);

      // Participation of every unit's subtree: the one-wave read against the read of two waves at once.
      for (const u of w.tree) {
        const scope = subtreeIds(w.tree, u.id);
        const many = await participationsIn(db, [
          { wave: w, scope },
          { wave: other, scope: subtreeIds(other.tree, other.tree[0]!.id) },
        ]);
        expect(await participationIn(db, w, scope), `wave ${w.id} unit ${u.id}`).toEqual(many.get(w.id));
      }
    }
    // Not vacuous: the root's participation counts people.
    const latest = closed.at(-1)!;
    expect((await participationIn(db, latest, new Set(latest.tree.map((u) => u.id)))).asked).toBeGreaterThan(10);
  });

  it('store the tallies of many waves written at once wave by wave, in key order', { timeout: 180_000 }, async () => {
    const { db, waves } = await demo();
    const ids = waves.filter((w) => w.published).map((w) => w.id);
    const before = await sqlFor(db).rows('select * from survey_tallies order by wave_id, unit_id, item_id, value');
    await unitOfWork(db, async (tx) => await writeTallies(tx, ids));
    // Rewritten, not changed.
    expect(await sqlFor(db).rows('select * from survey_tallies order by wave_id, unit_id, item_id, value')).toEqual(
      before,
    );
    // Storage order: the row's place in the heap on PostgreSQL; on SQLite the table is WITHOUT ROWID, stored by
    // its key, and a plain scan reads it in storage order.
    const place = DIALECT === 'postgres' ? 'order by ctid' : '';
    const stored = await sqlFor(db).rows<{ w: number; u: number; i: number; v: number }>(
      `select wave_id as w, unit_id as u, item_id as i, value as v from survey_tallies ${place}`,
    );
    expect(stored.length).toBeGreaterThan(100);
    expect(new Set(stored.map((r) => Number(r.w))).size).toBe(ids.length);
    const key = (r: { w: number; u: number; i: number; v: number }) => [r.w, r.u, r.i, r.v].map(Number);
    for (let n = 1; n < stored.length; n++) {
      const [a, b] = [key(stored[n - 1]!), key(stored[n]!)];
      const i = a.findIndex((x, j) => x !== b[j]);
      expect(i === -1 || a[i]! < b[i]!, `row ${n}: ${a.join(',')} then ${b.join(',')}`).toBe(true);
    }
  });

  it('read both thresholds in one read as the two reads give them', async () => {
    const db = await freshDb();
    const sql = sqlFor(db);
    const both = async () => ({ k: await anonymityThreshold(db), commentK: await commentThreshold(db) });
    const store = async (key: string, value: string | undefined) => {
      await sql.run('delete from settings where key = ?', key);
      if (value !== undefined)
        await sql.run('insert into settings (key, value, updated_at) values (?, ?, ?)', key, value, NOW.toISOString());
    };
    // None stored, K alone, a comment threshold above and below K, and values no setter would write.
    const states: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['7', undefined],
      ['5', '8'],
      ['6', '4'],
      [undefined, '9'],
      ['2', '8'],
      ['"x"', '7.5'],
      ['5', '11'],
    ];
    const seen = new Set<string>();
    for (const [k, c] of states) {
      await store('anonymity.k', k);
      await store('anonymity.comment_k', c);
      const expected = await both();
      expect(await anonymityThresholds(db), `k ${k}, comment_k ${c}`).toEqual(expected);
      seen.add(JSON.stringify(expected));
    }
    expect(seen.size).toBeGreaterThan(4);
  });

  it('show the previous wave only where it is shown today, after K was raised', { timeout: 180_000 }, async () => {
    const { db, hr, waves } = await demo();
    const closed = waves.filter((w) => w.published);
    const report = async (waveId: number, unitId: number): Promise<PulseReport> => {
      const r = await buildPulseReport(db, { viewer: hr, waveId, unitId });
      if (!r.ok) throw new Error(r.code);
      return r.report;
    };
    // Each closed wave beside the one before it of the same template.
    const pairs = closed.flatMap((wave) => {
      const prev = closed.filter((w) => w.templateId === wave.templateId && w.openedAt < wave.openedAt).at(-1);
      return prev ? [{ wave, prev }] : [];
    });
    expect(pairs.length).toBeGreaterThan(1);
    // K raised step by step until some unit shown in a wave had its last wave published at close and hidden
    // today, beside units whose last wave is still shown.
    let met = false;
    for (let k = Math.min(...closed.map((w) => w.k)) + 1; k <= 10 && !met; k++) {
      await setAnonymityThreshold(db, k, { kind: 'employee', employeeId: hr.id });
      let shown = 0;
      let hiddenSince = 0;
      for (const { wave, prev } of pairs)
        for (const unit of wave.tree) {
          const now = await report(wave.id, unit.id);
          if (!now.visible) continue;
          const last = prev.tree.some((u) => u.id === unit.id) ? await report(prev.id, unit.id) : undefined;
          const lastAvg = new Map(last?.visible ? last.dimensions.map((d) => [d.key, d.avg]) : []);
          for (const d of now.dimensions)
            expect(d.previousAvg, `K ${k} wave ${wave.id} unit ${unit.id} ${d.key}`).toBe(lastAvg.get(d.key));
          if (last?.visible) shown++;
          else if (prev.published!.units.has(unit.id)) hiddenSince++;
        }
      met = shown > 0 && hiddenSince > 0;
    }
    expect(met).toBe(true);
  });

  it(
    "read a report's counts, participation and the previous wave's dimensions in one statement as the general reads give them",
    {
      timeout: 180_000,
    },
    async () => {
      const { db, waves } = await demo();
      const closed = waves.filter((w) => w.published);
      expect(closed.length).toBeGreaterThan(2);
      const settings = await thresholdSettings(db);
      const all = await publishedWavesData(db, closed);
      let shown = 0;
      for (const [i, w] of closed.entries()) {
        const template = (await waveTemplate(db, w))!;
        const prev = i > 0 ? closed[i - 1]! : undefined;
        for (const u of w.tree) {
          const pw = prev && { wave: prev, scope: subtreeIds(prev.tree, u.id) };
          const scope = subtreeIds(w.tree, u.id);
          const { data, previousDims, participation } = (await reportWavesData(db, template, w, scope, pw, settings))!;
          expect(participation, `wave ${w.id} unit ${u.id}`).toEqual(await participationIn(db, w, scope));
          const mine = data.get(w.id)!;
          expect(sorted(mine.answers), `wave ${w.id}`).toEqual(sorted(all.get(w.id)!.answers));
          expect(mine.groupSizes).toEqual(all.get(w.id)!.groupSizes);
          expect(mine.commentSizes).toEqual(all.get(w.id)!.commentSizes);
          expect(mine.publication).toEqual(all.get(w.id)!.publication);
          if (!pw) {
            expect([...data.keys()]).toEqual([w.id]);
            expect(previousDims).toBeUndefined();
            continue;
          }
          const theirs = data.get(prev!.id)!;
          expect(theirs.answers).toEqual([]);
          expect(theirs.groupSizes).toEqual(all.get(prev!.id)!.groupSizes);
          expect(theirs.commentSizes).toEqual(all.get(prev!.id)!.commentSizes);
          expect(theirs.publication).toEqual(all.get(prev!.id)!.publication);
          expect(previousDims, `wave ${prev!.id} unit ${u.id}`).toEqual(
            (await dimensionsIn(db, template, [pw])).get(prev!.id),
          );
          if (theirs.publication.units.has(u.id) && previousDims!.length > 0) shown++;

          // The comments of the unit's subtree, its units bound as one value: the stored rows of those groups.

          const texts = (
            await sqlFor(db).rows<{ text: string; unitId: number | null }>(
              'select text, unit_id as unitId from survey_comments where wave_id = ?',
              w.id,
            )
          )
            .filter((c) => c.unitId !== null && scope.has(Number(c.unitId)))
            .map((c) => c.text)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(await commentsFor(db, w, scope)).toEqual(texts);
        }
      }
      expect(shown).toBeGreaterThan(0);
      // An open wave has no data and reads nothing.
      const open = waves.find((w) => !w.published);
      if (open) {
        const template = (await waveTemplate(db, open))!;
        const r = await reportWavesData(db, template, open, new Set([open.tree[0]!.id]), undefined, settings);
        expect(r).toBeUndefined();
      }
    },
  );
});
