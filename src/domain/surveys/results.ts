// The published results of a closed wave, as every reader (report, trend, CSV) sees them: rows stored under
// their published group at close and the answer counts tallied from them in the same unit of work, the wave's
// own tree, and the publication narrowed by any threshold raised since. An open wave has no results at all —
// only participation.
import { and, count, eq, inArray, isNotNull, or, sql, type Column, type SQL } from 'drizzle-orm';
import { isPostgres, type Db } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import {
  orgUnits,
  surveyAnswers,
  surveyComments,
  surveyParticipation,
  surveyResponses,
  surveyTallies,
} from '../../db/schema.js';
import type { UnitNode } from '../org/units.js';
import { anonymityThresholds } from '../settings.js';
import { narrowed, placeOf, type Publication } from './publication.js';
import type { SurveyTemplate } from './templates.js';
import type { Wave } from './waves.js';

export interface ClosedWaveData {
  /** Answer counts per (group unit, item, value) — of every group, or of the groups the read was narrowed to. */
  answers: { unitId: number; itemId: number; value: number; n: number }[];
  /** Responses per group unit. */
  groupSizes: Map<number, number>;
  /** Comments per comment group unit (their text is read by `commentsFor`, only when shown). */
  commentSizes: Map<number, number>;
  publication: Publication;
}

// Reads every report and trend makes once, of a fixed shape: built once (issue 22).
const unitHeads = prepared((db) => db.select({ id: orgUnits.id, head: orgUnits.headEmployeeId }).from(orgUnits));
/** One wave's tallies (`tallyCounts` for one wave and every group: what a report reads). */
const waveTallies = prepared((db) =>
  db
    .select({
      unitId: surveyTallies.unitId,
      itemId: surveyTallies.itemId,
      value: surveyTallies.value,
      n: surveyTallies.n,
    })
    .from(surveyTallies)
    .where(eq(surveyTallies.waveId, sql.placeholder('waveId'))),
);
/** One wave's reachable participation per (unit at launch, answered): `participationsIn` for one wave. */
const waveParticipation = prepared((db) =>
  db
    .select({ unitId: surveyParticipation.unitId, answered: surveyParticipation.answered, n: count() })
    .from(surveyParticipation)
    .where(and(eq(surveyParticipation.waveId, sql.placeholder('waveId')), eq(surveyParticipation.reachable, true)))
    .groupBy(surveyParticipation.unitId, surveyParticipation.answered),
);

/** The wave's tree as units, with today's heads (who may read a unit is decided today; how it groups, at launch). */
export async function waveUnits(db: Db, wave: Wave): Promise<UnitNode[]> {
  const heads = new Map((await unitHeads(db)).map((u) => [u.id, u.head]));
  return wave.tree.map((u) => ({ ...u, headEmployeeId: heads.get(u.id) ?? null }));
}

/** Today's threshold settings: read once per report or trend, applied to each wave by `thresholdsOf`. */
export interface ThresholdSettings {
  k: number;
  commentK: number;
}

export async function thresholdSettings(db: Db): Promise<ThresholdSettings> {
  return await anonymityThresholds(db);
}

/** The thresholds a wave's reports use today: its own, or higher ones set since. */
export function thresholdsOf(wave: Wave, settings: ThresholdSettings): { k: number; commentK: number } {
  const k = Math.max(wave.k, settings.k);
  return { k, commentK: Math.max(wave.commentK, settings.commentK, k) };
}

export async function effectiveThresholds(db: Db, wave: Wave): Promise<{ k: number; commentK: number }> {
  return thresholdsOf(wave, await thresholdSettings(db));
}

/**
 * The published data of several closed waves in a few statements (issue 22: a report or a trend is a handful of
 * reads, not a handful per wave), its answer counts read from the tallies written at close (`writeTallies`).
 * Open waves are left out. `units` narrows the counts read to those groups (a unit's subtree: its figures need
 * no others); group sizes are always the whole wave's, since the publication narrowed by today's threshold
 * depends on every group. `countsOf` reads the answer counts of those waves only (the others' `answers` are
 * empty): a report needs the previous wave's publication but not its counts. What the report, the trend and the
 * CSV read.
 */
export async function publishedWavesData(
  db: Db,
  waves: readonly Wave[],
  opts: WavesDataOptions = {},
): Promise<Map<number, ClosedWaveData>> {
  return await wavesData(db, waves, opts, tallyCounts);
}

/**
 * The same as `publishedWavesData`, its answer counts aggregated from the stored response rows instead of read
 * from the tallies: what the tallies are derived from, and what tests hold them to.
 */
export async function closedWavesData(
  db: Db,
  waves: readonly Wave[],
  opts: WavesDataOptions = {},
): Promise<Map<number, ClosedWaveData>> {
  return await wavesData(db, waves, opts, storedAnswerCounts);
}

interface WavesDataOptions {
  settings?: ThresholdSettings;
  units?: ReadonlySet<number>;
  countsOf?: ReadonlySet<number>;
}

type AnswerCount = ClosedWaveData['answers'][number];
type CountsReader = (
  db: Db,
  waveIds: readonly number[],
  units: readonly number[] | undefined,
) => Promise<Map<number, AnswerCount[]>>;

async function wavesData(
  db: Db,
  waves: readonly Wave[],
  opts: WavesDataOptions,
  counts: CountsReader,
): Promise<Map<number, ClosedWaveData>> {
  const closed = waves.filter((w) => w.published !== null);
  if (closed.length === 0) return new Map();
  const ids = closed.map((w) => w.id);
  const settings = opts.settings ?? (await thresholdSettings(db));
  const units = opts.units && [...opts.units];
  const countIds = opts.countsOf ? ids.filter((id) => opts.countsOf!.has(id)) : ids;
  const answers =
    units?.length === 0 || countIds.length === 0 ? new Map<number, AnswerCount[]>() : await counts(db, countIds, units);
  return assembled(closed, settings, answers, await countsPerGroup(db, ids));
}

/** Each closed wave's data from its counts read and its group sizes: the publication narrowed by today's
 *  thresholds over the whole wave's group sizes. */
function assembled(
  closed: readonly Wave[],
  settings: ThresholdSettings,
  answers: Map<number, AnswerCount[]>,
  { groupSizes, commentSizes }: GroupSizes,
): Map<number, ClosedWaveData> {
  const out = new Map<number, ClosedWaveData>();
  for (const wave of closed) {
    const { k, commentK } = thresholdsOf(wave, settings);
    const sizes = groupSizes.get(wave.id) ?? new Map<number, number>();
    const commented = commentSizes.get(wave.id) ?? new Map<number, number>();
    out.set(wave.id, {
      answers: answers.get(wave.id) ?? [],
      groupSizes: sizes,
      commentSizes: commented,
      publication: {
        units: narrowed(wave.tree, wave.published!.units, sizes, k),
        comments: narrowed(wave.tree, wave.published!.comments, commented, commentK),
      },
    });
  }
  return out;
}

/** Rows per (wave, group unit) of responses and of comments, in one statement; rows outside every group (unit
 *  null) not counted. */
interface GroupSizes {
  groupSizes: Map<number, Map<number, number>>;
  commentSizes: Map<number, Map<number, number>>;
}

async function countsPerGroup(db: Db, waveIds: readonly number[]): Promise<GroupSizes> {
  const ids = [...waveIds];
  const of = (table: typeof surveyResponses | typeof surveyComments, comments: number) =>
    db
      .select({
        comments: sql<number>`${sql.raw(String(comments))}`.mapWith(Number),
        waveId: table.waveId,
        unitId: table.unitId,
        n: count(),
      })
      .from(table)
      .where(inArray(table.waveId, ids))
      .groupBy(table.waveId, table.unitId);
  const sizes: GroupSizes = { groupSizes: new Map(), commentSizes: new Map() };
  for (const r of await of(surveyResponses, 0).unionAll(of(surveyComments, 1)))
    addGroupSize(sizes, r.comments === 1, r.waveId, r.unitId, r.n);
  return sizes;
}

function addGroupSize(sizes: GroupSizes, comments: boolean, waveId: number, unitId: number | null, n: number): void {
  if (unitId === null) return;
  const of = comments ? sizes.commentSizes : sizes.groupSizes;
  const m = of.get(waveId) ?? new Map<number, number>();
  m.set(unitId, n);
  of.set(waveId, m);
}

/** A list of unit ids bound as one value, so a statement filtering on a subtree can be built once (a built
 *  statement has a fixed number of parameters): PostgreSQL reads it as an array, SQLite as JSON. */
function inUnitList(db: Db, column: Column, name: string): SQL {
  return isPostgres(db)
    ? sql`${column} = any(${sql.placeholder(name)})`
    : sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}
const unitList = (db: Db, ids: Iterable<number>): number[] | string =>
  isPostgres(db) ? [...ids] : JSON.stringify([...ids]);

// A report's counts in one statement (issue 22: each statement is a round trip on PostgreSQL, and these were
// three): the responses and comments per group of its wave and of the previous one (`prevId`, null for none),
// its wave's tallies, the previous wave's counts per (item, value) summed over the groups in `prevUnits`, and
// its wave's reachable participation per (unit at launch, answered: 1 or 0 in the item column). Rows of (part, wave, unit or -1 for none, item, value, n), `part` saying which each is, unused columns 0.
// Its ~3,000 rows come back as one text of comma-separated integers, six per row: the driver's and drizzle's
// work per row cost more than the rows themselves (array_to_string: ~1 ms of the server's, json_agg: ~3.5 ms).
// The per-wave reads use the (wave_id, unit_id) indexes only: `in`, not `or` (a bitmap scan of the rows' pages).
const reportCountRows = prepared((db) => {
  const [waveId, prevId] = [sql.placeholder('waveId'), sql.placeholder('prevId')];
  const [r, c, t, p] = [surveyResponses, surveyComments, surveyTallies, surveyParticipation];
  const rows = isPostgres(db)
    ? sql`coalesce(array_to_string(array_agg(array[part, wave_id, coalesce(unit_id, -1), item_id, value, n]), ','), '')`
    : sql`coalesce(group_concat(part || ',' || wave_id || ',' || coalesce(unit_id, -1) || ',' || item_id || ',' || value || ',' || n), '')`;
  return db.select({ rows: sql<string>`${rows}` }).from(sql`(
      select 0 as part, ${r.waveId} as wave_id, ${r.unitId} as unit_id, 0 as item_id, 0 as value, count(*) as n
        from ${r} where ${r.waveId} in (${waveId}, ${prevId}) group by ${r.waveId}, ${r.unitId}
      union all
      select 1, ${c.waveId}, ${c.unitId}, 0, 0, count(*)
        from ${c} where ${c.waveId} in (${waveId}, ${prevId}) group by ${c.waveId}, ${c.unitId}
      union all
      select 2, ${t.waveId}, ${t.unitId}, ${t.itemId}, ${t.value}, ${t.n} from ${t} where ${t.waveId} = ${waveId}
      union all
      select 3, ${t.waveId}, 0, ${t.itemId}, ${t.value}, sum(${t.n})
        from ${t} where ${t.waveId} = ${prevId} and ${inUnitList(db, t.unitId, 'prevUnits')}
        group by ${t.waveId}, ${t.itemId}, ${t.value}
      union all
      select 4, ${p.waveId}, ${p.unitId}, case when ${p.answered} then 1 else 0 end, 0, count(*)
        from ${p} where ${p.waveId} = ${waveId} and ${eq(p.reachable, true)}
        group by ${p.waveId}, ${p.unitId}, ${p.answered}
    ) counts`);
});

/** The integers of a comma-separated text (as the statement above writes them), read without a string each. */
function integers(text: string): number[] {
  const out: number[] = [];
  if (text === '') return out;
  let n = 0;
  let negative = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out.push(negative ? -n : n);
      n = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else n = n * 10 + c - 48;
  }
  out.push(negative ? -n : n);
  return out;
}

interface ReportWavesData {
  data: Map<number, ClosedWaveData>;
  previousDims: DimensionResult[] | undefined;
  participation: Participation;
}

/**
 * What a pulse report reads of its closed wave and the previous closed wave, in one statement: `wave`'s data
 * as `publishedWavesData` gives it and its participation in `scope` as `participationIn` does; `previous`'s
 * data without answer counts (its publication, for the "last wave" column), and its dimension averages over
 * `previous.scope` as `dimensionsIn` gives them — read whether or not that unit is published there today: the
 * caller shows them only if it is. Undefined for an open wave (nothing read).
 */
export async function reportWavesData(
  db: Db,
  template: SurveyTemplate,
  wave: Wave,
  scope: ReadonlySet<number>,
  previous: { wave: Wave; scope: ReadonlySet<number> } | undefined,
  settings: ThresholdSettings,
): Promise<ReportWavesData | undefined> {
  const closed = [wave, previous?.wave].filter((w): w is Wave => w !== undefined && w.published !== null);
  if (!closed.includes(wave)) return undefined;
  const prev = closed[1];
  const [{ rows }] = (await reportCountRows(db, {
    waveId: wave.id,
    prevId: prev?.id ?? null,
    prevUnits: unitList(db, prev ? previous!.scope : []),
  })) as [{ rows: string }];
  const sizes: GroupSizes = { groupSizes: new Map(), commentSizes: new Map() };
  const answers: AnswerCount[] = [];
  const prevCounts = new Map<number, Map<number, number>>();
  const participation: { unitId: number | null; answered: boolean; n: number }[] = [];
  const v = integers(rows);
  for (let i = 0; i + 5 < v.length; i += 6) {
    const part = v[i]!;
    const unitId = v[i + 2] === -1 ? null : v[i + 2]!;
    const [itemId, value, n] = [v[i + 3]!, v[i + 4]!, v[i + 5]!];
    if (part === 2) answers.push({ unitId: unitId!, itemId, value, n });
    else if (part === 3) {
      const m = prevCounts.get(itemId) ?? new Map<number, number>();
      m.set(value, n);
      prevCounts.set(itemId, m);
    } else if (part === 4) participation.push({ unitId, answered: itemId === 1, n });
    else addGroupSize(sizes, part === 1, v[i + 1]!, unitId, n);
  }
  return {
    data: assembled(closed, settings, new Map([[wave.id, answers]]), sizes),
    previousDims: prev && dimensionResults(template, prevCounts),
    participation: participationOf(wave, scope, participation),
  };
}

function byWave(rows: readonly (AnswerCount & { waveId: number })[]): Map<number, AnswerCount[]> {
  const out = new Map<number, AnswerCount[]>();
  for (const { waveId, ...r } of rows) {
    const list = out.get(waveId) ?? [];
    list.push(r);
    out.set(waveId, list);
  }
  return out;
}

// A wave's tallies are a few thousand rows at most (groups × items × values) where its answers are ~16,000 per
// 1,600 responses: the report and the trend read these and aggregate nothing (issue 22).
async function tallyCounts(
  db: Db,
  waveIds: readonly number[],
  units: readonly number[] | undefined,
): Promise<Map<number, AnswerCount[]>> {
  if (waveIds.length === 1 && !units) return new Map([[waveIds[0]!, await waveTallies(db, { waveId: waveIds[0] })]]);
  return byWave(
    await db
      .select({
        waveId: surveyTallies.waveId,
        unitId: surveyTallies.unitId,
        itemId: surveyTallies.itemId,
        value: surveyTallies.value,
        n: surveyTallies.n,
      })
      .from(surveyTallies)
      .where(
        and(inArray(surveyTallies.waveId, [...waveIds]), units ? inArray(surveyTallies.unitId, units) : undefined),
      ),
  );
}

/** The GROUP BY (wave, group, item, value) of the stored answers; rows outside every group (unit null) left out. */
function storedCountsQuery(db: Db, waveIds: readonly number[], units: readonly number[] | undefined) {
  return db
    .select({
      waveId: surveyResponses.waveId,
      // Never null here (the where clause): typed as the tallies' column, which it fills.
      unitId: sql<number>`${surveyResponses.unitId}`.as('unit_id'),
      itemId: surveyAnswers.itemId,
      value: surveyAnswers.value,
      n: count().as('n'),
    })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(
      and(
        inArray(surveyResponses.waveId, [...waveIds]),
        units ? inArray(surveyResponses.unitId, units) : isNotNull(surveyResponses.unitId),
      ),
    )
    .groupBy(surveyResponses.waveId, surveyResponses.unitId, surveyAnswers.itemId, surveyAnswers.value);
}

async function storedAnswerCounts(
  db: Db,
  waveIds: readonly number[],
  units: readonly number[] | undefined,
): Promise<Map<number, AnswerCount[]>> {
  return byWave(await storedCountsQuery(db, waveIds, units));
}

/**
 * Rewrites the tallies of these waves as the GROUP BY of their stored response rows — the rows publishWave has
 * just written under the groups published at close (≥ K each; nothing is stored outside them), so the tallies
 * hold no group the response tables do not. Called by publishWave in the unit of work that writes those rows,
 * after them; a wave with no rows has no tallies. One statement: the counts never leave the database.
 * Written in key order, so each wave's rows sit together in the table however many waves one call writes:
 * unordered (a hash aggregate's order), one wave's ~2,600 rows of 156 waves' lay on ~1,600 of PostgreSQL's
 * ~2,800 pages, and reading one wave for a report read most of the table (issue 22).
 */
export async function writeTallies(db: Db, waveIds: readonly number[]): Promise<void> {
  if (waveIds.length === 0) return;
  await db.delete(surveyTallies).where(inArray(surveyTallies.waveId, [...waveIds]));
  await db
    .insert(surveyTallies)
    .select(
      storedCountsQuery(db, waveIds, undefined).orderBy(
        surveyResponses.waveId,
        surveyResponses.unitId,
        surveyAnswers.itemId,
        surveyAnswers.value,
      ),
    );
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

/**
 * Dimension averages of each wave over the groups inside its `scope`, the counts summed by the database from
 * the tallies (one statement; a few rows per wave where the groups' counts are thousands): what the trend and
 * the report's "last wave" column need, and the same as `figuresFor(...).dimensions` over that scope. Call only
 * for a unit published in that wave.
 */
export async function dimensionsIn(
  db: Db,
  template: SurveyTemplate,
  of: readonly { wave: Wave; scope: ReadonlySet<number> }[],
): Promise<Map<number, DimensionResult[]>> {
  const counts = new Map<number, Map<number, Map<number, number>>>(of.map((o) => [o.wave.id, new Map()]));
  const parts = of.filter((o) => o.scope.size > 0);
  if (parts.length > 0)
    for (const r of await db
      .select({
        waveId: surveyTallies.waveId,
        itemId: surveyTallies.itemId,
        value: surveyTallies.value,
        n: sql<number>`sum(${surveyTallies.n})`.mapWith(Number),
      })
      .from(surveyTallies)
      .where(
        or(...parts.map((o) => and(eq(surveyTallies.waveId, o.wave.id), inArray(surveyTallies.unitId, [...o.scope])))),
      )
      .groupBy(surveyTallies.waveId, surveyTallies.itemId, surveyTallies.value)) {
      const items = counts.get(r.waveId)!;
      const m = items.get(r.itemId) ?? new Map<number, number>();
      m.set(r.value, r.n);
      items.set(r.itemId, m);
    }
  return new Map([...counts].map(([id, items]) => [id, dimensionResults(template, items)]));
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

const commentRows = prepared((db) =>
  db
    .select({ text: surveyComments.text })
    .from(surveyComments)
    .where(and(eq(surveyComments.waveId, sql.placeholder('waveId')), inUnitList(db, surveyComments.unitId, 'units'))),
);

/** Comments of the comment groups inside `scope`, sorted by text (the stored order is already random; this
 *  makes two reads identical) — call only for a unit whose comments are published. */
export async function commentsFor(db: Db, wave: Wave, scope: ReadonlySet<number>): Promise<string[]> {
  if (scope.size === 0) return [];
  return (await commentRows(db, { waveId: wave.id, units: unitList(db, scope) }))
    .map((c) => c.text)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
  return (await participationsIn(db, [{ wave, scope }])).get(wave.id)!;
}

/** `participationIn` for several waves, in one statement. */
export async function participationsIn(
  db: Db,
  of: readonly { wave: Wave; scope: ReadonlySet<number> }[],
): Promise<Map<number, { asked: number; answered: number; rate: number }>> {
  const byId = new Map(of.map((o) => [o.wave.id, o]));
  const rows =
    of.length === 1
      ? (await waveParticipation(db, { waveId: of[0]!.wave.id })).map((r) => ({ ...r, waveId: of[0]!.wave.id }))
      : of.length > 0
        ? await db
            .select({
              waveId: surveyParticipation.waveId,
              unitId: surveyParticipation.unitId,
              answered: surveyParticipation.answered,
              n: count(),
            })
            .from(surveyParticipation)
            // People no platform reached were not asked: they join the counts when they become reachable.
            .where(and(inArray(surveyParticipation.waveId, [...byId.keys()]), eq(surveyParticipation.reachable, true)))
            .groupBy(surveyParticipation.waveId, surveyParticipation.unitId, surveyParticipation.answered)
        : [];
  return participationsOf(of, rows);
}

/** Asked and answered per wave among people placed inside its `scope`, from rows per (wave, unit, answered). */
function participationsOf(
  of: readonly { wave: Wave; scope: ReadonlySet<number> }[],
  rows: readonly { waveId: number; unitId: number | null; answered: boolean; n: number }[],
): Map<number, Participation> {
  const tally = new Map(of.map(({ wave }) => [wave.id, { asked: 0, answered: 0 }]));
  const byId = new Map(of.map((o) => [o.wave.id, o]));
  for (const r of rows) {
    const { wave, scope } = byId.get(r.waveId)!;
    const at = placeOf(wave.tree, r.unitId);
    if (at === undefined || !scope.has(at)) continue;
    const t = tally.get(r.waveId)!;
    t.asked += r.n;
    if (r.answered) t.answered += r.n;
  }
  return new Map([...tally].map(([id, t]) => [id, { ...t, rate: t.asked === 0 ? 0 : round2(t.answered / t.asked) }]));
}

type Participation = { asked: number; answered: number; rate: number };

/** `participationIn` from one wave's rows per (unit at launch, answered). */
function participationOf(
  wave: Wave,
  scope: ReadonlySet<number>,
  rows: readonly { unitId: number | null; answered: boolean; n: number }[],
): Participation {
  return participationsOf(
    [{ wave, scope }],
    rows.map((r) => ({ ...r, waveId: wave.id })),
  ).get(wave.id)!;
}
