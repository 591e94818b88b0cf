// Turnover by unit and unit kind over a period (issue 25 §6, seed 004: stores lose people faster than HQ).
// Pure functions over the org tree, today's headcount per unit and the movements (joins, transfers, departures):
// the headcount at any earlier time is today's with the movements since then undone, so no snapshot table is
// needed. A unit's figures are for its whole subtree; a move inside the subtree is neither a leaver nor a move out.
// These are named, non-anonymous org figures (who left is in the directory anyway); the pulse shown beside them
// comes from the report with its own K rules, never from here.
import { subtreeIds, type UnitNode } from './units.js';
import { kindOf, levelRows, levelsBelow, clampDepth, type HeatmapKind } from '../surveys/heatmap.js';

/** One movement: a join (from null), a departure (to null), or a transfer between units. */
export interface Movement {
  from: number | null;
  to: number | null;
  /** ISO timestamp. */
  at: string;
}

export interface TurnoverFigures {
  headcountStart: number;
  headcountEnd: number;
  /** People who left the organisation from this subtree during the period. */
  leavers: number;
  /** Moved to a unit outside this subtree / into it from outside, during the period. */
  movedOut: number;
  movedIn: number;
  joined: number;
  /** Leavers over the average headcount of the period (0..), null with no one there. */
  rate: number | null;
  /** The rate scaled to a year (rate × 365 / days), what the threshold is compared with. */
  annualRate: number | null;
}

export interface TurnoverRow extends TurnoverFigures {
  unitId: number;
  kind: HeatmapKind;
  /** A store (or a grouping of stores) whose annualised rate is at or above the threshold. */
  flagged: boolean;
}

export interface TurnoverPeriod {
  from: Date;
  to: Date;
}

/** The figures of one subtree over [from, to), with the headcount today (`now` ≥ to). */
export function turnoverOf(
  scope: ReadonlySet<number>,
  headcountNow: number,
  moves: readonly Movement[],
  period: TurnoverPeriod,
): TurnoverFigures {
  const inside = (u: number | null) => u !== null && scope.has(u);
  const from = period.from.getTime();
  const to = period.to.getTime();
  let afterIn = 0;
  let afterOut = 0;
  const f = { leavers: 0, movedOut: 0, movedIn: 0, joined: 0 };
  for (const m of moves) {
    const at = Date.parse(m.at);
    const out = inside(m.from) && !inside(m.to);
    const arrive = inside(m.to) && !inside(m.from);
    if (!out && !arrive) continue;
    if (at >= to) {
      if (out) afterOut++;
      else afterIn++;
      continue;
    }
    if (at < from) continue;
    if (out) {
      if (m.to === null) f.leavers++;
      else f.movedOut++;
    } else if (m.from === null) f.joined++;
    else f.movedIn++;
  }
  const headcountEnd = Math.max(0, headcountNow - afterIn + afterOut);
  const headcountStart = Math.max(0, headcountEnd - f.joined - f.movedIn + f.leavers + f.movedOut);
  const avg = (headcountStart + headcountEnd) / 2;
  const rate = avg > 0 ? f.leavers / avg : null;
  const days = Math.max(1, (to - from) / 86_400_000);
  return {
    headcountStart,
    headcountEnd,
    ...f,
    rate,
    annualRate: rate === null ? null : (rate * 365) / days,
  };
}

/** The rows at `depth` below `rootId` (as the pulse heatmap lays them out), of one kind when asked. */
export function turnoverRows(
  tree: readonly UnitNode[],
  headcountByUnit: ReadonlyMap<number, number>,
  moves: readonly Movement[],
  period: TurnoverPeriod,
  opts: { rootId: number; depth?: number; kind?: HeatmapKind; threshold: number },
): { depth: number; levels: number; rows: TurnoverRow[]; total: TurnoverFigures } {
  const levels = levelsBelow(tree, opts.rootId);
  const depth = clampDepth(opts.depth, levels);
  const headcountIn = (scope: ReadonlySet<number>) => {
    let n = 0;
    for (const id of scope) n += headcountByUnit.get(id) ?? 0;
    return n;
  };
  const rows = levelRows(tree, opts.rootId, depth)
    .map((unitId): TurnoverRow => {
      const scope = subtreeIds(tree, unitId);
      const kind = kindOf(tree, unitId);
      const figures = turnoverOf(scope, headcountIn(scope), moves, period);
      const flagged = kind === 'store' && figures.annualRate !== null && figures.annualRate >= opts.threshold;
      return { unitId, kind, flagged, ...figures };
    })
    .filter((r) => !opts.kind || r.kind === opts.kind);
  const all = subtreeIds(tree, opts.rootId);
  return { depth, levels, rows, total: turnoverOf(all, headcountIn(all), moves, period) };
}
