// A wave at a glance for HR: its state, dates, and participation overall and per unit of the wave's own
// tree — counts of people asked and people who answered, never a figure of the answers (an open wave has
// none, and a closed wave's figures live in the report, K-protected).
//
// Per-unit counts are shown for every unit, small ones included. They say who took part, not what anyone
// answered: the participation table is exactly "who answered", and publication at close already assumes
// these counts are known — complementary suppression is computed over respondent counts per unit, so no
// published figure can be subtracted down to a group smaller than K whatever the counts show. Units with
// fewer than K people asked are marked, so HR reads at once that their results will only appear inside a
// larger group.
import type { Db } from '../../db/connection.js';
import { subtreeCounts } from './anonymity.js';
import { effectiveThresholds, participationCounts } from './results.js';
import { isOpen, type Wave } from './waves.js';

/** open: taking answers; closing: past its close date or closed, results not published yet; published: results out. */
export type WaveState = 'open' | 'closing' | 'published';

export interface UnitParticipation {
  unitId: number;
  name: string;
  path: string;
  /** Depth in the wave's tree (0 = top), for indenting. */
  depth: number;
  /** Everyone whose unit at launch is this unit or below it. */
  asked: number;
  answered: number;
  /** Fewer than K people asked: the unit's results can only appear inside a larger group. */
  belowK: boolean;
}

export interface WaveStatus {
  state: WaveState;
  k: number;
  asked: number;
  answered: number;
  rate: number;
  units: UnitParticipation[];
}

export function waveState(wave: Wave, now: Date): WaveState {
  if (isOpen(wave, now)) return 'open';
  return wave.published ? 'published' : 'closing';
}

export async function waveStatus(db: Db, wave: Wave, now: Date): Promise<WaveStatus> {
  const rows = await participationCounts(db, wave);
  const askedOwn = new Map<number, number>();
  const answeredOwn = new Map<number, number>();
  let asked = 0;
  let answered = 0;
  for (const { at, ...r } of rows) {
    asked += r.n;
    if (r.answered) answered += r.n;
    if (at === undefined) continue;
    askedOwn.set(at, (askedOwn.get(at) ?? 0) + r.n);
    if (r.answered) answeredOwn.set(at, (answeredOwn.get(at) ?? 0) + r.n);
  }
  const askedIn = subtreeCounts(wave.tree, askedOwn);
  const answeredIn = subtreeCounts(wave.tree, answeredOwn);
  const { k } = await effectiveThresholds(db, wave);
  // Depth-first over the wave's tree, siblings by name: each unit right under its parent.
  const children = new Map<number | null, Wave['tree']>();
  const ids = new Set(wave.tree.map((u) => u.id));
  for (const u of wave.tree) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const units: UnitParticipation[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      const n = askedIn.get(u.id) ?? 0;
      if (n === 0) continue;
      units.push({
        unitId: u.id,
        name: u.name,
        path: u.path,
        depth,
        asked: n,
        answered: answeredIn.get(u.id) ?? 0,
        belowK: n < k,
      });
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return {
    state: waveState(wave, now),
    k,
    asked,
    answered,
    rate: asked === 0 ? 0 : Math.round((answered / asked) * 100) / 100,
    units,
  };
}
