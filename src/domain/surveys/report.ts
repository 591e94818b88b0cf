// The pulse report read model. While a wave is open it holds participation only (and when results will
// appear): figures computed from a live wave would let two reads be subtracted. Once the wave is closed, it
// reads the publication made at close (results.ts) over the wave's own tree — the same every time, whatever
// happened to the org chart or the thresholds since (a raised threshold can only hide more).
// Scope: HR sees every unit, managers their subtree; a hidden unit points to the smallest published group
// that contains it, so a manager's page is never silently blank.
import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { followUps, surveyWaves } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { buildHeatmap, type HeatmapKind, type HeatmapRow, type KindSummary } from './heatmap.js';
import { enclosingPublished, rootOf } from './publication.js';
import {
  commentsFor,
  figuresFor,
  participationIn,
  publishedWavesData,
  reportWavesData,
  thresholdSettings,
  thresholdsOf,
  waveUnits,
  type ClosedWaveData,
  type DimensionResult,
  type Figures,
  type ItemResult,
} from './results.js';
import type { SurveyTemplate } from './templates.js';
import { getWave, toWave, waveTemplate, type Wave } from './waves.js';
import type { Locale } from '../../vocabulary.js';
import { translator } from '../../i18n/index.js';

export type { DimensionResult } from './results.js';

/** Why a unit's figures are not shown: the wave is still open, too few answered, or showing them would
 *  let a smaller group be worked out by subtraction. */
export type HiddenReason = 'open' | 'too_few' | 'protected';

export interface PulseReport {
  wave: Wave;
  template: SurveyTemplate;
  unit: UnitNode;
  k: number;
  commentK: number;
  status: 'open' | 'closed';
  participation: { asked: number; answered: number; rate: number };
  /** False while the wave is open, or when the unit is not in the publication. */
  visible: boolean;
  hidden?: HiddenReason;
  responses?: number;
  dimensions: DimensionResult[];
  items: ItemResult[];
  lowest: ItemResult[];
  enps?: Figures['enps'];
  /** The rows at the chosen level below the unit (1 = its direct units), of one kind when asked. */
  heatmap: HeatmapRow[];
  heatmapLevel: { depth: number; levels: number; kind?: HeatmapKind };
  /** Per unit kind at that level, over its shown rows only. */
  heatmapKinds: KindSummary[];
  comments: string[];
  commentsHidden: boolean;
  /** For an open wave: the latest wave whose results are published, to read meanwhile. */
  latestPublished?: number;
  /** For a hidden unit of a closed wave: the smallest published group that contains it. */
  enclosing?: {
    unit: UnitNode;
    responses: number;
    dimensions: DimensionResult[];
    comments: string[];
    commentsHidden: boolean;
  };
  followUps: { total: number; done: number };
}

export type ReportError = 'no_waves' | 'unknown_wave' | 'unknown_unit' | 'forbidden';

// A report's reads of a fixed shape, built once (issue 22: /report pulse over 156 waves is 156 reports).
const latestWave = prepared((db) =>
  db.select().from(surveyWaves).orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id)).limit(1),
);
/** The wave `id` and the previous closed wave of its template (the latest opened before it), in one read. */
const waveAndPrevious = prepared((db) =>
  db
    .select()
    .from(surveyWaves)
    .where(
      or(
        eq(surveyWaves.id, sql.placeholder('id')),
        eq(
          surveyWaves.id,
          sql`(select p.id from ${surveyWaves} p, ${surveyWaves} w
               where w.id = ${sql.placeholder('id')} and p.template_id = w.template_id
                 and p.opened_at < w.opened_at and p.published is not null
               order by p.opened_at desc limit 1)`,
        ),
      ),
    ),
);
const previousClosedWave = prepared((db) =>
  db
    .select()
    .from(surveyWaves)
    .where(
      and(
        eq(surveyWaves.templateId, sql.placeholder('templateId')),
        lt(surveyWaves.openedAt, sql.placeholder('openedAt')),
        isNotNull(surveyWaves.published),
      ),
    )
    .orderBy(desc(surveyWaves.openedAt))
    .limit(1),
);
const followUpRows = prepared((db) =>
  db
    .select({ unitId: followUps.unitId, status: followUps.status })
    .from(followUps)
    .where(eq(followUps.waveId, sql.placeholder('waveId'))),
);

export async function buildPulseReport(
  db: Db,
  input: { viewer: Person; waveId?: number; unitId?: number; depth?: number; kind?: HeatmapKind },
): Promise<{ ok: true; report: PulseReport } | { ok: false; code: ReportError }> {
  // The wave's whole row, with the previous closed wave's when a wave is named, in one read (each statement is
  // a round trip on PostgreSQL: issue 22). The previous row is parsed only if the report shows its column.
  const rows = input.waveId !== undefined ? await waveAndPrevious(db, { id: input.waveId }) : await latestWave(db);
  const waveRow = rows.find((r) => input.waveId === undefined || r.id === input.waveId);
  if (!waveRow) return { ok: false, code: input.waveId !== undefined ? 'unknown_wave' : 'no_waves' };
  const wave = toWave(waveRow);
  const previousRow = input.waveId !== undefined ? (rows.find((r) => r !== waveRow) ?? null) : undefined;
  const template = (await waveTemplate(db, wave))!;

  const units = await waveUnits(db, wave);
  const rootId = rootOf(units);
  const visibleUnits = visibleUnitIds(units, input.viewer);
  if (rootId === undefined) return { ok: false, code: 'unknown_unit' };
  if (visibleUnits.size === 0) return { ok: false, code: 'forbidden' };

  // Default unit: the whole organisation for HR, the top unit a manager heads otherwise.
  const unitId =
    input.unitId ??
    (visibleUnits.has(rootId)
      ? rootId
      : units.find((u) => visibleUnits.has(u.id) && !visibleUnits.has(u.parentId ?? -1))!.id);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  if (!visibleUnits.has(unit.id)) return { ok: false, code: 'forbidden' };

  const scope = subtreeIds(units, unit.id);
  const settings = await thresholdSettings(db);
  // A closed wave's counts, its participation in the scope, and the previous wave's publication and this unit's
  // dimensions there, in one statement; the previous wave is read when the unit was published at close in both —
  // else there is no "last wave" column.
  const prevWave = wave.published?.units.has(unit.id)
    ? await previousPublishedWave(db, wave, unit.id, previousRow)
    : undefined;
  const closed = await reportWavesData(
    db,
    template,
    wave,
    scope,
    prevWave && { wave: prevWave, scope: subtreeIds(prevWave.tree, unit.id) },
    settings,
  );
  const participation = closed?.participation ?? (await participationIn(db, wave, scope));
  const thresholds = thresholdsOf(wave, settings);
  const report: PulseReport = {
    wave,
    template,
    unit,
    k: thresholds.k,
    commentK: thresholds.commentK,
    status: wave.published ? 'closed' : 'open',
    participation,
    visible: false,
    dimensions: [],
    items: [],
    lowest: [],
    heatmap: [],
    heatmapLevel: { depth: 1, levels: 0 },
    heatmapKinds: [],
    comments: [],
    commentsHidden: true,
    followUps: await followUpShare(db, wave.id, scope),
  };

  const datas = closed?.data ?? new Map<number, ClosedWaveData>();
  const data = datas.get(wave.id);
  if (!data) {
    report.hidden = 'open';
    report.latestPublished = (
      await db
        .select({ id: surveyWaves.id })
        .from(surveyWaves)
        .where(isNotNull(surveyWaves.published))
        .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id))
        .limit(1)
    )[0]?.id;
  } else {
    const pub = data.publication;
    report.visible = pub.units.has(unit.id);
    if (report.visible) {
      const f = figuresFor(template, data, scope);
      // The previous wave's column only where the unit is published there today (a raised threshold hides more).
      const previous =
        prevWave && datas.get(prevWave.id)?.publication.units.has(unit.id) ? closed?.previousDims : undefined;
      Object.assign(report, { responses: f.responses, items: f.items, lowest: f.lowest, enps: f.enps });
      const previousAvg = new Map(previous?.map((d): [string, number] => [d.key, d.avg]));
      report.dimensions = f.dimensions.map((d) => ({ ...d, previousAvg: previousAvg.get(d.key) }));
    } else {
      report.hidden = participation.answered < thresholds.k ? 'too_few' : 'protected';
      const around = enclosingPublished(units, pub.units, unit.id);
      if (around !== undefined) {
        const aroundScope = subtreeIds(units, around);
        const f = figuresFor(template, data, aroundScope);
        const commentsShown = pub.comments.has(around);
        report.enclosing = {
          unit: units.find((u) => u.id === around)!,
          responses: f.responses,
          dimensions: f.dimensions,
          comments: commentsShown ? await commentsFor(db, wave, aroundScope) : [],
          commentsHidden: !commentsShown,
        };
      }
    }
    if (pub.comments.has(unit.id)) {
      report.comments = await commentsFor(db, wave, scope);
      report.commentsHidden = false;
    }
  }
  const heatmap = buildHeatmap(template, units, data?.publication, data, unit.id, {
    depth: input.depth,
    kind: input.kind,
  });
  report.heatmap = heatmap.rows;
  report.heatmapLevel = { depth: heatmap.depth, levels: heatmap.levels, kind: heatmap.kind };
  report.heatmapKinds = heatmap.kinds;
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'survey.report.view', `wave:${wave.id}`, {
    unitId: unit.id,
    visible: report.visible,
    status: report.status,
  });
  return { ok: true, report };
}

/** The previous closed wave of the template, when it published the unit at close (published at close is a
 *  superset of published today: a raised threshold only hides more). `row`: that wave's row when it was read
 *  with the report's (null: there is none), undefined to read it here. */
async function previousPublishedWave(
  db: Db,
  wave: Wave,
  unitId: number,
  row: typeof surveyWaves.$inferSelect | null | undefined,
): Promise<Wave | undefined> {
  const prev =
    row === undefined
      ? (await previousClosedWave(db, { templateId: wave.templateId, openedAt: wave.openedAt.toISOString() }))[0]
      : row;
  const prevWave = prev ? toWave(prev) : undefined;
  return prevWave?.published?.units.has(unitId) ? prevWave : undefined;
}

async function followUpShare(db: Db, waveId: number, scope: Set<number>): Promise<{ total: number; done: number }> {
  const rows = await followUpRows(db, { waveId });
  const mine = rows.filter((r) => r.unitId === null || scope.has(r.unitId));
  return { total: mine.length, done: mine.filter((r) => r.status === 'done').length };
}

/**
 * The published results as CSV for HR: one row per published unit; undefined for an unknown or open wave.
 * The first header row is in the requester's language (dimension names, item texts); the second holds the
 * stable keys, for spreadsheets and scripts that join waves.
 */
export async function pulseCsv(db: Db, waveId: number, locale: Locale): Promise<string | undefined> {
  const wave = await getWave(db, waveId);
  const data = wave && (await publishedWavesData(db, [wave])).get(wave.id);
  if (!wave || !data) return undefined;
  const template = (await waveTemplate(db, wave))!;
  const t = translator(locale);
  // Text cells are HR's words (unit names, questions): quoted when needed, and never read as a formula.
  const esc = (raw: string) => {
    const s = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const scaleItems = template.items.filter((i) => i.kind === 'scale');
  const lines = [
    [
      t('report.csv.unit'),
      t('report.csv.responses'),
      ...template.dimensions.map((d) => d.name[locale]),
      ...scaleItems.map((i) => i.text[locale]),
    ]
      .map(esc)
      .join(','),
    ['unit', 'responses', ...template.dimensions.map((d) => d.key), ...scaleItems.map((i) => i.key)].map(esc).join(','),
  ];
  for (const u of wave.tree) {
    if (!data.publication.units.has(u.id)) continue;
    const f = figuresFor(template, data, subtreeIds(wave.tree, u.id));
    const dims = new Map(f.dimensions.map((d) => [d.key, d.avg]));
    const items = new Map(f.items.map((i) => [i.id, i.avg]));
    lines.push(
      [
        esc(u.path),
        String(f.responses),
        ...template.dimensions.map((d) => String(dims.get(d.key) ?? '')),
        ...scaleItems.map((i) => String(items.get(i.id) ?? '')),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}
