// What each export reads: the same read models and access rules as the report pages, as plain rows for the
// table builders (tables.ts). No figure here is computed differently from the page it exports.
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  approvalRequests,
  employees,
  ledgerEntries,
  orgUnits,
  ratingResults,
  ratings,
  valueTags,
} from '../../db/schema.js';
import type { Person } from '../org/employees.js';
import { subtreeIds } from '../org/units.js';
import { canViewRatingsOf } from '../ratings/access.js';
import { composite } from '../ratings/composite.js';
import { cycleSubjectIds, getCycle } from '../ratings/cycles.js';
import { figuresFor, publishedWavesData } from '../surveys/results.js';
import { getWave, waveTemplate, type Wave } from '../surveys/waves.js';
import { payloadSchema } from '../approvals/requests.js';
import type { LedgerExportRow, PulseExportRows, RatingsExportRows } from './tables.js';
import { calendarDay } from '../surveys/calendar-day.js';

/** A closed wave's published groups, as its report and its CSV show them; `open` until the wave has results. */
export async function pulseRows(
  db: Db,
  waveId: number,
): Promise<
  { ok: true; rows: PulseExportRows } | { ok: false; code: 'unknown_wave' } | { ok: false; code: 'open'; wave: Wave }
> {
  const wave = await getWave(db, waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  const data = (await publishedWavesData(db, [wave])).get(wave.id);
  if (!data) return { ok: false, code: 'open', wave };
  const template = (await waveTemplate(db, wave))!;
  const scale = template.items.filter((i) => i.kind === 'scale');
  const units = wave.tree
    .filter((u) => data.publication.units.has(u.id))
    .map((u) => {
      const f = figuresFor(template, data, subtreeIds(wave.tree, u.id));
      const dims = new Map(f.dimensions.map((d) => [d.key, d.avg]));
      const items = new Map(f.items.map((i) => [i.id, i.avg]));
      return {
        path: u.path,
        responses: f.responses,
        dimensions: template.dimensions.map((d) => dims.get(d.key) ?? null),
        items: scale.map((i) => items.get(i.id) ?? null),
      };
    });
  return {
    ok: true,
    rows: { waveId, dimensions: template.dimensions.map((d) => d.name), items: scale.map((i) => i.text), units },
  };
}

const CHUNK = 500;

/** The ledger's entries in [from, until), oldest first, with each person's unit and each claim's value tag. */
export async function ledgerRows(db: Db, from: Date, until: Date, timeZone: string): Promise<LedgerExportRow[]> {
  const entries = await db
    .select({
      id: ledgerEntries.id,
      at: ledgerEntries.at,
      employeeId: ledgerEntries.employeeId,
      person: employees.name,
      email: employees.email,
      unit: orgUnits.path,
      kind: ledgerEntries.kind,
      points: ledgerEntries.points,
      source: ledgerEntries.source,
      note: ledgerEntries.note,
    })
    .from(ledgerEntries)
    .innerJoin(employees, eq(employees.id, ledgerEntries.employeeId))
    .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
    .where(and(gte(ledgerEntries.at, from.toISOString()), lt(ledgerEntries.at, until.toISOString())))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id));
  // An award's source is its request ("request:12"); the claim's payload names the tag. Read in slices, not
  // one id list, so a long period stays under the databases' bound-parameter limits.
  const requestIds = [
    ...new Set(entries.flatMap((e) => (/^request:(\d+)$/.exec(e.source) ? [Number(e.source.slice(8))] : []))),
  ];
  const tagOfRequest = new Map<number, number>();
  const valueOfRequest = new Map<number, { cny: number; hours: number }>();
  for (let i = 0; i < requestIds.length; i += CHUNK)
    for (const r of await db
      .select({ id: approvalRequests.id, payload: approvalRequests.payload })
      .from(approvalRequests)
      .where(inArray(approvalRequests.id, requestIds.slice(i, i + CHUNK)))) {
      const parsed = payloadSchema.safeParse(JSON.parse(r.payload));
      if (!parsed.success || parsed.data.kind !== 'point_claim') continue;
      const p = parsed.data;
      tagOfRequest.set(r.id, p.tagId);
      const sum = (unit: string) => p.quantities.filter((q) => q.unit === unit).reduce((a, q) => a + q.amount, 0);
      valueOfRequest.set(r.id, { cny: sum('cny'), hours: sum('hours') });
    }
  const tags = new Map(
    (tagOfRequest.size
      ? await db
          .select()
          .from(valueTags)
          .where(inArray(valueTags.id, [...new Set(tagOfRequest.values())]))
      : []
    ).map((t) => [t.id, { id: t.id, name: { 'zh-CN': t.nameZh, en: t.nameEn }, category: t.category }]),
  );
  return entries.map((e) => {
    const req = /^request:(\d+)$/.exec(e.source);
    const tagId = req ? tagOfRequest.get(Number(req[1])) : undefined;
    return {
      at: e.at,
      day: calendarDay(new Date(e.at), timeZone),
      employeeId: e.employeeId,
      person: e.person,
      email: e.email,
      unit: e.unit,
      kind: e.kind,
      points: e.points,
      tag: (tagId !== undefined && e.kind === 'award' ? tags.get(tagId) : undefined) ?? null,
      source: e.source,
      note: e.note,
      ...(req && e.kind === 'award' && valueOfRequest.has(Number(req[1]))
        ? { value: valueOfRequest.get(Number(req[1]))! }
        : {}),
    };
  });
}

/**
 * A cycle's named results for the people the viewer may see (the ratings access rules: HR and admins
 * everyone, anyone else only those in their rater chain — their reports — and never themselves here:
 * an employee's own results are on their own page). Closed cycles read the results fixed at close, open
 * ones the ratings so far.
 */
export async function ratingsRows(
  db: Db,
  viewer: Person,
  cycleId: number,
): Promise<{ ok: true; rows: RatingsExportRows } | { ok: false; code: 'unknown_cycle' }> {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return { ok: false, code: 'unknown_cycle' };
  const subjectIds = await cycleSubjectIds(db, cycle.id);
  const people: RatingsExportRows['people'] = [];
  for (const id of subjectIds) {
    if (id === viewer.id || !(await canViewRatingsOf(db, viewer, id))) continue;
    const who = (
      await db
        .select({ name: employees.name, email: employees.email, unit: orgUnits.path })
        .from(employees)
        .leftJoin(orgUnits, eq(orgUnits.id, employees.unitId))
        .where(eq(employees.id, id))
        .limit(1)
    )[0];
    if (!who) continue;
    const fixed = cycle.closedAt
      ? (
          await db
            .select()
            .from(ratingResults)
            .where(and(eq(ratingResults.cycleId, cycle.id), eq(ratingResults.employeeId, id)))
            .limit(1)
        )[0]
      : undefined;
    const scores: Record<string, number> = fixed
      ? (JSON.parse(fixed.scores) as Record<string, number>)
      : Object.fromEntries(
          (
            await db
              .select({ d: ratings.dimension, v: ratings.value })
              .from(ratings)
              .where(and(eq(ratings.cycleId, cycle.id), eq(ratings.subjectId, id)))
          ).map((r) => [r.d, r.v]),
        );
    const c = composite(cycle.scheme.dimensions, scores);
    people.push({
      ...who,
      scores,
      composite: fixed ? fixed.composite : c.value,
      missing: fixed ? (JSON.parse(fixed.missing) as string[]) : c.missing,
    });
  }
  return {
    ok: true,
    rows: { cycleId, dimensions: cycle.scheme.dimensions.map((d) => ({ key: d.key, name: d.name })), people },
  };
}
