// The pulse trend read model: for one unit and one template, the last waves side by side — participation
// and each dimension's average. Every figure comes from the wave's publication at close (results.ts), over
// the wave's own tree: an open wave is participation only, and a wave the report would hide for this unit
// is null here, never a number.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyWaves } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { allUnits, rootUnitId, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { placeOf } from './publication.js';
import { dimensionsIn, participationsIn, publishedWavesData, thresholdSettings } from './results.js';
import { getTemplate, type SurveyTemplate } from './templates.js';
import { toWave, type Wave } from './waves.js';

/** At most this many waves: enough to see a direction, few enough to read on a phone. */
export const TREND_WAVES = 8;

export interface TrendWave {
  waveId: number;
  openedAt: string;
  closed: boolean;
  participation: { asked: number; answered: number; rate: number };
  /** False when the report would hide this unit in this wave. */
  visible: boolean;
  /** Dimension key → average, or null when hidden (or nobody answered that dimension). */
  dims: Record<string, number | null>;
}

export interface PulseTrend {
  template: SurveyTemplate;
  unit: UnitNode;
  k: number;
  waves: TrendWave[];
}

export type TrendError = 'no_waves' | 'unknown_template' | 'unknown_unit' | 'forbidden';

export async function pulseTrend(
  db: Db,
  input: { viewer: Person; unitId?: number; templateId?: number },
): Promise<{ ok: true; trend: PulseTrend } | { ok: false; code: TrendError }> {
  const units = await allUnits(db);
  const rootId = rootUnitId(units);
  const visibleUnits = visibleUnitIds(units, input.viewer);
  if (rootId === undefined || visibleUnits.size === 0) return { ok: false, code: 'forbidden' };

  // The same default unit as the report: the whole organisation for HR, the top unit a manager heads.
  const unitId =
    input.unitId ??
    (visibleUnits.has(rootId)
      ? rootId
      : units.find((u) => visibleUnits.has(u.id) && !visibleUnits.has(u.parentId ?? -1))!.id);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  if (!visibleUnits.has(unit.id)) return { ok: false, code: 'forbidden' };

  let templateId = input.templateId;
  if (templateId === undefined) {
    const latest = (
      await db
        .select({ templateId: surveyWaves.templateId })
        .from(surveyWaves)
        .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id))
        .limit(1)
    )[0];
    if (!latest) return { ok: false, code: 'no_waves' };
    templateId = latest.templateId;
  }
  const template = await getTemplate(db, templateId);
  if (!template) return { ok: false, code: 'unknown_template' };

  const settings = await thresholdSettings(db);
  // Newest first; only waves that asked someone in this unit count (a wave sent to another store is not
  // a point on this unit's line). Each wave is read over its own tree. A page of waves at a time, each page's
  // participation in one statement, then the chosen waves' publications and averages (issue 22).
  const chosen: { wave: Wave; scope: Set<number>; participation: TrendWave['participation'] }[] = [];
  for (let page = 0; chosen.length < TREND_WAVES; page++) {
    const rows = await db
      .select()
      .from(surveyWaves)
      .where(eq(surveyWaves.templateId, template.id))
      .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id))
      .limit(TREND_WAVES)
      .offset(page * TREND_WAVES);
    const of = rows.map(toWave).map((wave) => ({
      wave,
      scope: placeOf(wave.tree, unit.id) === unit.id ? subtreeIds(wave.tree, unit.id) : new Set<number>(),
    }));
    const participation = await participationsIn(db, of);
    for (const o of of) {
      const p = participation.get(o.wave.id)!;
      if (p.asked > 0 && chosen.length < TREND_WAVES) chosen.push({ ...o, participation: p });
    }
    if (rows.length < TREND_WAVES) break;
  }
  // Which waves show this unit today (the publications, no groups' counts), then their dimension averages
  // summed by the database over each wave's own scope.
  const data = await publishedWavesData(
    db,
    chosen.map((c) => c.wave),
    { settings, units: new Set() },
  );
  const shown = chosen.filter((c) => data.get(c.wave.id)?.publication.units.has(unit.id));
  const averages = await dimensionsIn(db, template, shown);
  const waves: TrendWave[] = chosen.map(({ wave: w, participation }) => {
    const shownDims = averages.get(w.id);
    const visible = shownDims !== undefined;
    const dims: Record<string, number | null> = Object.fromEntries(template.dimensions.map((x) => [x.key, null]));
    if (shownDims) for (const x of shownDims) dims[x.key] = x.avg;
    return {
      waveId: w.id,
      openedAt: w.openedAt.toISOString(),
      closed: w.published !== null,
      participation,
      visible,
      dims,
    };
  });
  waves.reverse();
  // One view of results, one audit row — not one per wave.
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'survey.trend.view', `template:${template.id}`, {
    unitId: unit.id,
    waves: waves.map((w) => w.waveId),
  });
  return { ok: true, trend: { template, unit, k: settings.k, waves } };
}
