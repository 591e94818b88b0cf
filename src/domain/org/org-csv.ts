// Validating an org CSV: pure functions over parsed rows, so every rule is unit-testable and the
// import can report every bad row (by line number) before writing anything.
import { parse } from 'csv-parse/sync';
import { ROLES, type Role } from '../../vocabulary.js';
import type { Locale } from '../../vocabulary.js';
import type { MessageKey } from '../../i18n/index.js';
import { normalizeEmail } from './employees.js';
import { parseLeave, type Leave } from './leave.js';

export const ORG_CSV_COLUMNS = [
  'email',
  'name',
  'unit',
  'unit_kind',
  'manager_email',
  'roles',
  'locale',
  'timezone',
  'title',
  'is_head',
  'leave_start',
  'leave_end',
] as const;
const REQUIRED_COLUMNS = ['email', 'name', 'unit'] as const;

export interface OrgRow {
  line: number;
  email: string;
  name: string;
  /** Unit path from the company down, e.g. ["Qingyun Tech", "HQ", "Finance"]. */
  unitPath: string[];
  unitKind: 'department' | 'store';
  managerEmail?: string;
  roles: Role[];
  locale?: Locale;
  timezone?: string;
  title?: string;
  isHead: boolean;
  /** Leave (leave_start, leave_end): undefined when the file has no leave columns (leave kept as it is),
   *  null when the row's are empty (no leave). */
  leave?: Leave | null;
}

export interface ImportProblem {
  line: number;
  key: MessageKey;
  params: Record<string, string | number>;
}

export type ParseResult = { ok: true; rows: OrgRow[] } | { ok: false; problems: ImportProblem[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LEAVE_PROBLEM_KEYS = {
  leave_incomplete: 'csv.leaveIncomplete',
  leave_bad_date: 'csv.leaveBadDate',
  leave_ends_before_start: 'csv.leaveEndsBeforeStart',
} as const satisfies Record<string, MessageKey>;

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** What the organisation already holds, for rules that look beyond the file. */
export interface ExistingOrg {
  /** email -> manager email (or null) of people already in the database. */
  managers: Map<string, string | null>;
  rootName?: string;
}

export function parseOrgCsv(text: string, existing: ExistingOrg = { managers: new Map() }): ParseResult {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    });
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    return {
      ok: false,
      problems: [
        {
          line: err.lines ?? 1,
          key: 'csv.parse',
          params: { line: err.lines ?? 1, reason: (err.message ?? 'parse error').split(':')[0] ?? 'parse error' },
        },
      ],
    };
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, key: 'csv.empty', params: {} }] };
  const header = Object.keys(records[0]!.record);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      problems: missing.map((column) => ({
        line: 1,
        key: 'csv.missingColumn',
        params: { column, expected: ORG_CSV_COLUMNS.join(', ') },
      })),
    };
  }

  const problems: ImportProblem[] = [];
  const rows: OrgRow[] = [];
  const hasLeave = header.includes('leave_start') || header.includes('leave_end');
  const seen = new Map<string, number>();
  const kinds = new Map<string, string>();
  let root = existing.rootName;

  for (const { record, info } of records) {
    const line = info.lines;
    const before = problems.length;
    const problem = (key: MessageKey, params: Record<string, string | number> = {}) =>
      problems.push({ line, key, params: { line, ...params } });
    const get = (c: string) => (record[c] ?? '').trim();

    for (const column of REQUIRED_COLUMNS) if (get(column) === '') problem('csv.required', { column });
    const email = normalizeEmail(get('email'));
    if (email !== '' && !EMAIL.test(email)) problem('csv.invalidEmail', { value: get('email') });
    if (email !== '' && seen.has(email)) problem('csv.duplicateEmail', { value: email, other: seen.get(email)! });
    if (email !== '') seen.set(email, line);

    const unitPath = get('unit')
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
    if (unitPath.length > 0) {
      root ??= unitPath[0];
      if (unitPath[0] !== root) problem('csv.rootConflict', { value: root ?? '' });
    }
    const kindRaw = get('unit_kind').toLowerCase() || 'department';
    if (kindRaw !== 'department' && kindRaw !== 'store') problem('csv.invalidKind', { value: get('unit_kind') });
    else if (unitPath.length > 1) {
      const key = unitPath.join('/');
      if (kinds.has(key) && kinds.get(key) !== kindRaw) problem('csv.kindConflict', { value: key });
      kinds.set(key, kindRaw);
    }

    const roles: Role[] = [];
    for (const r of get('roles')
      .split(/[;|]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)) {
      if ((ROLES as readonly string[]).includes(r)) roles.push(r as Role);
      else problem('csv.invalidRole', { value: r });
    }
    const localeRaw = get('locale');
    const locale = localeRaw === '' ? undefined : localeRaw === 'en' || localeRaw === 'zh-CN' ? localeRaw : null;
    if (locale === null) problem('csv.invalidLocale', { value: localeRaw });
    const timezone = get('timezone') || undefined;
    if (timezone && !validTimezone(timezone)) problem('csv.invalidTimezone', { value: timezone });
    const leave = hasLeave ? parseLeave(get('leave_start'), get('leave_end')) : undefined;
    if (leave && !leave.ok)
      problem(LEAVE_PROBLEM_KEYS[leave.problem], { start: get('leave_start'), end: get('leave_end') });
    const managerEmail = get('manager_email') ? normalizeEmail(get('manager_email')) : undefined;
    if (managerEmail && managerEmail === email) problem('csv.selfManager');

    if (problems.length === before) {
      rows.push({
        line,
        email,
        name: get('name'),
        unitPath,
        unitKind: kindRaw as 'department' | 'store',
        managerEmail,
        roles,
        locale: locale ?? undefined,
        timezone,
        title: get('title') || undefined,
        isHead: ['yes', 'true', '1', 'y'].includes(get('is_head').toLowerCase()),
        ...(leave?.ok ? { leave: leave.leave } : {}),
      });
    }
  }

  // Managers must exist (in the file or the org), and no manager chain may loop.
  const managerOf = new Map(existing.managers);
  for (const r of rows) managerOf.set(r.email, r.managerEmail ?? null);
  for (const r of rows) {
    if (r.managerEmail && !managerOf.has(r.managerEmail)) {
      problems.push({ line: r.line, key: 'csv.unknownManager', params: { line: r.line, value: r.managerEmail } });
      continue;
    }
    const visited = new Set<string>([r.email]);
    let cursor = r.managerEmail;
    while (cursor) {
      if (visited.has(cursor)) {
        if (cursor === r.email)
          problems.push({ line: r.line, key: 'csv.managerCycle', params: { line: r.line, value: r.email } });
        break;
      }
      visited.add(cursor);
      cursor = managerOf.get(cursor) ?? undefined;
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
