// "Export one person's data" for HR: the records (person-records.ts) as one zip — person.json with everything,
// one CSV per kind for Excel, and a README in both languages saying what is not there and why. Delivered
// through the exports mechanism (24 h token, HR session needed, downloads audited).
import { strToU8, zipSync } from 'fflate';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';
import { LOCALES, t } from '../../i18n/index.js';
import type { Actor } from '../audit.js';
import { audit } from '../audit.js';
import { createExport } from '../exports.js';
import { findByEmail } from '../org/employees.js';
import { collectPersonRecords, type PersonRecords } from './person-records.js';

type Row = Record<string, unknown>;

/** Excel opens UTF-8 (中文 names) correctly only with a BOM. */
const BOM = '\uFEFF';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
  // Free text (comments, titles) starting with = + - @ would run as a formula in Excel: keep it text.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (!columns.length) return BOM;
  return BOM + [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** One CSV per kind of record; the file names are part of the format (tests and README rely on them). */
export function csvFiles(r: PersonRecords): Record<string, Row[]> {
  return {
    'profile.csv': [{ ...r.profile, roles: r.profile.roles.join(' ') }],
    'identities.csv': r.identities,
    'transfers.csv': r.transfers,
    'departures.csv': r.departures,
    'manager-history.csv': r.managerHistory,
    'sessions.csv': r.sessions,
    'delegations.csv': r.delegations,
    'points.csv': r.points.entries,
    'approval-requests.csv': r.approvals.requests,
    'approval-decisions-on-their-requests.csv': r.approvals.decisionsOnTheirRequests,
    'approval-decisions-taken.csv': r.approvals.decisionsTaken,
    'rating-results.csv': r.ratings.results,
    'ratings-received.csv': r.ratings.received,
    'ratings-given.csv': r.ratings.given,
    'rating-feedback-received.csv': r.ratings.feedbackReceived,
    'rating-feedback-given.csv': r.ratings.feedbackGiven,
    'follow-ups.csv': r.followUps,
    'courses.csv': r.courses,
    'training.csv': r.training,
    'development-path.csv': r.developmentPath,
    'development-path-courses.csv': r.developmentPathCourses,
    'performance-talks.csv': r.performanceTalks,
    'shared-feedback.csv': r.sharedFeedback,
    'announcements-received.csv': r.announcementsReceived,
    'announcements-sent.csv': r.announcementsSent,
    'attendance.csv': r.attendance,
    'survey-participation.csv': r.surveyParticipation,
    'audit.csv': r.audit,
  };
}

const notice = () => Object.fromEntries(LOCALES.map((l) => [l, t(l, 'privacy.readme.anonymous')]));

export function readme(r: PersonRecords): string {
  const part = (l: (typeof LOCALES)[number]) =>
    [
      t(l, 'privacy.readme.title'),
      t(l, 'privacy.readme.person', { name: r.profile.name, id: r.profile.id }),
      t(l, 'privacy.readme.generated', { at: r.generatedAt }),
      '',
      t(l, 'privacy.readme.files'),
      '',
      t(l, 'privacy.readme.anonymous'),
      '',
      t(l, 'privacy.readme.others'),
    ].join('\r\n');
  return BOM + LOCALES.map(part).join('\r\n\r\n----------------------------------------\r\n\r\n') + '\r\n';
}

/** The zip (pure: same records, same files). */
export function personExportZip(r: PersonRecords): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'README.txt': strToU8(readme(r)),
    'person.json': strToU8(JSON.stringify({ notice: notice(), ...r }, null, 2)),
  };
  for (const [name, rows] of Object.entries(csvFiles(r))) files[name] = strToU8(toCsv(rows));
  return zipSync(files, { level: 6, mtime: new Date(r.generatedAt) });
}

export type PersonLookup =
  { ok: true; id: number; name: string } | { ok: false; code: 'unknown_person' | 'ambiguous'; n?: number };

/**
 * A person by email, or by a name matching exactly one (an exact name wins over partial matches). Leavers
 * count: someone who left may well be the one asking for their data.
 */
export async function findPersonByRef(db: Db, ref: string): Promise<PersonLookup> {
  const q = ref.trim();
  if (!q) return { ok: false, code: 'unknown_person' };
  if (q.includes('@')) {
    const p = await findByEmail(db, q);
    return p ? { ok: true, id: p.id, name: p.name } : { ok: false, code: 'unknown_person' };
  }
  const lower = q.toLowerCase();
  const hits = await db
    .select({ id: employees.id, name: employees.name })
    .from(employees)
    // LIKE with its wildcards escaped: portable SQL, and "%" in a name search means a percent sign.
    .where(sql`lower(${employees.name}) like ${`%${lower.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  const exact = hits.filter((h) => h.name.toLowerCase() === lower);
  const pick = exact.length === 1 ? exact : hits;
  if (pick.length === 1) return { ok: true, id: pick[0]!.id, name: pick[0]!.name };
  return pick.length ? { ok: false, code: 'ambiguous', n: pick.length } : { ok: false, code: 'unknown_person' };
}

/**
 * Collect, zip and store one person's export; audited as privacy.export (subject employee:<id>; the detail
 * holds counts only, no personal data). Call inside a transaction. Undefined for an unknown person.
 */
export async function exportPersonData(
  db: Db,
  input: { employeeId: number; actor: Extract<Actor, { kind: 'employee' }>; now: Date },
): Promise<{ token: string; filename: string; name: string } | undefined> {
  const records = await collectPersonRecords(db, input.employeeId, input.now);
  if (!records) return undefined;
  const zip = personExportZip(records);
  const filename = `person-${input.employeeId}-export.zip`;
  const subject = `employee:${input.employeeId}`;
  const counts = Object.fromEntries(
    Object.entries(csvFiles(records)).map(([f, rows]) => [f.replace(/\.csv$/, ''), rows.length]),
  );
  await audit(db, input.actor, 'privacy.export', subject, { files: Object.keys(counts).length + 2, rows: counts });
  const token = await createExport(db, {
    filename,
    contentType: 'application/zip',
    body: zip,
    createdBy: input.actor.employeeId,
    now: input.now,
    what: `privacy:${subject}`,
  });
  return { token, filename, name: records.profile.name };
}
