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
import { anonymityThreshold } from '../settings.js';
import { placeOf } from './publication.js';
import { closedWaveData, figuresFor, participationIn } from './results.js';
import { getTemplate, type SurveyTemplate } from './templates.js';
import { getWave } from './waves.js';

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

  const k = await anonymityThreshold(db);
  // Newest first; only waves that asked someone in this unit count (a wave sent to another store is not
  // a point on this unit's line). Each wave is read over its own tree.
  const candidates = await db
    .select({ id: surveyWaves.id })
    .from(surveyWaves)
    .where(eq(surveyWaves.templateId, template.id))
    .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id));
  const waves: TrendWave[] = [];
  for (const c of candidates) {
    if (waves.length === TREND_WAVES) break;
    const w = (await getWave(db, c.id))!;
    const inTree = placeOf(w.tree, unit.id) === unit.id;
    const scope = inTree ? subtreeIds(w.tree, unit.id) : new Set<number>();
    const participation = await participationIn(db, w, scope);
    if (participation.asked === 0) continue;
    const data = await closedWaveData(db, w);
    const visible = data !== undefined && data.publication.units.has(unit.id);
    const dims: Record<string, number | null> = Object.fromEntries(template.dimensions.map((d) => [d.key, null]));
    if (data && visible) for (const d of figuresFor(template, data, scope).dimensions) dims[d.key] = d.avg;
    waves.push({
      waveId: w.id,
      openedAt: w.openedAt.toISOString(),
      closed: w.published !== null,
      participation,
      visible,
      dims,
    });
  }
  waves.reverse();
  // One view of results, one audit row — not one per wave.
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'survey.trend.view', `template:${template.id}`, {
    unitId: unit.id,
    waves: waves.map((w) => w.waveId),
  });
  return { ok: true, trend: { template, unit, k, waves } };
}
