// Rating cycles: open for a unit's subtree (assigning a rater to every person × dimension), collect and
// change ratings until close, import indicators, close (results, employee views, recommendations).
// Every function runs inside the caller's transaction; expected failures are values with a code.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull, lt, lte, ne } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/connection.js';
import {
  courses,
  employees,
  ratingAssignments,
  ratingCycles,
  ratingFeedback,
  ratingRaters,
  ratingResults,
  ratingSchemes,
  ratings,
  recommendations,
} from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { problem, type Issue } from '../../i18n/issues.js';
import { findByEmail, getPerson, normalizeEmail } from '../org/employees.js';
import { allUnits, subtreeIds, type UnitNode } from '../org/units.js';
import { hrFallback } from '../approvals/approvers.js';
import { createTalks, type Talk } from '../growth/talks.js';
import { composite, concerns, normaliseIndicator, type Concern } from './composite.js';
import {
  DEFAULT_SCHEMES,
  SCALE_MAX,
  SCALE_MIN,
  schemeSchema,
  type Dimension,
  type SchemeDefinition,
} from './scheme.js';
import { returnedRow } from '../../db/rows.js';

export interface Cycle {
  id: number;
  schemeId: number;
  scheme: SchemeDefinition;
  unitId: number;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
}

export async function ensureDefaultSchemes(db: Db): Promise<void> {
  for (const s of DEFAULT_SCHEMES) {
    const def = schemeSchema.parse(s);
    await db
      .insert(ratingSchemes)
      .values({ key: def.key, definition: JSON.stringify(def) })
      .onConflictDoNothing();
  }
}

/** Refused: the problems as issues (codes and params; the edge words them, src/i18n/issues.ts). */
export async function createScheme(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; id: number } | { ok: false; issues: Issue[] }> {
  const p = schemeSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  for (const [i, d] of p.data.dimensions.entries())
    if (d.rater.type === 'person' && !(await findByEmail(db, d.rater.email))?.active)
      return {
        ok: false,
        issues: [problem(['dimensions', i, 'rater', 'email'], 'inactive_person', { email: d.rater.email })],
      };
  const row = (
    await db
      .insert(ratingSchemes)
      .values({
        key: p.data.key,
        definition: JSON.stringify(p.data),
        createdBy: actor.kind === 'employee' ? actor.employeeId : null,
      })
      .onConflictDoNothing()
      .returning({ id: ratingSchemes.id })
  )[0];
  if (!row) return { ok: false, issues: [problem(['key'], 'scheme_exists', { key: p.data.key })] };
  await audit(db, actor, 'rating.scheme.create', p.data.key, {
    weights: p.data.dimensions.map((d) => `${d.key}:${d.weight}`),
  });
  return { ok: true, id: row.id };
}

export async function findScheme(db: Db, ref: string): Promise<{ id: number; scheme: SchemeDefinition } | undefined> {
  const row = (
    await db
      .select()
      .from(ratingSchemes)
      .where(/^\d+$/.test(ref) ? eq(ratingSchemes.id, Number(ref)) : eq(ratingSchemes.key, ref))
      .limit(1)
  )[0];
  return row ? { id: row.id, scheme: JSON.parse(row.definition) as SchemeDefinition } : undefined;
}

export async function listSchemes(db: Db): Promise<{ id: number; scheme: SchemeDefinition }[]> {
  return (await db.select().from(ratingSchemes).where(eq(ratingSchemes.active, true))).map((r) => ({
    id: r.id,
    scheme: JSON.parse(r.definition) as SchemeDefinition,
  }));
}

/** The people a cycle rates, ascending by id (each once, whatever their number of dimensions). */
export async function cycleSubjectIds(db: Db, cycleId: number): Promise<number[]> {
  const rows = await db
    .select({ s: ratingAssignments.subjectId })
    .from(ratingAssignments)
    .where(eq(ratingAssignments.cycleId, cycleId));
  return [...new Set(rows.map((r) => r.s))].sort((a, b) => a - b);
}

export async function getCycle(db: Db, id: number): Promise<Cycle | undefined> {
  const r = (await db.select().from(ratingCycles).where(eq(ratingCycles.id, id)).limit(1))[0];
  return r
    ? {
        id: r.id,
        schemeId: r.schemeId,
        scheme: JSON.parse(r.schemeSnapshot) as SchemeDefinition,
        unitId: r.unitId,
        openedAt: new Date(r.openedAt),
        closesAt: new Date(r.closesAt),
        closedAt: r.closedAt ? new Date(r.closedAt) : null,
      }
    : undefined;
}

export type NoRaterReason = 'self_top' | 'nobody';
export type RaterChoice = { raterId: number } | { raterId: null; noRater?: NoRaterReason };

/** The nearest head above a unit (its parent's head, or further up) who is not `except`. */
function headAbove(units: UnitNode[], unitId: number | null, except: number): number | undefined {
  const start = units.find((x) => x.id === unitId);
  for (let u = units.find((x) => x.id === start?.parentId); u; u = units.find((x) => x.id === u!.parentId)) {
    if (u.headEmployeeId !== null && u.headEmployeeId !== except) return u.headEmployeeId;
  }
  return undefined;
}

/**
 * The rater for one person and dimension. A person never rates themselves: when the rule names the
 * subject (a store head under "unit head"), it goes to their own manager, else the head above their unit;
 * with nobody above (the company head) the dimension has no rater, with the reason. When the rule names
 * nobody at all (no manager, a named person who left), HR stands in.
 */
export async function resolveRater(db: Db, units: UnitNode[], subjectId: number, d: Dimension): Promise<RaterChoice> {
  if (d.rater.type === 'import') return { raterId: null };
  const subject = (await getPerson(db, subjectId))!;
  const usable = async (id: number | null | undefined) =>
    id != null && id !== subjectId && (await getPerson(db, id))?.active ? id : undefined;
  let named: number | null | undefined;
  if (d.rater.type === 'manager') named = subject.managerId;
  if (d.rater.type === 'person') named = (await findByEmail(db, d.rater.email))?.id;
  if (d.rater.type === 'unitHead') {
    // The head of the person's unit, or of the nearest unit above that has one.
    for (
      let u = units.find((x) => x.id === subject.unitId);
      u && named == null;
      u = units.find((x) => x.id === u!.parentId)
    )
      named = u.headEmployeeId;
  }
  if (named === subjectId) {
    const above = (await usable(subject.managerId)) ?? (await usable(headAbove(units, subject.unitId, subjectId)));
    return above !== undefined ? { raterId: above } : { raterId: null, noRater: 'self_top' };
  }
  const rater = (await usable(named)) ?? (await hrFallback(db, subjectId))[0];
  return rater !== undefined ? { raterId: rater } : { raterId: null, noRater: 'nobody' };
}

export type OpenError = 'unknown_scheme' | 'unknown_unit' | 'empty' | 'close_in_past';

export async function openCycle(
  db: Db,
  input: { schemeRef: string; unitId: number; closesAt: Date; now: Date; actor: Actor },
): Promise<{ ok: true; cycle: Cycle; raters: number[] } | { ok: false; code: OpenError }> {
  const scheme = await findScheme(db, input.schemeRef);
  if (!scheme) return { ok: false, code: 'unknown_scheme' };
  const units = await allUnits(db);
  if (!units.some((u) => u.id === input.unitId)) return { ok: false, code: 'unknown_unit' };
  if (input.closesAt <= input.now) return { ok: false, code: 'close_in_past' };
  const ids = subtreeIds(units, input.unitId);
  const subjects = (
    await db.select({ id: employees.id, unitId: employees.unitId }).from(employees).where(eq(employees.active, true))
  ).filter((e) => e.unitId !== null && ids.has(e.unitId));
  if (subjects.length === 0) return { ok: false, code: 'empty' };
  const row = returnedRow(
    await db
      .insert(ratingCycles)
      .values({
        schemeId: scheme.id,
        schemeSnapshot: JSON.stringify(scheme.scheme),
        unitId: input.unitId,
        openedAt: input.now.toISOString(),
        closesAt: input.closesAt.toISOString(),
        openedBy: input.actor.kind === 'employee' ? input.actor.employeeId : null,
      })
      .returning({ id: ratingCycles.id }),
    'insert ratingCycles',
  );
  const raters = new Set<number>();
  for (const s of subjects) {
    for (const d of scheme.scheme.dimensions) {
      const choice = await resolveRater(db, units, s.id, d);
      await db.insert(ratingAssignments).values({
        cycleId: row.id,
        subjectId: s.id,
        dimension: d.key,
        raterId: choice.raterId,
        noRaterReason: choice.raterId === null ? (choice.noRater ?? null) : null,
      });
      if (choice.raterId !== null) raters.add(choice.raterId);
    }
  }
  for (const r of raters) await db.insert(ratingRaters).values({ cycleId: row.id, raterId: r });
  await audit(db, input.actor, 'rating.cycle.open', String(row.id), {
    scheme: scheme.scheme.key,
    unitId: input.unitId,
    subjects: subjects.length,
  });
  return { ok: true, cycle: (await getCycle(db, row.id))!, raters: [...raters] };
}

export interface RaterTask {
  subjectId: number;
  name: string;
  dimensions: { key: string; name: Dimension['name']; value?: number }[];
  comment?: string;
}

/** What a rater has to rate in a cycle, with what they have rated so far. */
export async function raterTasks(db: Db, cycle: Cycle, raterId: number): Promise<RaterTask[]> {
  const rows = await db
    .select()
    .from(ratingAssignments)
    .where(and(eq(ratingAssignments.cycleId, cycle.id), eq(ratingAssignments.raterId, raterId)));
  const bySubject = new Map<number, RaterTask>();
  for (const a of rows) {
    const dim = cycle.scheme.dimensions.find((d) => d.key === a.dimension)!;
    const task = bySubject.get(a.subjectId) ?? {
      subjectId: a.subjectId,
      name: (await getPerson(db, a.subjectId))?.name ?? '?',
      dimensions: [],
    };
    const current = (
      await db
        .select({ value: ratings.value })
        .from(ratings)
        .where(
          and(eq(ratings.cycleId, cycle.id), eq(ratings.subjectId, a.subjectId), eq(ratings.dimension, a.dimension)),
        )
        .limit(1)
    )[0];
    task.dimensions.push({ key: dim.key, name: dim.name, value: current?.value });
    bySubject.set(a.subjectId, task);
  }
  for (const task of bySubject.values()) {
    task.comment = (
      await db
        .select({ c: ratingFeedback.comment })
        .from(ratingFeedback)
        .where(
          and(
            eq(ratingFeedback.cycleId, cycle.id),
            eq(ratingFeedback.subjectId, task.subjectId),
            eq(ratingFeedback.raterId, raterId),
          ),
        )
        .limit(1)
    )[0]?.c;
  }
  return [...bySubject.values()].sort((a, b) => a.subjectId - b.subjectId);
}

export const ratingField = (subjectId: number, dim: string) => `r_${subjectId}_${dim}`;
export const commentField = (subjectId: number) => `c_${subjectId}`;
export const COMMENT_MAX = 500;

export type RateError = 'unknown_cycle' | 'closed' | 'not_rater' | 'invalid';
export type RateProblem = 'out_of_range' | 'not_yours' | 'too_long';

/** Save a rater's form: only their own assignments, values on the scale; blanks change nothing. */
export async function submitRatings(
  db: Db,
  input: { cycleId: number; raterId: number; values: Record<string, string | string[] | undefined>; now: Date },
): Promise<{ ok: true; changed: number } | { ok: false; code: RateError; fields?: Record<string, RateProblem> }> {
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return { ok: false, code: 'unknown_cycle' };
  if (cycle.closedAt || cycle.closesAt <= input.now) return { ok: false, code: 'closed' };
  const mine = await db
    .select()
    .from(ratingAssignments)
    .where(and(eq(ratingAssignments.cycleId, cycle.id), eq(ratingAssignments.raterId, input.raterId)));
  if (mine.length === 0) return { ok: false, code: 'not_rater' };
  const fields: Record<string, RateProblem> = {};
  const updates: { subjectId: number; dimension: string; value: number }[] = [];
  const comments: { subjectId: number; comment: string }[] = [];
  for (const [field, raw] of Object.entries(input.values)) {
    const v = typeof raw === 'string' ? raw.trim() : '';
    const r = /^r_(\d+)_([a-z][a-z0-9_]*)$/.exec(field);
    const c = /^c_(\d+)$/.exec(field);
    if (r) {
      const subjectId = Number(r[1]);
      if (!mine.some((a) => a.subjectId === subjectId && a.dimension === r[2])) fields[field] = 'not_yours';
      else if (v !== '') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < SCALE_MIN || n > SCALE_MAX) fields[field] = 'out_of_range';
        else updates.push({ subjectId, dimension: r[2]!, value: n });
      }
    } else if (c) {
      const subjectId = Number(c[1]);
      if (!mine.some((a) => a.subjectId === subjectId)) fields[field] = 'not_yours';
      else if (v.length > COMMENT_MAX) fields[field] = 'too_long';
      else if (v !== '') comments.push({ subjectId, comment: v });
    } else fields[field] = 'not_yours';
  }
  if (Object.keys(fields).length)
    return { ok: false, code: Object.values(fields).includes('not_yours') ? 'not_rater' : 'invalid', fields };
  let changed = 0;
  for (const u of updates) {
    const before = (
      await db
        .select({ value: ratings.value })
        .from(ratings)
        .where(
          and(eq(ratings.cycleId, cycle.id), eq(ratings.subjectId, u.subjectId), eq(ratings.dimension, u.dimension)),
        )
        .limit(1)
    )[0];
    if (before?.value === u.value) continue;
    await db
      .insert(ratings)
      .values({
        cycleId: cycle.id,
        subjectId: u.subjectId,
        dimension: u.dimension,
        value: u.value,
        raterId: input.raterId,
        updatedAt: input.now.toISOString(),
      })
      .onConflictDoUpdate({
        target: [ratings.cycleId, ratings.subjectId, ratings.dimension],
        set: { value: u.value, raterId: input.raterId, updatedAt: input.now.toISOString() },
      });
    await audit(
      db,
      { kind: 'employee', employeeId: input.raterId },
      before ? 'rating.change' : 'rating.rate',
      `cycle:${cycle.id}`,
      { subjectId: u.subjectId, dimension: u.dimension, from: before?.value ?? null, to: u.value },
    );
    changed++;
  }
  for (const c of comments) {
    await db
      .insert(ratingFeedback)
      .values({
        cycleId: cycle.id,
        subjectId: c.subjectId,
        raterId: input.raterId,
        comment: c.comment,
        updatedAt: input.now.toISOString(),
      })
      .onConflictDoUpdate({
        target: [ratingFeedback.cycleId, ratingFeedback.subjectId, ratingFeedback.raterId],
        set: { comment: c.comment, updatedAt: input.now.toISOString() },
      });
  }
  return { ok: true, changed };
}

export type ImportProblemCode =
  'unreadable' | 'no_rows' | 'missing_columns' | 'unknown_person' | 'not_indicator' | 'not_in_cycle' | 'not_number';
/** One row that cannot be imported; `code` is a catalogue key (rating.import.<code>) and `value` its {value}. */
export interface ImportProblem {
  line: number;
  code: ImportProblemCode;
  value: string;
}
export type ImportResult =
  | { ok: true; imported: number; skipped: ImportProblem[] }
  | { ok: false; code: 'unknown_cycle' | 'closed' | 'invalid'; problems: ImportProblem[]; valid: number };

/**
 * Indicators from another system: CSV "email,dimension,value" (header first). Every row is checked; by
 * default nothing is written unless all rows are valid. With `skipInvalid` (the person saw the per-row
 * errors and chose to go on) the valid rows are written and the others reported back as skipped.
 */
export async function importIndicators(
  db: Db,
  input: { cycleId: number; csv: string; actor: Actor; now: Date; skipInvalid?: boolean },
): Promise<ImportResult> {
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return { ok: false, code: 'unknown_cycle', problems: [], valid: 0 };
  if (cycle.closedAt) return { ok: false, code: 'closed', problems: [], valid: 0 };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let columns: string[] = [];
  try {
    records = parse(input.csv, {
      columns: (h: string[]) => (columns = h.map((c) => c.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
  } catch (e) {
    return {
      ok: false,
      code: 'invalid',
      problems: [{ line: (e as { lines?: number }).lines ?? 1, code: 'unreadable', value: '' }],
      valid: 0,
    };
  }
  if (columns.length === 0)
    return { ok: false, code: 'invalid', problems: [{ line: 1, code: 'no_rows', value: '' }], valid: 0 };
  if (!['email', 'dimension', 'value'].every((c) => columns.includes(c)))
    return {
      ok: false,
      code: 'invalid',
      problems: [{ line: 1, code: 'missing_columns', value: columns.join(',').slice(0, 80) }],
      valid: 0,
    };
  const problems: ImportProblem[] = [];
  const rows: { subjectId: number; dimension: string; value: number }[] = [];
  for (const { record, info } of records) {
    const email = normalizeEmail(record.email ?? '');
    const dimension = (record.dimension ?? '').trim();
    const dim = cycle.scheme.dimensions.find((d) => d.key === dimension);
    const raw = (record.value ?? '').trim();
    const value = Number(raw);
    const person = email ? await findByEmail(db, email) : undefined;
    const assigned =
      person &&
      (
        await db
          .select()
          .from(ratingAssignments)
          .where(
            and(
              eq(ratingAssignments.cycleId, cycle.id),
              eq(ratingAssignments.subjectId, person.id),
              eq(ratingAssignments.dimension, dimension),
            ),
          )
          .limit(1)
      )[0];
    const line = info.lines;
    if (!person) problems.push({ line, code: 'unknown_person', value: record.email ?? '' });
    else if (!dim || dim.kind !== 'indicator') problems.push({ line, code: 'not_indicator', value: dimension });
    else if (!assigned) problems.push({ line, code: 'not_in_cycle', value: email });
    else if (raw === '' || Number.isNaN(value)) problems.push({ line, code: 'not_number', value: raw });
    else rows.push({ subjectId: person.id, dimension: dim.key, value: normaliseIndicator(value, dim.indicator!) });
  }
  if (records.length === 0) problems.push({ line: 1, code: 'no_rows', value: '' });
  if (problems.length && (!input.skipInvalid || rows.length === 0))
    return { ok: false, code: 'invalid', problems, valid: rows.length };
  for (const r of rows) {
    await db
      .insert(ratings)
      .values({
        cycleId: cycle.id,
        subjectId: r.subjectId,
        dimension: r.dimension,
        value: r.value,
        raterId: null,
        updatedAt: input.now.toISOString(),
      })
      .onConflictDoUpdate({
        target: [ratings.cycleId, ratings.subjectId, ratings.dimension],
        set: { value: r.value, updatedAt: input.now.toISOString() },
      });
  }
  await audit(db, input.actor, 'rating.import', `cycle:${cycle.id}`, { rows: rows.length, skipped: problems.length });
  return { ok: true, imported: rows.length, skipped: problems };
}

/** How far each dimension is filled in a cycle (optionally for some people only). */
export interface DimensionCoverage {
  key: string;
  name: Dimension['name'];
  /** People with a score for it. */
  filled: number;
  /** People rated on it in this cycle. */
  of: number;
  /** People for whom nobody may rate it (e.g. the company head under "unit head"). */
  noRater: number;
}

export async function cycleCoverage(
  db: Db,
  cycle: Cycle,
  subjects?: ReadonlySet<number>,
): Promise<DimensionCoverage[]> {
  const inScope = (id: number) => !subjects || subjects.has(id);
  const assignments = (await db.select().from(ratingAssignments).where(eq(ratingAssignments.cycleId, cycle.id))).filter(
    (a) => inScope(a.subjectId),
  );
  const scored = new Set(
    (
      await db.select({ s: ratings.subjectId, d: ratings.dimension }).from(ratings).where(eq(ratings.cycleId, cycle.id))
    ).map((r) => `${r.s}:${r.d}`),
  );
  return cycle.scheme.dimensions.map((d) => {
    const mine = assignments.filter((a) => a.dimension === d.key);
    return {
      key: d.key,
      name: d.name,
      filled: mine.filter((a) => scored.has(`${a.subjectId}:${a.dimension}`)).length,
      of: mine.length,
      noRater: mine.filter((a) => a.noRaterReason !== null).length,
    };
  });
}

/** Dimensions closing would leave out for someone: not filled for everyone rated on them. */
export const leftOut = (coverage: readonly DimensionCoverage[]) => coverage.filter((c) => c.filled < c.of);

export interface ClosePreview {
  cycle: Cycle;
  coverage: DimensionCoverage[];
  /**
   * A digest of every assignment and score: a confirmation carries it, and a confirmation made on a
   * summary that has changed since (a rating or import arrived, or someone else closed) is refused.
   */
  fingerprint: string;
}

export async function closePreview(db: Db, cycle: Cycle): Promise<ClosePreview> {
  const a = await db
    .select({ s: ratingAssignments.subjectId, d: ratingAssignments.dimension, r: ratingAssignments.raterId })
    .from(ratingAssignments)
    .where(eq(ratingAssignments.cycleId, cycle.id))
    .orderBy(asc(ratingAssignments.subjectId), asc(ratingAssignments.dimension));
  const r = await db
    .select({ s: ratings.subjectId, d: ratings.dimension, v: ratings.value })
    .from(ratings)
    .where(eq(ratings.cycleId, cycle.id))
    .orderBy(asc(ratings.subjectId), asc(ratings.dimension));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([cycle.id, cycle.closedAt?.toISOString() ?? null, a, r]))
    .digest('hex')
    .slice(0, 16);
  return { cycle, coverage: await cycleCoverage(db, cycle), fingerprint };
}

export interface PersonResult {
  employeeId: number;
  scores: Record<string, number>;
  composite: number | null;
  missing: string[];
  previousComposite?: number | null;
  previousScores?: Record<string, number>;
  /** Dimensions nobody may rate for this person (left out of the composite, like missing ones). */
  noRater: string[];
  comments: { raterId: number; comment: string }[];
  concerns: Concern[];
}

/** The latest earlier result of the same scheme for a person. */
export async function previousResult(
  db: Db,
  employeeId: number,
  scheme: string,
  before: Date,
): Promise<{ scores: Record<string, number>; composite: number | null } | undefined> {
  const rows = await db
    .select({
      scores: ratingResults.scores,
      composite: ratingResults.composite,
      snapshot: ratingCycles.schemeSnapshot,
      closedAt: ratingCycles.closedAt,
    })
    .from(ratingResults)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
    .where(and(eq(ratingResults.employeeId, employeeId), lt(ratingCycles.closedAt, before.toISOString())))
    .orderBy(desc(ratingCycles.closedAt));
  const hit = rows.find((r) => (JSON.parse(r.snapshot) as SchemeDefinition).key === scheme);
  return hit ? { scores: JSON.parse(hit.scores) as Record<string, number>, composite: hit.composite } : undefined;
}

export type CloseError = 'unknown_cycle' | 'closed';
export type Closed = {
  ok: true;
  cycle: Cycle;
  coverage: DimensionCoverage[];
  results: PersonResult[];
  recommendations: { id: number; employeeId: number; dimension: string; courseId: number; reason: 'low' | 'drop' }[];
  /** Performance conversations for managers: a dimension that dropped in this cycle and the one before. */
  talks: Talk[];
};

/**
 * Closing as a person asks for it (chat and the mini-app): when a dimension is not filled for everyone,
 * the first call returns what is missing and its fingerprint, and only a call carrying that fingerprint
 * closes — a confirmation made on an older summary is refused with the current one.
 */
export async function requestClose(
  db: Db,
  input: { cycleId: number; confirm?: string; now: Date; actor: Actor },
): Promise<
  Closed | { ok: false; code: CloseError } | { ok: false; code: 'needs_confirm' | 'stale'; preview: ClosePreview }
> {
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return { ok: false, code: 'unknown_cycle' };
  if (cycle.closedAt) return { ok: false, code: 'closed' };
  const preview = await closePreview(db, cycle);
  if (leftOut(preview.coverage).length > 0 && input.confirm !== preview.fingerprint)
    return { ok: false, code: input.confirm ? 'stale' : 'needs_confirm', preview };
  return await closeCycle(db, input);
}

/** Close: compute each person's result and recommendations. The caller notifies people. */
export async function closeCycle(
  db: Db,
  input: { cycleId: number; now: Date; actor: Actor },
): Promise<Closed | { ok: false; code: CloseError }> {
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) return { ok: false, code: 'unknown_cycle' };
  if (cycle.closedAt) return { ok: false, code: 'closed' };
  const coverage = await cycleCoverage(db, cycle);
  const noRaterRows = await db
    .select({ s: ratingAssignments.subjectId, d: ratingAssignments.dimension })
    .from(ratingAssignments)
    .where(and(eq(ratingAssignments.cycleId, cycle.id), isNotNull(ratingAssignments.noRaterReason)));
  await db.update(ratingCycles).set({ closedAt: input.now.toISOString() }).where(eq(ratingCycles.id, cycle.id));
  const subjects = await cycleSubjectIds(db, cycle.id);
  const results: PersonResult[] = [];
  const recs: { id: number; employeeId: number; dimension: string; courseId: number; reason: 'low' | 'drop' }[] = [];
  for (const employeeId of subjects) {
    const scores: Record<string, number> = {};
    for (const r of await db
      .select()
      .from(ratings)
      .where(and(eq(ratings.cycleId, cycle.id), eq(ratings.subjectId, employeeId))))
      scores[r.dimension] = r.value;
    const c = composite(cycle.scheme.dimensions, scores);
    await db.insert(ratingResults).values({
      cycleId: cycle.id,
      employeeId,
      scores: JSON.stringify(scores),
      composite: c.value,
      missing: JSON.stringify(c.missing),
      computedAt: input.now.toISOString(),
    });
    const prev = await previousResult(db, employeeId, cycle.scheme.key, input.now);
    const comments = await db
      .select({ raterId: ratingFeedback.raterId, comment: ratingFeedback.comment })
      .from(ratingFeedback)
      .where(and(eq(ratingFeedback.cycleId, cycle.id), eq(ratingFeedback.subjectId, employeeId)));
    const found = concerns(scores, prev?.scores, { low: cycle.scheme.lowThreshold, drop: cycle.scheme.dropThreshold });
    for (const concern of found) {
      const course = (
        await db
          .select({ id: courses.id })
          .from(courses)
          .where(and(eq(courses.dimension, concern.dimension), eq(courses.active, true)))
          .limit(1)
      )[0];
      if (!course) continue;
      const rec = (
        await db
          .insert(recommendations)
          .values({
            cycleId: cycle.id,
            employeeId,
            dimension: concern.dimension,
            courseId: course.id,
            reason: concern.reason,
          })
          .onConflictDoNothing()
          .returning({ id: recommendations.id })
      )[0];
      if (rec)
        recs.push({
          id: rec.id,
          employeeId,
          dimension: concern.dimension,
          courseId: course.id,
          reason: concern.reason,
        });
    }
    results.push({
      employeeId,
      scores,
      composite: c.value,
      missing: c.missing,
      noRater: noRaterRows.filter((r) => r.s === employeeId).map((r) => r.d),
      previousComposite: prev?.composite,
      previousScores: prev?.scores,
      comments,
      concerns: found,
    });
  }
  const talks = await createTalks(db, { cycleId: cycle.id, now: input.now });
  // The record says which dimensions were left out for whom, so a renormalised composite is never silent.
  const out = leftOut(coverage).map((c) => `${c.key}:${c.filled}/${c.of}`);
  await audit(db, input.actor, 'rating.cycle.close', String(cycle.id), {
    people: subjects.length,
    recommendations: recs.length,
    leftOut: out,
  });
  return { ok: true, cycle: { ...cycle, closedAt: input.now }, coverage, results, recommendations: recs, talks };
}

/** Open cycles past their close date. */
export async function expiredCycles(db: Db, now: Date): Promise<number[]> {
  return (
    await db
      .select({ id: ratingCycles.id })
      .from(ratingCycles)
      .where(and(isNull(ratingCycles.closedAt), lte(ratingCycles.closesAt, now.toISOString())))
  ).map((r) => r.id);
}

/** Raters of open cycles who still have unrated assignments (imports excluded). */
export async function pendingRaters(
  db: Db,
  now: Date,
): Promise<{ cycle: Cycle; raterId: number; remindersSent: number }[]> {
  const out: { cycle: Cycle; raterId: number; remindersSent: number }[] = [];
  for (const c of await db.select({ id: ratingCycles.id }).from(ratingCycles).where(isNull(ratingCycles.closedAt))) {
    const cycle = (await getCycle(db, c.id))!;
    if (cycle.closesAt <= now) continue;
    for (const r of await db.select().from(ratingRaters).where(eq(ratingRaters.cycleId, c.id))) {
      const tasks = await raterTasks(db, cycle, r.raterId);
      if (tasks.some((t) => t.dimensions.some((d) => d.value === undefined)))
        out.push({ cycle, raterId: r.raterId, remindersSent: r.remindersSent });
    }
  }
  return out;
}

export async function markReminded(db: Db, cycleId: number, raterId: number, count: number): Promise<void> {
  await db
    .update(ratingRaters)
    .set({ remindersSent: count })
    .where(and(eq(ratingRaters.cycleId, cycleId), eq(ratingRaters.raterId, raterId)));
}

export async function latestCycleFor(db: Db, unitIds: Set<number>, closedOnly = false): Promise<Cycle | undefined> {
  const rows = await db
    .select({ id: ratingCycles.id, unitId: ratingCycles.unitId })
    .from(ratingCycles)
    .where(closedOnly ? ne(ratingCycles.closedAt, '') : undefined)
    .orderBy(desc(ratingCycles.id));
  const hit = rows.find((r) => unitIds.has(r.unitId));
  return hit ? await getCycle(db, hit.id) : undefined;
}

/** The person × dimension pairs of a cycle nobody may rate, with the reason (for HR). */
export async function noRaterAssignments(
  db: Db,
  cycle: Cycle,
): Promise<{ subjectId: number; name: string; dimension: Dimension; reason: NoRaterReason }[]> {
  const rows = await db
    .select()
    .from(ratingAssignments)
    .where(and(eq(ratingAssignments.cycleId, cycle.id), isNotNull(ratingAssignments.noRaterReason)));
  return await Promise.all(
    rows.map(async (a) => ({
      subjectId: a.subjectId,
      name: (await getPerson(db, a.subjectId))?.name ?? '?',
      dimension: cycle.scheme.dimensions.find((d) => d.key === a.dimension)!,
      reason: a.noRaterReason!,
    })),
  );
}
