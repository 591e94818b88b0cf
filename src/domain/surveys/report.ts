// The pulse report read model: participation, dimension and item averages, distributions, change against
// the previous wave, a per-unit heatmap and comments — every figure K-protected (anonymity.ts), and only
// for units the viewer may see (HR: all; managers: their subtree).
import { and, count, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { followUps, surveyAnswers, surveyComments, surveyParticipation, surveyResponses, surveyWaves } from '../../db/schema.js';
import type { Locale } from '../../bot/port.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { allUnits, rootUnitId, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { anonymityThreshold } from '../settings.js';
import { publishableUnits } from './anonymity.js';
import { getTemplate, type SurveyTemplate } from './templates.js';
import { getWave, type Wave } from './waves.js';

export interface DimensionResult {
  key: string;
  name: Record<Locale, string>;
  avg: number;
  previousAvg?: number;
  /** Count of answers per scale value, min..max. */
  distribution: number[];
}

export interface PulseReport {
  wave: Wave;
  template: SurveyTemplate;
  unit: UnitNode;
  k: number;
  participation: { asked: number; answered: number; rate: number };
  /** False when the unit has fewer than K responses (or publishing it would reveal a smaller group). */
  visible: boolean;
  responses?: number;
  dimensions: DimensionResult[];
  items: { id: number; key: string; text: Record<Locale, string>; avg: number }[];
  /** The lowest-scoring items: where friction is. */
  lowest: { id: number; key: string; text: Record<Locale, string>; avg: number }[];
  enps?: { score: number; promoters: number; passives: number; detractors: number };
  heatmap: { unit: UnitNode; visible: boolean; dims: Record<string, number> }[];
  comments: string[];
  commentsHidden: boolean;
  followUps: { total: number; done: number };
}

export type ReportError = 'no_waves' | 'unknown_wave' | 'unknown_unit' | 'forbidden';

interface Tally {
  /** itemId -> value -> count */
  items: Map<number, Map<number, number>>;
}

function tallyFor(rows: { unitId: number | null; itemId: number; value: number; n: number }[], unitIds: Set<number>, rootId: number): Tally {
  const items = new Map<number, Map<number, number>>();
  for (const r of rows) {
    if (!unitIds.has(r.unitId ?? rootId)) continue;
    const m = items.get(r.itemId) ?? new Map<number, number>();
    m.set(r.value, (m.get(r.value) ?? 0) + r.n);
    items.set(r.itemId, m);
  }
  return { items };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
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

function dimensionAverages(template: SurveyTemplate, tally: Tally): Map<string, { avg: number; distribution: number[] }> {
  const out = new Map<string, { avg: number; distribution: number[] }>();
  for (const d of template.dimensions) {
    const items = template.items.filter((i) => i.dimensionId === d.id);
    const merged = new Map<number, number>();
    for (const i of items) for (const [v, c] of tally.items.get(i.id) ?? []) merged.set(v, (merged.get(v) ?? 0) + c);
    const avg = avgOf(merged);
    if (avg === undefined) continue;
    const min = items[0]?.min ?? 1;
    const max = items[0]?.max ?? 5;
    out.set(d.key, { avg: round2(avg), distribution: Array.from({ length: max - min + 1 }, (_, i) => merged.get(min + i) ?? 0) });
  }
  return out;
}

function waveData(db: Db, waveId: number) {
  const answers = db
    .select({ unitId: surveyResponses.unitId, itemId: surveyAnswers.itemId, value: surveyAnswers.value, n: count() })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(eq(surveyResponses.waveId, waveId))
    .groupBy(surveyResponses.unitId, surveyAnswers.itemId, surveyAnswers.value)
    .all();
  const perUnit = db
    .select({ unitId: surveyResponses.unitId, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.waveId, waveId))
    .groupBy(surveyResponses.unitId)
    .all();
  return { answers, perUnit };
}

export function buildPulseReport(db: Db, input: { viewer: Person; waveId?: number; unitId?: number }): { ok: true; report: PulseReport } | { ok: false; code: ReportError } {
  const units = allUnits(db);
  const rootId = rootUnitId(units);
  const visibleUnits = visibleUnitIds(units, input.viewer);
  if (rootId === undefined || visibleUnits.size === 0) return { ok: false, code: 'forbidden' };

  const waveRow = input.waveId !== undefined
    ? db.select({ id: surveyWaves.id }).from(surveyWaves).where(eq(surveyWaves.id, input.waveId)).get()
    : db.select({ id: surveyWaves.id }).from(surveyWaves).orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id)).get();
  if (!waveRow) return { ok: false, code: input.waveId !== undefined ? 'unknown_wave' : 'no_waves' };
  const wave = getWave(db, waveRow.id)!;
  const template = getTemplate(db, wave.templateId)!;

  // Default unit: the whole organisation for HR, the top unit a manager heads otherwise.
  let unitId = input.unitId;
  if (unitId === undefined) unitId = visibleUnits.has(rootId) ? rootId : units.find((u) => visibleUnits.has(u.id) && !visibleUnits.has(u.parentId ?? -1))!.id;
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  if (!visibleUnits.has(unit.id)) return { ok: false, code: 'forbidden' };

  const k = anonymityThreshold(db);
  const { answers, perUnit } = waveData(db, wave.id);
  const own = new Map<number, number>();
  for (const r of perUnit) own.set(r.unitId ?? rootId, (own.get(r.unitId ?? rootId) ?? 0) + r.n);
  const publishable = publishableUnits(units, own, k);
  const scope = subtreeIds(units, unit.id);

  const participationRows = db
    .select({ unitId: surveyParticipation.unitId, answered: surveyParticipation.answered, n: count() })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.waveId, wave.id))
    .groupBy(surveyParticipation.unitId, surveyParticipation.answered)
    .all();
  let asked = 0;
  let answered = 0;
  for (const p of participationRows) {
    if (!scope.has(p.unitId ?? rootId)) continue;
    asked += p.n;
    if (p.answered) answered += p.n;
  }

  const visible = publishable.has(unit.id);
  const report: PulseReport = {
    wave,
    template,
    unit,
    k,
    participation: { asked, answered, rate: asked === 0 ? 0 : round2(answered / asked) },
    visible,
    dimensions: [],
    items: [],
    lowest: [],
    heatmap: [],
    comments: [],
    commentsHidden: true,
    followUps: followUpShare(db, wave.id, scope),
  };

  for (const child of units.filter((u) => u.parentId === unit.id)) {
    const shown = publishable.has(child.id);
    const dims = shown ? Object.fromEntries([...dimensionAverages(template, tallyFor(answers, subtreeIds(units, child.id), rootId))].map(([key, d]) => [key, d.avg])) : {};
    report.heatmap.push({ unit: child, visible: shown, dims });
  }

  if (visible) {
    const tally = tallyFor(answers, scope, rootId);
    report.responses = [...scope].reduce((s, id) => s + (own.get(id) ?? 0), 0);
    const previous = previousWaveDims(db, wave, template, units, unit, k, rootId);
    for (const d of template.dimensions) {
      const r = dimensionAverages(template, tally).get(d.key);
      if (r) report.dimensions.push({ key: d.key, name: d.name, avg: r.avg, distribution: r.distribution, previousAvg: previous?.get(d.key)?.avg });
    }
    for (const item of template.items.filter((i) => i.kind === 'scale')) {
      const counts = tally.items.get(item.id);
      const n = [...(counts?.values() ?? [])].reduce((s, c) => s + c, 0);
      const avg = avgOf(counts);
      if (avg !== undefined && n >= k) report.items.push({ id: item.id, key: item.key, text: item.text, avg: round2(avg) });
    }
    report.lowest = [...report.items].sort((a, b) => a.avg - b.avg || a.id - b.id).slice(0, 3);
    const enpsItem = template.items.find((i) => i.kind === 'enps');
    const enpsCounts = enpsItem ? tally.items.get(enpsItem.id) : undefined;
    if (enpsCounts) {
      let promoters = 0, passives = 0, detractors = 0;
      for (const [v, c] of enpsCounts) {
        if (v >= 9) promoters += c;
        else if (v >= 7) passives += c;
        else detractors += c;
      }
      const total = promoters + passives + detractors;
      if (total >= k) report.enps = { score: Math.round(((promoters - detractors) / total) * 100), promoters, passives, detractors };
    }
    const comments = db
      .select({ unitId: surveyComments.unitId, text: surveyComments.text })
      .from(surveyComments)
      .where(eq(surveyComments.waveId, wave.id))
      .orderBy(surveyComments.id)
      .all()
      .filter((c) => scope.has(c.unitId ?? rootId));
    // A comment list is itself a breakdown: shown only when at least K people wrote one.
    if (comments.length >= k) {
      report.comments = comments.map((c) => c.text);
      report.commentsHidden = false;
    }
  }
  audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'survey.report.view', `wave:${wave.id}`, { unitId: unit.id, visible });
  return { ok: true, report };
}

function previousWaveDims(db: Db, wave: Wave, template: SurveyTemplate, units: UnitNode[], unit: UnitNode, k: number, rootId: number) {
  const prev = db
    .select({ id: surveyWaves.id })
    .from(surveyWaves)
    .where(and(eq(surveyWaves.templateId, wave.templateId), lt(surveyWaves.openedAt, wave.openedAt.toISOString())))
    .orderBy(desc(surveyWaves.openedAt))
    .get();
  if (!prev) return undefined;
  const { answers, perUnit } = waveData(db, prev.id);
  const own = new Map<number, number>();
  for (const r of perUnit) own.set(r.unitId ?? rootId, (own.get(r.unitId ?? rootId) ?? 0) + r.n);
  if (!publishableUnits(units, own, k).has(unit.id)) return undefined;
  return dimensionAverages(template, tallyFor(answers, subtreeIds(units, unit.id), rootId));
}

function followUpShare(db: Db, waveId: number, scope: Set<number>): { total: number; done: number } {
  const rows = db.select({ unitId: followUps.unitId, status: followUps.status }).from(followUps).where(eq(followUps.waveId, waveId)).all();
  const mine = rows.filter((r) => r.unitId === null || scope.has(r.unitId));
  return { total: mine.length, done: mine.filter((r) => r.status === 'done').length };
}

/** The report as CSV rows for HR: one row per published unit of the whole tree. */
export function pulseCsv(db: Db, waveId: number): string | undefined {
  const wave = getWave(db, waveId);
  if (!wave) return undefined;
  const template = getTemplate(db, wave.templateId)!;
  const units = allUnits(db);
  const rootId = rootUnitId(units)!;
  const k = anonymityThreshold(db);
  const { answers, perUnit } = waveData(db, wave.id);
  const own = new Map<number, number>();
  for (const r of perUnit) own.set(r.unitId ?? rootId, (own.get(r.unitId ?? rootId) ?? 0) + r.n);
  const publishable = publishableUnits(units, own, k);
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const scaleItems = template.items.filter((i) => i.kind === 'scale');
  const lines = [['unit', 'responses', ...template.dimensions.map((d) => d.key), ...scaleItems.map((i) => i.key)].join(',')];
  for (const u of units) {
    if (!publishable.has(u.id)) continue;
    const scope = subtreeIds(units, u.id);
    const tally = tallyFor(answers, scope, rootId);
    const dims = dimensionAverages(template, tally);
    const n = [...scope].reduce((s, id) => s + (own.get(id) ?? 0), 0);
    lines.push([esc(u.path), String(n), ...template.dimensions.map((d) => String(dims.get(d.key)?.avg ?? '')), ...scaleItems.map((i) => String(round2(avgOf(tally.items.get(i.id)) ?? NaN)))].join(','));
  }
  return lines.join('\n') + '\n';
}
