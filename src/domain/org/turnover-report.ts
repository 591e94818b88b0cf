// HR's turnover report: today's tree and headcount, the joins/transfers/departures on record, and beside each
// row the pulse of the latest closed wave at the same level — taken from the pulse report itself, so its K
// rules (published groups only) hold here unchanged. HR only: these are named org figures for the whole company.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { departures, employees, settings, surveyWaves, transfers } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { buildPulseReport } from '../surveys/report.js';
import type { HeatmapKind } from '../surveys/heatmap.js';
import type { Locale } from '../../vocabulary.js';
import type { Person } from './employees.js';
import { allUnits, rootUnitId, type UnitNode } from './units.js';
import { turnoverRows, type Movement, type TurnoverFigures, type TurnoverRow } from './turnover.js';

export const TURNOVER_THRESHOLD_KEY = 'report.turnover_threshold';
/** Annualised leavers over average headcount at which a store is flagged: 30% a year unless HR sets another. */
export const DEFAULT_TURNOVER_THRESHOLD = 0.3;
export const turnoverThresholdSchema = z.number().gt(0).max(5);
export const TURNOVER_DAYS = [30, 90, 180, 365] as const;

export async function turnoverThreshold(db: Db): Promise<number> {
  const row = (
    await db.select({ value: settings.value }).from(settings).where(eq(settings.key, TURNOVER_THRESHOLD_KEY)).limit(1)
  )[0];
  const parsed = row ? turnoverThresholdSchema.safeParse(JSON.parse(row.value)) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_TURNOVER_THRESHOLD;
}

/** HR only (checked by the caller). A threshold of 0 or below, or above 500% a year, changes nothing. */
export async function setTurnoverThreshold(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; threshold: number } | { ok: false }> {
  const parsed = turnoverThresholdSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  const value = JSON.stringify(parsed.data);
  await db
    .insert(settings)
    .values({ key: TURNOVER_THRESHOLD_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
  await audit(db, actor, 'settings.turnover_threshold', TURNOVER_THRESHOLD_KEY, { threshold: parsed.data });
  return { ok: true, threshold: parsed.data };
}

export interface TurnoverReportRow extends TurnoverRow {
  unit: UnitNode;
  /** The pulse of the same unit in the latest closed wave: shown only where that report shows it. */
  pulse?: { responses: number; dims: Record<string, number> } | { hidden: true };
}

export interface TurnoverReport {
  days: number;
  from: string;
  to: string;
  threshold: number;
  unit: UnitNode;
  depth: number;
  levels: number;
  kind?: HeatmapKind;
  rows: TurnoverReportRow[];
  total: TurnoverFigures;
  /** The wave the pulse column comes from, when one has closed. */
  wave?: { id: number; name: Record<Locale, string>; dimensions: { key: string; name: Record<Locale, string> }[] };
}

const isHr = (p: Pick<Person, 'roles'>) => p.roles.includes('hr') || p.roles.includes('admin');

export type TurnoverError = 'forbidden' | 'unknown_unit' | 'bad_days';

/** The first load of the org (the first CSV import or directory sync) is where the records begin, not a day
 *  everyone was hired: its "joins" (same source, within a day of the first record) are left out, so a period
 *  that spans it does not start from an empty company. */
const FIRST_LOAD_MS = 86_400_000;

async function movements(db: Db, since: string): Promise<Movement[]> {
  const first = (
    await db
      .select({ at: transfers.at, source: transfers.source })
      .from(transfers)
      .orderBy(asc(transfers.at), asc(transfers.id))
      .limit(1)
  )[0];
  const firstLoad = (m: { from: number | null; at: string; source: string }) =>
    first !== undefined &&
    m.from === null &&
    m.source === first.source &&
    Date.parse(m.at) < Date.parse(first.at) + FIRST_LOAD_MS;
  const moved = (
    await db
      .select({ from: transfers.fromUnitId, to: transfers.toUnitId, at: transfers.at, source: transfers.source })
      .from(transfers)
      .where(sql`${transfers.at} >= ${since}`)
  ).filter((m) => !firstLoad(m));
  const left = await db
    .select({ from: departures.unitId, at: departures.at })
    .from(departures)
    .where(and(sql`${departures.at} >= ${since}`, isNotNull(departures.unitId)));
  return [...moved, ...left.map((d) => ({ from: d.from, to: null, at: d.at }))];
}

async function headcounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .select({ unitId: employees.unitId, n: sql<number>`count(*)` })
    .from(employees)
    .where(and(eq(employees.active, true), isNotNull(employees.unitId)))
    .groupBy(employees.unitId);
  return new Map(rows.map((r) => [r.unitId!, Number(r.n)]));
}

export async function buildTurnoverReport(
  db: Db,
  input: { viewer: Person; days?: number; unitId?: number; depth?: number; kind?: HeatmapKind; now: Date },
): Promise<{ ok: true; report: TurnoverReport } | { ok: false; code: TurnoverError }> {
  if (!isHr(input.viewer)) return { ok: false, code: 'forbidden' };
  const days = input.days ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > 3650) return { ok: false, code: 'bad_days' };
  const tree = await allUnits(db);
  const rootId = input.unitId ?? rootUnitId(tree);
  const unit = tree.find((u) => u.id === rootId);
  if (!unit) return { ok: false, code: 'unknown_unit' };
  const to = input.now;
  const from = new Date(to.getTime() - days * 86_400_000);
  const threshold = await turnoverThreshold(db);
  const laid = turnoverRows(
    tree,
    await headcounts(db),
    await movements(db, from.toISOString()),
    { from, to },
    {
      rootId: unit.id,
      depth: input.depth,
      kind: input.kind,
      threshold,
    },
  );
  const report: TurnoverReport = {
    days,
    from: from.toISOString(),
    to: to.toISOString(),
    threshold,
    unit,
    depth: laid.depth,
    levels: laid.levels,
    kind: input.kind,
    total: laid.total,
    rows: laid.rows.map((r) => ({ ...r, unit: tree.find((u) => u.id === r.unitId)! })),
  };
  // The latest closed wave's heatmap at the same unit and level: its rows carry their own visibility.
  const closed = (
    await db
      .select({ id: surveyWaves.id })
      .from(surveyWaves)
      .where(isNotNull(surveyWaves.published))
      .orderBy(desc(surveyWaves.closedAt), desc(surveyWaves.id))
      .limit(1)
  )[0];
  if (closed) {
    const pulse = await buildPulseReport(db, {
      viewer: input.viewer,
      waveId: closed.id,
      unitId: unit.id,
      depth: laid.depth,
    });
    if (pulse.ok) {
      const byUnit = new Map(pulse.report.heatmap.map((h) => [h.unit.id, h]));
      report.wave = {
        id: pulse.report.wave.id,
        name: pulse.report.template.name,
        dimensions: pulse.report.template.dimensions.map((d) => ({ key: d.key, name: d.name })),
      };
      for (const row of report.rows) {
        const h = byUnit.get(row.unitId);
        if (!h) continue;
        row.pulse = h.visible ? { responses: h.responses ?? 0, dims: h.dims } : { hidden: true };
      }
    }
  }
  return { ok: true, report };
}
