// Indicators pushed by a business system (POST /api/ingest/indicators). Every row is checked on its own:
// the valid rows are stored and the others come back with their index and reason (a system's nightly job
// should not lose 4,999 good rows to one unknown person; it re-sends the fixed row, and a re-push of stored
// rows changes nothing). One value per (system, indicator, subject, period): the same value again is
// "unchanged", another value replaces it and is audited as a change. All of it — values, rating scores, rule
// claims, audit rows — in the caller's one transaction.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { employees, indicatorValues } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';
import { audit } from '../audit.js';
import { allUnits } from '../org/units.js';
import { calendarDay } from '../surveys/calendar-day.js';
import { activeRules, listIndicators } from './catalogue.js';
import { parsePeriod, periodInFuture, type Period } from './periods.js';
import { feedCycles, openIndicatorCycles } from './rating-feed.js';
import { claimFromRule, type RuleClaim } from './rule-claims.js';
import { rulesMet } from './rules.js';
import type { IngestSystem } from './systems.js';

/** Rows per request: a month of a 5,000-person company's indicator in one push; more is split by the caller. */
export const MAX_ROWS = 5000;

export const ingestBodySchema = z.strictObject({ rows: z.array(z.unknown()).min(1).max(MAX_ROWS) });

/** One row: an indicator key, exactly one subject (a person by id or work e-mail, or a unit by id or path), a
 *  period (YYYY-MM or YYYY-Qn) and a finite number. */
const rowSchema = z.strictObject({
  indicator: z.string().min(1).max(40),
  personId: z.number().int().positive().optional(),
  email: z.string().min(3).max(200).optional(),
  unitId: z.number().int().positive().optional(),
  unitPath: z.string().min(1).max(300).optional(),
  period: z.string().max(20),
  value: z.number().finite(),
});

export type RowErrorCode =
  | 'invalid'
  | 'subject'
  | 'unknown_indicator'
  | 'unknown_person'
  | 'left'
  | 'unknown_unit'
  | 'unknown_period'
  | 'future_period'
  | 'percent_range'
  | 'repeated';

export interface RowError {
  /** The row's index in `rows`, from 0. */
  row: number;
  code: RowErrorCode;
  /** What the message quotes: the field at fault, the unknown value, the earlier row. */
  value: string;
}

export interface IngestReport {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Cycle scores set from the values (rating schemes' indicator dimensions). */
  ratings: number;
  errors: RowError[];
  claims: RuleClaim[];
}

interface Valid {
  row: number;
  indicatorKey: string;
  subjectKind: 'person' | 'unit';
  subjectId: number;
  period: Period;
  value: number;
}

const keyOf = (v: Pick<Valid, 'indicatorKey' | 'subjectKind' | 'subjectId'> & { period: string }) =>
  `${v.indicatorKey}\u0000${v.subjectKind}\u0000${v.subjectId}\u0000${v.period}`;

export async function ingestIndicators(
  db: Db,
  input: { system: IngestSystem; rows: readonly unknown[]; now: Date; timeZone: string; defaultLocale: Locale },
): Promise<IngestReport> {
  const { system, now } = input;
  const indicators = new Map((await listIndicators(db)).map((i) => [i.key, i]));
  const people = await db
    .select({ id: employees.id, email: employees.email, active: employees.active, locale: employees.locale })
    .from(employees);
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const units = await allUnits(db);
  const today = calendarDay(now, input.timeZone);

  const errors: RowError[] = [];
  const valid: Valid[] = [];
  const seen = new Map<string, number>();
  input.rows.forEach((raw, row) => {
    const fail = (code: RowErrorCode, value: string) => void errors.push({ row, code, value });
    const p = rowSchema.safeParse(raw);
    if (!p.success) {
      // The field at fault, or the unknown fields a strict row refuses (a typo such as "employeeNo").
      const i = p.error.issues[0];
      return fail('invalid', i?.code === 'unrecognized_keys' ? i.keys.join(', ') : i?.path.join('.') || 'row');
    }
    const r = p.data;
    const subjects = [r.personId, r.email, r.unitId, r.unitPath].filter((x) => x !== undefined);
    if (subjects.length !== 1) return fail('subject', String(subjects.length));
    const indicator = indicators.get(r.indicator);
    if (!indicator) return fail('unknown_indicator', r.indicator);
    let subjectKind: Valid['subjectKind'] = 'person';
    let subjectId: number;
    if (r.personId !== undefined || r.email !== undefined) {
      const person = r.personId !== undefined ? byId.get(r.personId) : byEmail.get(r.email!.trim().toLowerCase());
      if (!person) return fail('unknown_person', String(r.personId ?? r.email));
      if (!person.active) return fail('left', String(r.personId ?? r.email));
      subjectId = person.id;
    } else {
      const unit =
        r.unitId !== undefined ? units.find((u) => u.id === r.unitId) : units.find((u) => u.path === r.unitPath);
      if (!unit) return fail('unknown_unit', String(r.unitId ?? r.unitPath));
      subjectKind = 'unit';
      subjectId = unit.id;
    }
    const period = parsePeriod(r.period);
    if (!period) return fail('unknown_period', r.period);
    if (periodInFuture(period, today)) return fail('future_period', r.period);
    if (indicator.unit === 'percent' && (r.value < 0 || r.value > 100)) return fail('percent_range', String(r.value));
    const v: Valid = { row, indicatorKey: indicator.key, subjectKind, subjectId, period, value: r.value };
    const earlier = seen.get(keyOf({ ...v, period: period.key }));
    if (earlier !== undefined) return fail('repeated', String(earlier));
    seen.set(keyOf({ ...v, period: period.key }), row);
    valid.push(v);
  });

  const report: IngestReport = {
    received: input.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    ratings: 0,
    errors,
    claims: [],
  };
  const periods = [...new Set(valid.map((v) => v.period.key))];
  const stored = new Map(
    (periods.length
      ? await db
          .select()
          .from(indicatorValues)
          .where(and(eq(indicatorValues.systemId, system.id), inArray(indicatorValues.period, periods)))
      : []
    ).map((s) => [keyOf(s), s]),
  );
  const cycles = await openIndicatorCycles(db, input.timeZone);
  const rules = await activeRules(db);
  const at = now.toISOString();
  for (const v of valid) {
    const before = stored.get(keyOf({ ...v, period: v.period.key }));
    const changed = before === undefined || before.value !== v.value;
    if (!before) {
      await db.insert(indicatorValues).values({
        systemId: system.id,
        indicatorKey: v.indicatorKey,
        subjectKind: v.subjectKind,
        subjectId: v.subjectId,
        period: v.period.key,
        value: v.value,
        updatedAt: at,
      });
      report.created++;
    } else if (changed) {
      await db.update(indicatorValues).set({ value: v.value, updatedAt: at }).where(eq(indicatorValues.id, before.id));
      await audit(db, { kind: 'system' }, 'indicator.change', `ingest:${system.id}`, {
        system: system.name,
        indicator: v.indicatorKey,
        // subjectId / unitId: the audit page names the person or the unit (audit-describe.ts).
        [v.subjectKind === 'person' ? 'subjectId' : 'unitId']: v.subjectId,
        period: v.period.key,
        from: before.value,
        to: v.value,
      });
      report.updated++;
    } else report.unchanged++;
    if (v.subjectKind !== 'person') continue;
    // Unchanged values too: a cycle opened since the first push gets its score from a re-push.
    report.ratings += await feedCycles(db, cycles, {
      personId: v.subjectId,
      indicatorKey: v.indicatorKey,
      period: v.period,
      value: v.value,
      now,
    });
    // Rules run on unchanged values too: a rule added since the first push still gets its one claim.
    const person = byId.get(v.subjectId)!;
    for (const rule of rulesMet(rules, v.indicatorKey, v.value)) {
      const claim = await claimFromRule(db, {
        row: v.row,
        rule,
        indicator: indicators.get(v.indicatorKey)!,
        system: system.name,
        person: { id: person.id, locale: person.locale ?? input.defaultLocale },
        period: v.period.key,
        value: v.value,
        now,
      });
      if (claim) report.claims.push(claim);
    }
  }
  await audit(db, { kind: 'system' }, 'indicator.ingest', `ingest:${system.id}`, {
    system: system.name,
    received: report.received,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: errors.length,
    claims: report.claims.filter((c) => 'requestId' in c).length,
  });
  return report;
}
