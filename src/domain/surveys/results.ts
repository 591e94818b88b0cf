// The published results of a closed wave, as every reader (report, trend, CSV) sees them: rows stored under
// their published group at close, the wave's own tree, and the publication narrowed by any threshold raised
// since. An open wave has no results at all — only participation.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { orgUnits, surveyAnswers, surveyComments, surveyParticipation, surveyResponses } from '../../db/schema.js';
import type { UnitNode } from '../org/units.js';
import { anonymityThreshold, commentThreshold } from '../settings.js';
import { narrowed, placeOf, type Publication } from './publication.js';
import type { SurveyTemplate } from './templates.js';
import type { Wave } from './waves.js';

export interface ClosedWaveData {
  /** Answer counts per (group unit, item, value). */
  answers: { unitId: number; itemId: number; value: number; n: number }[];
  /** Responses per group unit. */
  groupSizes: Map<number, number>;
  comments: { unitId: number; text: string }[];
  publication: Publication;
}

/** The wave's tree as units, with today's heads (who may read a unit is decided today; how it groups, at launch). */
export async function waveUnits(db: Db, wave: Wave): Promise<UnitNode[]> {
  const heads = new Map(
    (await db.select({ id: orgUnits.id, head: orgUnits.headEmployeeId }).from(orgUnits)).map((u) => [u.id, u.head]),
  );
  return wave.tree.map((u) => ({ ...u, headEmployeeId: heads.get(u.id) ?? null }));
}

export async function closedWaveData(db: Db, wave: Wave): Promise<ClosedWaveData | undefined> {
  if (!wave.published) return undefined;
  const answers = (
    await db
      .select({ unitId: surveyResponses.unitId, itemId: surveyAnswers.itemId, value: surveyAnswers.value, n: count() })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .where(eq(surveyResponses.waveId, wave.id))
      .groupBy(surveyResponses.unitId, surveyAnswers.itemId, surveyAnswers.value)
  ).flatMap((r) => (r.unitId === null ? [] : [{ ...r, unitId: r.unitId }]));
  const groupSizes = await groupSizesOf(db, wave.id);
  // Sorted by text: the stored order is already random; this makes two reads identical.
  const comments = (
    await db
      .select({ unitId: surveyComments.unitId, text: surveyComments.text })
      .from(surveyComments)
      .where(eq(surveyComments.waveId, wave.id))
  )
    .flatMap((c) => (c.unitId === null ? [] : [{ unitId: c.unitId, text: c.text }]))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const commentSizes = new Map<number, number>();
  for (const c of comments) commentSizes.set(c.unitId, (commentSizes.get(c.unitId) ?? 0) + 1);
  const k = Math.max(wave.k, await anonymityThreshold(db));
  const publication: Publication = {
    units: narrowed(wave.tree, wave.published.units, groupSizes, k),
    comments: narrowed(
      wave.tree,
      wave.published.comments,
      commentSizes,
      Math.max(wave.commentK, await commentThreshold(db), k),
    ),
  };
  return { answers, groupSizes, comments, publication };
}

/** Responses per group unit of a wave. */
async function groupSizesOf(db: Db, waveId: number): Promise<Map<number, number>> {
  const groupSizes = new Map<number, number>();
  for (const r of await db
    .select({ unitId: surveyResponses.unitId, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.waveId, waveId))
    .groupBy(surveyResponses.unitId)) {
    if (r.unitId !== null) groupSizes.set(r.unitId, r.n);
  }
  return groupSizes;
}

/** The units a closed wave publishes today — `closedWaveData(...).publication.units` without reading its
 *  answers or comments (a report's "last wave" column needs only this and one unit's averages). */
export async function publishedUnits(db: Db, wave: Wave): Promise<ReadonlySet<number> | undefined> {
  if (!wave.published) return undefined;
  const k = Math.max(wave.k, await anonymityThreshold(db));
  return narrowed(wave.tree, wave.published.units, await groupSizesOf(db, wave.id), k);
}

/** Dimension averages over the groups inside `scope` (a published unit's subtree), as `figuresFor` computes
 *  them, from answers counted per (item, value) in the database rather than per (group, item, value). */
export async function dimensionAverages(
  db: Db,
  wave: Wave,
  template: SurveyTemplate,
  scope: ReadonlySet<number>,
): Promise<Map<string, number>> {
  const counts = new Map<number, Map<number, number>>();
  for (const r of await db
    .select({ itemId: surveyAnswers.itemId, value: surveyAnswers.value, n: count() })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(and(eq(surveyResponses.waveId, wave.id), inArray(surveyResponses.unitId, [...scope])))
    .groupBy(surveyAnswers.itemId, surveyAnswers.value)) {
    const m = counts.get(r.itemId) ?? new Map<number, number>();
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
    counts.set(r.itemId, m);
  }
  return new Map(dimensionResults(template, counts).map((d) => [d.key, d.avg]));
}

/** The thresholds a wave's reports use today: its own, or higher ones set since. */
export async function effectiveThresholds(db: Db, wave: Wave): Promise<{ k: number; commentK: number }> {
  const k = Math.max(wave.k, await anonymityThreshold(db));
  return { k, commentK: Math.max(wave.commentK, await commentThreshold(db), k) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface DimensionResult {
  key: string;
  name: SurveyTemplate['dimensions'][number]['name'];
  avg: number;
  previousAvg?: number;
  /** Count of answers per scale value, min..max. */
  distribution: number[];
}

export interface ItemResult {
  id: number;
  key: string;
  text: SurveyTemplate['items'][number]['text'];
  avg: number;
}

export interface Figures {
  responses: number;
  dimensions: DimensionResult[];
  items: ItemResult[];
  /** The lowest-scoring items: where friction is. */
  lowest: ItemResult[];
  enps?: { score: number; promoters: number; passives: number; detractors: number };
}

function tally(data: ClosedWaveData, scope: ReadonlySet<number>): Map<number, Map<number, number>> {
  const items = new Map<number, Map<number, number>>();
  for (const r of data.answers) {
    if (!scope.has(r.unitId)) continue;
    const m = items.get(r.itemId) ?? new Map<number, number>();
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
    items.set(r.itemId, m);
  }
  return items;
}

function avgOf(counts: Map<number, number> | undefined): number | undefined {
  if (!counts) return undefined;
  let sum = 0;
  let n = 0;
  for (const [v, c] of counts) {
    sum += v * c;
    n += c;
  }
  return n === 0 ? undefined : sum / n;
}

/** Per dimension: its items' answers merged, averaged; dimensions nobody answered are left out. */
function dimensionResults(template: SurveyTemplate, counts: Map<number, Map<number, number>>): DimensionResult[] {
  const dimensions: DimensionResult[] = [];
  for (const d of template.dimensions) {
    const items = template.items.filter((i) => i.dimensionId === d.id);
    const merged = new Map<number, number>();
    for (const i of items) for (const [v, c] of counts.get(i.id) ?? []) merged.set(v, (merged.get(v) ?? 0) + c);
    const avg = avgOf(merged);
    if (avg === undefined) continue;
    const min = items[0]?.min ?? 1;
    const max = items[0]?.max ?? 5;
    dimensions.push({
      key: d.key,
      name: d.name,
      avg: round2(avg),
      distribution: Array.from({ length: max - min + 1 }, (_, i) => merged.get(min + i) ?? 0),
    });
  }
  return dimensions;
}

/** Figures over the groups inside `scope` — call only for a published unit's subtree. */
export function figuresFor(template: SurveyTemplate, data: ClosedWaveData, scope: ReadonlySet<number>): Figures {
  const counts = tally(data, scope);
  const responses = [...scope].reduce((s, id) => s + (data.groupSizes.get(id) ?? 0), 0);
  const dimensions = dimensionResults(template, counts);
  const items: ItemResult[] = [];
  for (const item of template.items.filter((i) => i.kind === 'scale')) {
    const avg = avgOf(counts.get(item.id));
    if (avg !== undefined) items.push({ id: item.id, key: item.key, text: item.text, avg: round2(avg) });
  }
  const lowest = [...items].sort((a, b) => a.avg - b.avg || a.id - b.id).slice(0, 3);
  const enpsItem = template.items.find((i) => i.kind === 'enps');
  const enpsCounts = enpsItem ? counts.get(enpsItem.id) : undefined;
  let enps: Figures['enps'];
  if (enpsCounts) {
    let promoters = 0,
      passives = 0,
      detractors = 0;
    for (const [v, c] of enpsCounts) {
      if (v >= 9) promoters += c;
      else if (v >= 7) passives += c;
      else detractors += c;
    }
    const total = promoters + passives + detractors;
    if (total > 0)
      enps = { score: Math.round(((promoters - detractors) / total) * 100), promoters, passives, detractors };
  }
  return { responses, dimensions, items, lowest, enps };
}

/** Comments of the comment groups inside `scope` — call only for a unit whose comments are published. */
export function commentsFor(data: ClosedWaveData, scope: ReadonlySet<number>): string[] {
  return data.comments.filter((c) => scope.has(c.unitId)).map((c) => c.text);
}

/** How many people were asked, answered or not, per unit of the wave's tree they were placed in at launch
 *  (`at` undefined: a unit the tree does not hold). Counts only — participation says who took part, not what. */
export async function participationCounts(
  db: Db,
  wave: Wave,
): Promise<{ at: number | undefined; answered: boolean; n: number }[]> {
  return (
    (
      await db
        .select({ unitId: surveyParticipation.unitId, answered: surveyParticipation.answered, n: count() })
        .from(surveyParticipation)
        // People no platform reached were not asked: they join the counts when they become reachable.
        .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.reachable, true)))
        .groupBy(surveyParticipation.unitId, surveyParticipation.answered)
    ).map((r) => ({ at: placeOf(wave.tree, r.unitId), answered: r.answered, n: r.n }))
  );
}

/** Asked and answered among people whose unit at launch is inside `scope` (of the wave's tree). */
export async function participationIn(
  db: Db,
  wave: Wave,
  scope: ReadonlySet<number>,
): Promise<{ asked: number; answered: number; rate: number }> {
  let asked = 0;
  let answered = 0;
  for (const { at, ...r } of await participationCounts(db, wave)) {
    if (at === undefined || !scope.has(at)) continue;
    asked += r.n;
    if (r.answered) answered += r.n;
  }
  return { asked, answered, rate: asked === 0 ? 0 : round2(answered / asked) };
}
