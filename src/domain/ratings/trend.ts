// Ratings over time for a unit: per closed cycle of one scheme (the last 8), the composite average and each
// dimension's average over the people in the unit's subtree. Same scope as the team report: managers see
// their own subtree, HR everything; anyone else nothing.
import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingCycles, ratingResults } from '../../db/schema.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import type { SchemeDefinition } from './scheme.js';

export const TREND_CYCLES = 8;

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export interface TrendPoint {
  cycleId: number;
  closedAt: string;
  /** People in scope with a composite (anyone rated on at least one dimension). */
  people: number;
  composite: number | null;
  /** Dimension key → average; null when nobody in scope has a score (or the cycle's scheme lacked it). */
  dimensions: Record<string, number | null>;
}

export interface RatingsTrend {
  unit: UnitNode;
  scheme: Pick<SchemeDefinition, 'key' | 'name' | 'dimensions'>;
  /** Oldest first. */
  points: TrendPoint[];
  /** Scheme keys that have closed cycles touching this unit, for choosing another one. */
  schemes: Pick<SchemeDefinition, 'key' | 'name'>[];
}

export type TrendError = 'forbidden' | 'unknown_unit' | 'no_cycles';

export async function ratingsTrend(
  db: Db,
  input: { viewer: Person; unitId?: number; scheme?: string },
): Promise<{ ok: true; trend: RatingsTrend } | { ok: false; code: TrendError }> {
  const units = await allUnits(db);
  const visible = visibleUnitIds(units, input.viewer);
  if (visible.size === 0) return { ok: false, code: 'forbidden' };
  if (input.unitId !== undefined && !visible.has(input.unitId)) return { ok: false, code: 'forbidden' };
  const closed = (
    await db
      .select({
        id: ratingCycles.id,
        unitId: ratingCycles.unitId,
        snapshot: ratingCycles.schemeSnapshot,
        closedAt: ratingCycles.closedAt,
      })
      .from(ratingCycles)
      .where(isNotNull(ratingCycles.closedAt))
      .orderBy(desc(ratingCycles.closedAt), desc(ratingCycles.id))
  ).map((c) => ({
    ...c,
    closedAt: c.closedAt!,
    scheme: JSON.parse(c.snapshot) as SchemeDefinition,
    covers: subtreeIds(units, c.unitId),
  }));
  // Without a unit: the unit of the latest closed cycle the viewer may see, else their top visible unit.
  let unitId = input.unitId;
  if (unitId === undefined) {
    const latest = closed.find((c) => [...c.covers].some((u) => visible.has(u)));
    unitId =
      latest && visible.has(latest.unitId)
        ? latest.unitId
        : units.find((u) => visible.has(u.id) && !visible.has(u.parentId ?? -1))?.id;
  }
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  const scope = subtreeIds(units, unit.id);
  // A cycle counts for the unit when it rated anyone in the unit's subtree.
  const touching = closed.filter((c) => [...c.covers].some((u) => scope.has(u)));
  const schemes = [
    ...new Map(touching.map((c) => [c.scheme.key, { key: c.scheme.key, name: c.scheme.name }])).values(),
  ];
  const key = input.scheme ?? touching[0]?.scheme.key;
  const cycles = touching
    .filter((c) => c.scheme.key === key)
    .slice(0, TREND_CYCLES)
    .reverse();
  if (cycles.length === 0) return { ok: false, code: 'no_cycles' };
  const latest = cycles[cycles.length - 1]!.scheme;
  const inScope = new Map<number, boolean>();
  const counts = async (employeeId: number) => {
    if (!inScope.has(employeeId)) {
      const p = await getPerson(db, employeeId);
      inScope.set(employeeId, p?.unitId != null && scope.has(p.unitId));
    }
    return inScope.get(employeeId)!;
  };
  const points: TrendPoint[] = [];
  for (const c of cycles) {
    const rows = await db
      .select({
        employeeId: ratingResults.employeeId,
        scores: ratingResults.scores,
        composite: ratingResults.composite,
      })
      .from(ratingResults)
      .where(eq(ratingResults.cycleId, c.id));
    const results: typeof rows = [];
    for (const r of rows) if (await counts(r.employeeId)) results.push(r);
    const scores = results.map((r) => JSON.parse(r.scores) as Record<string, number>);
    const composites = results.map((r) => r.composite).filter((x): x is number => x !== null);
    points.push({
      cycleId: c.id,
      closedAt: c.closedAt,
      people: composites.length,
      composite: mean(composites),
      dimensions: Object.fromEntries(
        latest.dimensions.map((d) => [
          d.key,
          mean(scores.map((s) => s[d.key]).filter((x): x is number => x !== undefined)),
        ]),
      ),
    });
  }
  return {
    ok: true,
    trend: { unit, scheme: { key: latest.key, name: latest.name, dimensions: latest.dimensions }, points, schemes },
  };
}
