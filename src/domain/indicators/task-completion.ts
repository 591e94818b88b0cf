// Task completion (issue 25 §1): a percent per person per month, pushed like any indicator through the
// ingestion API, or pasted by HR as CSV in the mini-app. A fresh install defines the indicator, so a system can
// push it from day one. The CSV paste goes through the same ingestion (same checks, same rules, same rating
// feed) under a system of its own whose token nobody ever sees; it is all or nothing: one bad line and nothing
// is stored, every bad line is named.
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { indicators, indicatorValues, ingestSystems } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';
import { audit, type Actor } from '../audit.js';
import { defineIndicator } from './catalogue.js';
import { ingestIndicators, MAX_ROWS, type IngestReport, type RowErrorCode } from './ingest.js';
import { createSystem, type IngestSystem } from './systems.js';
import { unitOfWork } from '../unit-of-work.js';

export const TASK_COMPLETION = 'task_completion';

/** The system pasted CSV is stored under (one value per system, indicator, person and period, as for a push). */
export const CSV_SYSTEM_NAME = 'CSV (mini-app)';

/** Define task completion (percent) if it is not defined yet; a fresh install calls this at start. */
export async function ensureTaskCompletion(db: Db): Promise<void> {
  if ((await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.key, TASK_COMPLETION))).length)
    return;
  await defineIndicator(
    db,
    { key: TASK_COMPLETION, nameZh: '任务完成率', nameEn: 'Task completion', unit: 'percent' },
    { kind: 'system' },
  );
}

export const CSV_COLUMNS = ['employee', 'period', 'value'] as const;

export type CsvLineCode = 'header' | 'columns' | 'value' | 'too_many' | 'empty' | RowErrorCode;

export interface CsvLineError {
  /** 1-based line of the pasted text (the header is line 1). */
  line: number;
  code: CsvLineCode;
  value: string;
}

export interface CsvRow {
  line: number;
  /** A work e-mail, or the person's id. */
  employee: string;
  period: string;
  value: number;
}

/** Read "employee,period,value" lines (header first). Pure: every bad line is reported, none is guessed at. */
export function parseIndicatorCsv(text: string): { rows: CsvRow[]; errors: CsvLineError[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    return { rows: [], errors: [{ line: 1, code: 'header', value: CSV_COLUMNS.join(',') }] };
  }
  const [header, ...lines] = records;
  if (!header || header.map((h) => h.toLowerCase()).join(',') !== CSV_COLUMNS.join(','))
    return { rows: [], errors: [{ line: 1, code: 'header', value: CSV_COLUMNS.join(',') }] };
  if (lines.length === 0) return { rows: [], errors: [{ line: 2, code: 'empty', value: '' }] };
  if (lines.length > MAX_ROWS) return { rows: [], errors: [{ line: MAX_ROWS + 2, code: 'too_many', value: '' }] };
  const rows: CsvRow[] = [];
  const errors: CsvLineError[] = [];
  lines.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== CSV_COLUMNS.length) return void errors.push({ line, code: 'columns', value: cells.join(',') });
    const [employee, period, raw] = cells as [string, string, string];
    const value = raw === '' ? NaN : Number(raw.replace(/%$/, ''));
    if (!Number.isFinite(value)) return void errors.push({ line, code: 'value', value: raw });
    rows.push({ line, employee, period, value });
  });
  return { rows, errors };
}

async function csvSystem(db: Db, actor: Actor): Promise<IngestSystem> {
  const found = (await db.select().from(ingestSystems).where(eq(ingestSystems.name, CSV_SYSTEM_NAME)).limit(1))[0];
  if (found) return { id: found.id, name: found.name, createdAt: found.createdAt, revokedAt: found.revokedAt };
  const made = await createSystem(db, CSV_SYSTEM_NAME, actor);
  // Only a race could take the name between the look-up and the insert: the transaction then fails whole.
  if (!made.ok) throw new Error('the CSV system could not be made');
  return made.system;
}

export type CsvImportResult = { ok: true; report: IngestReport } | { ok: false; errors: CsvLineError[] };

class Refused extends Error {
  constructor(readonly errors: CsvLineError[]) {
    super('refused');
  }
}

/**
 * Import pasted lines for one indicator, in the caller's transaction: every line valid, or nothing written
 * (the ingestion runs in a nested unit of work, a savepoint rolled back when any line fails). Audited.
 */
export async function importIndicatorCsv(
  db: Db,
  input: { indicatorKey: string; text: string; actor: Actor; now: Date; timeZone: string; defaultLocale: Locale },
): Promise<CsvImportResult> {
  const parsed = parseIndicatorCsv(input.text);
  // Without a readable header there is nothing to check line by line.
  if (parsed.rows.length === 0) return { ok: false, errors: parsed.errors };
  try {
    return await unitOfWork(db, async () => {
      const system = await csvSystem(db, input.actor);
      const report = await ingestIndicators(db, {
        system,
        rows: parsed.rows.map((r) => ({
          indicator: input.indicatorKey,
          ...(/^\d+$/.test(r.employee) ? { personId: Number(r.employee) } : { email: r.employee }),
          period: r.period,
          value: r.value,
        })),
        now: input.now,
        timeZone: input.timeZone,
        defaultLocale: input.defaultLocale,
      });
      // Every bad line at once: the unreadable ones and those the ingestion refused, in line order.
      if (report.errors.length || parsed.errors.length)
        throw new Refused(
          [
            ...parsed.errors,
            ...report.errors.map((e) => ({ line: parsed.rows[e.row]!.line, code: e.code, value: e.value })),
          ].sort((a, b) => a.line - b.line),
        );
      await audit(db, input.actor, 'indicator.csv.import', `indicator:${input.indicatorKey}`, {
        rows: report.received,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      });
      return { ok: true as const, report };
    });
  } catch (e) {
    if (e instanceof Refused) return { ok: false, errors: e.errors };
    throw e;
  }
}

/** A person's value of an indicator per month (YYYY-MM → value), the latest written where several systems sent one. */
export async function monthlyValues(db: Db, personId: number, indicatorKey: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ period: indicatorValues.period, value: indicatorValues.value, updatedAt: indicatorValues.updatedAt })
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.subjectKind, 'person'),
        eq(indicatorValues.subjectId, personId),
        eq(indicatorValues.indicatorKey, indicatorKey),
      ),
    );
  const out = new Map<string, { value: number; at: string }>();
  for (const r of rows)
    if (/^\d{4}-\d{2}$/.test(r.period) && (out.get(r.period)?.at ?? '') <= r.updatedAt)
      out.set(r.period, { value: r.value, at: r.updatedAt });
  return new Map([...out].map(([k, v]) => [k, v.value]));
}
