// The pulse trend read model: for one unit and one template, the last waves side by side — participation
// and each dimension's average. Every figure obeys the report's rules: the same scope (visibleUnitIds),
// the same K-protection with complementary suppression (publishableUnits over the whole tree, per wave),
// so a wave the report would hide for this unit is null here, never a number.
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyAnswers, surveyItems, surveyParticipation, surveyResponses, surveyWaves } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Person } from '../org/employees.js';
import { allUnits, rootUnitId, subtreeIds, visibleUnitIds, type UnitNode } from '../org/units.js';
import { anonymityThreshold } from '../settings.js';
import { publishableUnits } from './anonymity.js';
import { getTemplate, type SurveyTemplate } from './templates.js';

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

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Per dimension: the mean of all scale answers of its items given by respondents inside `scope`. */
export function dimensionMeans(
  answers: readonly { unitId: number | null; dimensionId: number | null; value: number; n: number }[],
  dimensions: readonly { id: number; key: string }[],
  scope: ReadonlySet<number>,
  rootId: number,
): Record<string, number | null> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const a of answers) {
    if (a.dimensionId === null || !scope.has(a.unitId ?? rootId)) continue;
    const s = sums.get(a.dimensionId) ?? { sum: 0, n: 0 };
    s.sum += a.value * a.n;
    s.n += a.n;
    sums.set(a.dimensionId, s);
  }
  return Object.fromEntries(dimensions.map((d) => {
    const s = sums.get(d.id);
    return [d.key, s && s.n > 0 ? round2(s.sum / s.n) : null];
  }));
}

function participationIn(db: Db, waveId: number, scope: ReadonlySet<number>, rootId: number) {
  const rows = db
    .select({ unitId: surveyParticipation.unitId, answered: surveyParticipation.answered, n: count() })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.waveId, waveId))
    .groupBy(surveyParticipation.unitId, surveyParticipation.answered)
    .all();
  let asked = 0;
  let answered = 0;
  for (const r of rows) {
    if (!scope.has(r.unitId ?? rootId)) continue;
    asked += r.n;
    if (r.answered) answered += r.n;
  }
  return { asked, answered, rate: asked === 0 ? 0 : round2(answered / asked) };
}

export function pulseTrend(db: Db, input: { viewer: Person; unitId?: number; templateId?: number }): { ok: true; trend: PulseTrend } | { ok: false; code: TrendError } {
  const units = allUnits(db);
  const rootId = rootUnitId(units);
  const visibleUnits = visibleUnitIds(units, input.viewer);
  if (rootId === undefined || visibleUnits.size === 0) return { ok: false, code: 'forbidden' };

  // The same default unit as the report: the whole organisation for HR, the top unit a manager heads.
  const unitId = input.unitId ?? (visibleUnits.has(rootId) ? rootId : units.find((u) => visibleUnits.has(u.id) && !visibleUnits.has(u.parentId ?? -1))!.id);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  if (!visibleUnits.has(unit.id)) return { ok: false, code: 'forbidden' };

  let templateId = input.templateId;
  if (templateId === undefined) {
    const latest = db.select({ templateId: surveyWaves.templateId }).from(surveyWaves).orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id)).get();
    if (!latest) return { ok: false, code: 'no_waves' };
    templateId = latest.templateId;
  }
  const template = getTemplate(db, templateId);
  if (!template) return { ok: false, code: 'unknown_template' };

  const scope = subtreeIds(units, unit.id);
  const k = anonymityThreshold(db);
  // Newest first; only waves that asked someone in this unit count (a wave sent to another store is not
  // a point on this unit's line).
  const candidates = db.select().from(surveyWaves).where(eq(surveyWaves.templateId, template.id)).orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id)).all();
  const waves: TrendWave[] = [];
  for (const w of candidates) {
    if (waves.length === TREND_WAVES) break;
    const participation = participationIn(db, w.id, scope, rootId);
    if (participation.asked === 0) continue;
    const perUnit = db.select({ unitId: surveyResponses.unitId, n: count() }).from(surveyResponses).where(eq(surveyResponses.waveId, w.id)).groupBy(surveyResponses.unitId).all();
    const own = new Map<number, number>();
    for (const r of perUnit) own.set(r.unitId ?? rootId, (own.get(r.unitId ?? rootId) ?? 0) + r.n);
    const visible = publishableUnits(units, own, k).has(unit.id);
    let dims: Record<string, number | null> = Object.fromEntries(template.dimensions.map((d) => [d.key, null]));
    if (visible) {
      const answers = db
        .select({ unitId: surveyResponses.unitId, dimensionId: surveyItems.dimensionId, value: surveyAnswers.value, n: count() })
        .from(surveyAnswers)
        .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
        .innerJoin(surveyItems, eq(surveyItems.id, surveyAnswers.itemId))
        .where(eq(surveyResponses.waveId, w.id))
        .groupBy(surveyResponses.unitId, surveyItems.dimensionId, surveyAnswers.value)
        .all()
        .filter((a) => template.items.some((i) => i.kind === 'scale' && i.dimensionId === a.dimensionId));
      dims = dimensionMeans(answers, template.dimensions, scope, rootId);
    }
    waves.push({ waveId: w.id, openedAt: w.openedAt, closed: w.closedAt !== null, participation, visible, dims });
  }
  waves.reverse();
  // One view of results, one audit row — not one per wave.
  audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'survey.trend.view', `template:${template.id}`, { unitId: unit.id, waves: waves.map((w) => w.waveId) });
  return { ok: true, trend: { template, unit, k, waves } };
}
