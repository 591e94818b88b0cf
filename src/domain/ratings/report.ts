// Rating read models: the team report for managers (their subtree) and HR, and a person's own results.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, ratingAssignments, ratingCycles, ratingFeedback, ratingResults, ratings } from '../../db/schema.js';
import { audit } from '../audit.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { composite, rising } from './composite.js';
import { cycleCoverage, cycleSubjectIds, getCycle, type Cycle, type DimensionCoverage } from './cycles.js';
import type { SchemeDefinition } from './scheme.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : undefined);

export interface RatingsReport {
  cycle: Cycle;
  unit: UnitNode;
  people: number;
  /** Composite distribution in bands [1,2), [2,3), [3,4), [4,5]. */
  distribution: number[];
  averages: { key: string; name: SchemeDefinition['dimensions'][number]['name']; avg?: number; previous?: number }[];
  compositeAvg?: number;
  previousCompositeAvg?: number;
  notRated: { name: string; missing: string[] }[];
  /** Per dimension, how many of the people in scope have a score: a dimension not filled for all is left out of their composites. */
  coverage: DimensionCoverage[];
  /** People whose attitude or expression rose (composite.ts rising): the manager may nominate them (seed 000). */
  recognise: { employeeId: number; name: string; dimension: string; from: number; to: number }[];
}

async function scoresOf(db: Db, cycle: Cycle, subjectId: number): Promise<Record<string, number>> {
  if (cycle.closedAt) {
    const r = (
      await db
        .select({ scores: ratingResults.scores })
        .from(ratingResults)
        .where(and(eq(ratingResults.cycleId, cycle.id), eq(ratingResults.employeeId, subjectId)))
        .limit(1)
    )[0];
    if (r) return JSON.parse(r.scores) as Record<string, number>;
  }
  const out: Record<string, number> = {};
  for (const r of await db
    .select()
    .from(ratings)
    .where(and(eq(ratings.cycleId, cycle.id), eq(ratings.subjectId, subjectId))))
    out[r.dimension] = r.value;
  return out;
}

export async function ratingsReport(
  db: Db,
  input: { viewer: Person; cycleId?: number; unitId?: number },
): Promise<
  | { ok: true; report: RatingsReport }
  | { ok: false; code: 'no_cycles' | 'unknown_cycle' | 'unknown_unit' | 'forbidden' }
> {
  const units = await allUnits(db);
  const visible = visibleUnitIds(units, input.viewer);
  if (visible.size === 0) return { ok: false, code: 'forbidden' };
  if (input.unitId !== undefined && !visible.has(input.unitId)) return { ok: false, code: 'forbidden' };
  let cycle: Cycle | undefined;
  if (input.cycleId !== undefined) {
    cycle = await getCycle(db, input.cycleId);
    if (!cycle) return { ok: false, code: 'unknown_cycle' };
  } else {
    const ids = await db
      .select({ id: ratingCycles.id, unitId: ratingCycles.unitId })
      .from(ratingCycles)
      .orderBy(desc(ratingCycles.id));
    const hit = ids.find((c) => [...subtreeIds(units, c.unitId)].some((u) => visible.has(u)));
    if (!hit) return { ok: false, code: 'no_cycles' };
    cycle = (await getCycle(db, hit.id))!;
  }
  const unitId =
    input.unitId ??
    (visible.has(cycle.unitId)
      ? cycle.unitId
      : units.find((u) => visible.has(u.id) && !visible.has(u.parentId ?? -1))!.id);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  if (!visible.has(unit.id)) return { ok: false, code: 'forbidden' };

  const scope = subtreeIds(units, unit.id);
  const subjectIds = await cycleSubjectIds(db, cycle.id);
  const subjects = (await Promise.all(subjectIds.map(async (id) => (await getPerson(db, id))!))).filter(
    (p) => p.unitId !== null && scope.has(p.unitId),
  );
  const dims = cycle.scheme.dimensions;
  const distribution = [0, 0, 0, 0];
  const perDim = new Map<string, number[]>(dims.map((d) => [d.key, []]));
  const composites: number[] = [];
  const notRated: RatingsReport['notRated'] = [];
  const recognise: RatingsReport['recognise'] = [];
  for (const p of subjects) {
    const scores = await scoresOf(db, cycle, p.id);
    const c = composite(dims, scores);
    if (c.value !== null) {
      composites.push(c.value);
      distribution[Math.min(3, Math.max(0, Math.floor(c.value) - 1))]! += 1;
    }
    for (const [k, v] of Object.entries(scores)) perDim.get(k)?.push(v);
    if (c.missing.length) notRated.push({ name: p.name, missing: c.missing });
    const history = (
      await db
        .select({ scores: ratingResults.scores })
        .from(ratingResults)
        .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
        .where(eq(ratingResults.employeeId, p.id))
        .orderBy(asc(ratingCycles.closedAt))
    ).map((r) => JSON.parse(r.scores) as Record<string, number>);
    for (const r of rising(history)) recognise.push({ employeeId: p.id, name: p.name, ...r });
  }
  // Trend: the previous cycle of the same scheme covering this unit.
  const prevRow = (
    await db
      .select({ id: ratingCycles.id, unitId: ratingCycles.unitId, snapshot: ratingCycles.schemeSnapshot })
      .from(ratingCycles)
      .orderBy(desc(ratingCycles.id))
  ).find(
    (c) =>
      c.id < cycle!.id &&
      (JSON.parse(c.snapshot) as SchemeDefinition).key === cycle!.scheme.key &&
      subtreeIds(units, c.unitId).has(unit.id),
  );
  const prev = prevRow ? await getCycle(db, prevRow.id) : undefined;
  const prevDim = new Map<string, number[]>();
  const prevComposites: number[] = [];
  if (prev) {
    for (const p of subjects) {
      const s = await scoresOf(db, prev, p.id);
      for (const [k, v] of Object.entries(s)) prevDim.set(k, [...(prevDim.get(k) ?? []), v]);
      const c = composite(prev.scheme.dimensions, s);
      if (c.value !== null) prevComposites.push(c.value);
    }
  }
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'rating.report.view', `cycle:${cycle.id}`, {
    unitId: unit.id,
  });
  return {
    ok: true,
    report: {
      cycle,
      unit,
      people: subjects.length,
      distribution,
      averages: dims.map((d) => ({
        key: d.key,
        name: d.name,
        avg: mean(perDim.get(d.key) ?? []),
        previous: mean(prevDim.get(d.key) ?? []),
      })),
      compositeAvg: mean(composites),
      previousCompositeAvg: mean(prevComposites),
      notRated,
      coverage: await cycleCoverage(db, cycle, new Set(subjects.map((p) => p.id))),
      recognise,
    },
  };
}

export interface OwnResult {
  cycleId: number;
  scheme: SchemeDefinition;
  closedAt: string;
  scores: Record<string, number>;
  composite: number | null;
  missing: string[];
  /** Of the missing, those nobody may rate for this person. */
  noRater: string[];
  comments: { rater: string; comment: string }[];
}

/** A person's closed results, newest first. */
export async function resultsOf(db: Db, employeeId: number): Promise<OwnResult[]> {
  const rows = await db
    .select({
      cycleId: ratingResults.cycleId,
      scores: ratingResults.scores,
      composite: ratingResults.composite,
      missing: ratingResults.missing,
      snapshot: ratingCycles.schemeSnapshot,
      closedAt: ratingCycles.closedAt,
    })
    .from(ratingResults)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
    .where(eq(ratingResults.employeeId, employeeId))
    .orderBy(desc(ratingCycles.closedAt));
  return await Promise.all(
    rows.map(async (r) => ({
      cycleId: r.cycleId,
      scheme: JSON.parse(r.snapshot) as SchemeDefinition,
      closedAt: r.closedAt ?? '',
      scores: JSON.parse(r.scores) as Record<string, number>,
      composite: r.composite,
      missing: JSON.parse(r.missing) as string[],
      noRater: (
        await db
          .select({ d: ratingAssignments.dimension })
          .from(ratingAssignments)
          .where(
            and(
              eq(ratingAssignments.cycleId, r.cycleId),
              eq(ratingAssignments.subjectId, employeeId),
              isNotNull(ratingAssignments.noRaterReason),
            ),
          )
      ).map((a) => a.d),
      comments: await Promise.all(
        (
          await db
            .select({ raterId: ratingFeedback.raterId, comment: ratingFeedback.comment })
            .from(ratingFeedback)
            .where(and(eq(ratingFeedback.cycleId, r.cycleId), eq(ratingFeedback.subjectId, employeeId)))
        ).map(async (c) => ({ rater: (await getPerson(db, c.raterId))?.name ?? '?', comment: c.comment })),
      ),
    })),
  );
}

export async function employeeIdByEmail(db: Db, email: string): Promise<number | undefined> {
  return (
    await db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.email, email.trim().toLowerCase()))
      .limit(1)
  )[0]?.id;
}
