// The indicators systems may push, defined by HR: a key (the same key as a rating scheme's indicator dimension
// makes that dimension read it), names in both languages and a unit (a percent lies in 0–100). Point rules
// over them (rules.ts) live here too. Every change is audited.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { indicatorRules, indicators } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import { problem, type Issue } from '../../i18n/issues.js';
import { audit, type Actor } from '../audit.js';
import { getTag } from '../points/catalogue.js';
import { INDICATOR_UNITS, ruleInputSchema, thresholdProblem, type IndicatorUnit, type Rule } from './rules.js';

export const indicatorInputSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  unit: z.enum(INDICATOR_UNITS),
});

export interface Indicator {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  unit: IndicatorUnit;
}

export async function listIndicators(db: Db): Promise<Indicator[]> {
  return await db
    .select({
      id: indicators.id,
      key: indicators.key,
      nameZh: indicators.nameZh,
      nameEn: indicators.nameEn,
      unit: indicators.unit,
    })
    .from(indicators)
    .orderBy(asc(indicators.key));
}

export async function defineIndicator(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; indicator: Indicator } | { ok: false; issues: Issue[] }> {
  const p = indicatorInputSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  if ((await db.select().from(indicators).where(eq(indicators.key, p.data.key)).limit(1)).length)
    return { ok: false, issues: [problem(['key'], 'indicator_exists', { key: p.data.key })] };
  const row = returnedRow(
    await db.insert(indicators).values(p.data).returning({ id: indicators.id }),
    'insert indicators',
  );
  await audit(db, actor, 'indicator.define', `indicator:${p.data.key}`, { unit: p.data.unit });
  return { ok: true, indicator: { id: row.id, ...p.data } };
}

export async function activeRules(db: Db): Promise<Rule[]> {
  return await db
    .select({
      id: indicatorRules.id,
      indicatorKey: indicatorRules.indicatorKey,
      op: indicatorRules.op,
      threshold: indicatorRules.threshold,
      points: indicatorRules.points,
      tagId: indicatorRules.tagId,
    })
    .from(indicatorRules)
    .where(eq(indicatorRules.active, true))
    .orderBy(asc(indicatorRules.id));
}

/** A rule over a defined indicator and a live tag, with a threshold a value can meet (rules.ts). */
export async function createRule(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; rule: Rule } | { ok: false; issues: Issue[] }> {
  const p = ruleInputSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  const r = p.data;
  const indicator = (await db.select().from(indicators).where(eq(indicators.key, r.indicatorKey)).limit(1))[0];
  if (!indicator)
    return { ok: false, issues: [problem(['indicatorKey'], 'unknown_indicator', { key: r.indicatorKey })] };
  const bad = thresholdProblem(r, indicator.unit);
  if (bad) return { ok: false, issues: [bad] };
  const tag = await getTag(db, r.tagId);
  if (!tag?.active) return { ok: false, issues: [problem(['tagId'], 'rule_tag', { id: r.tagId })] };
  const row = returnedRow(
    await db
      .insert(indicatorRules)
      .values({ ...r, createdBy: actor.kind === 'employee' ? actor.employeeId : null })
      .returning({ id: indicatorRules.id }),
    'insert indicatorRules',
  );
  await audit(db, actor, 'indicator.rule.create', `rule:${row.id}`, {
    rule: `${r.indicatorKey} ${r.op} ${r.threshold}`,
    points: r.points,
    tag: r.tagId,
  });
  return { ok: true, rule: { id: row.id, ...r } };
}

/** Retire a rule: no new claims from it; claims it made stay as they are. */
export async function retireRule(db: Db, id: number, actor: Actor): Promise<boolean> {
  const rule = (
    await db
      .select()
      .from(indicatorRules)
      .where(and(eq(indicatorRules.id, id), eq(indicatorRules.active, true)))
      .limit(1)
  )[0];
  if (!rule) return false;
  await db.update(indicatorRules).set({ active: false }).where(eq(indicatorRules.id, id));
  await audit(db, actor, 'indicator.rule.retire', `rule:${id}`, {
    rule: `${rule.indicatorKey} ${rule.op} ${rule.threshold}`,
  });
  return true;
}
