// Attendance from CSV (Slack organisations, or any org without a platform's attendance): HR pastes or uploads
// "employee,day,status,late_minutes" — employee a work e-mail or the person's number (their id here), day
// YYYY-MM-DD, status one of the six words (English or Chinese). All or nothing: any bad line refuses the whole
// import with every bad line named, and nothing is written. A good import is one transaction with its
// count-only audit row; re-importing the same lines changes nothing.
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/connection.js';
import { employees } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { normalizeEmail } from '../org/employees.js';
import { unitOfWork } from '../unit-of-work.js';
import { upsertAttendance, type AttendanceRow } from './attendance-days.js';
import type { AttendanceStatus } from './classify.js';
import { isCalendarDay } from './iso-week.js';

export const ATTENDANCE_CSV_COLUMNS = ['employee', 'day', 'status', 'late_minutes'] as const;
export const ATTENDANCE_CSV_MAX_ROWS = 20_000;

export type AttendanceCsvCode =
  | 'header'
  | 'empty'
  | 'too_many'
  | 'columns'
  | 'unknown_person'
  | 'left'
  | 'bad_day'
  | 'future_day'
  | 'bad_status'
  | 'bad_minutes'
  | 'duplicate';

export interface AttendanceCsvError {
  /** 1-based line of the text (the header is line 1). */
  line: number;
  code: AttendanceCsvCode;
  /** What the line said (the cell at fault, or the person's name for a leaver). */
  value: string;
}

const STATUS_WORDS: Record<string, AttendanceStatus> = {
  on_time: 'on_time',
  late: 'late',
  early_leave: 'early_leave',
  absent: 'absent',
  on_leave: 'on_leave',
  not_clocked_in: 'not_clocked_in',
  正常: 'on_time',
  准时: 'on_time',
  迟到: 'late',
  早退: 'early_leave',
  旷工: 'absent',
  缺勤: 'absent',
  请假: 'on_leave',
  休假: 'on_leave',
  未打卡: 'not_clocked_in',
};

export interface AttendanceCsvLine {
  line: number;
  employee: string;
  day: string;
  status: string;
  lateMinutes: string;
}

/** Split the text into lines of four cells (the last may be missing). Pure. */
export function readAttendanceCsv(text: string): { lines: AttendanceCsvLine[]; errors: AttendanceCsvError[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    return { lines: [], errors: [{ line: 1, code: 'header', value: ATTENDANCE_CSV_COLUMNS.join(',') }] };
  }
  const [header, ...rest] = records;
  const names = (header ?? []).map((h) => h.toLowerCase());
  const wanted = ATTENDANCE_CSV_COLUMNS.join(',');
  if (names.join(',') !== wanted && names.join(',') !== ATTENDANCE_CSV_COLUMNS.slice(0, 3).join(','))
    return { lines: [], errors: [{ line: 1, code: 'header', value: wanted }] };
  if (rest.length === 0) return { lines: [], errors: [{ line: 2, code: 'empty', value: '' }] };
  if (rest.length > ATTENDANCE_CSV_MAX_ROWS)
    return { lines: [], errors: [{ line: ATTENDANCE_CSV_MAX_ROWS + 2, code: 'too_many', value: '' }] };
  const lines: AttendanceCsvLine[] = [];
  const errors: AttendanceCsvError[] = [];
  rest.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length < 3 || cells.length > names.length)
      return void errors.push({ line, code: 'columns', value: cells.join(',') });
    const [employee, day, status, lateMinutes = ''] = cells as [string, string, string, string?];
    lines.push({ line, employee, day, status, lateMinutes });
  });
  return { lines, errors };
}

interface Known {
  id: number;
  name: string;
  active: boolean;
}

/** Check every line against the people (pure): rows to write, or every bad line. */
export function checkAttendanceLines(
  lines: readonly AttendanceCsvLine[],
  people: { byEmail: ReadonlyMap<string, Known>; byId: ReadonlyMap<number, Known> },
  today: string,
): { rows: AttendanceRow[]; errors: AttendanceCsvError[] } {
  const rows: AttendanceRow[] = [];
  const errors: AttendanceCsvError[] = [];
  const seen = new Map<string, number>();
  for (const l of lines) {
    const person = /^\d+$/.test(l.employee)
      ? people.byId.get(Number(l.employee))
      : people.byEmail.get(normalizeEmail(l.employee));
    const status = STATUS_WORDS[l.status.toLowerCase()] ?? STATUS_WORDS[l.status];
    const minutes = l.lateMinutes === '' ? null : Number(l.lateMinutes);
    const before = errors.length;
    if (!person) errors.push({ line: l.line, code: 'unknown_person', value: l.employee });
    else if (!person.active) errors.push({ line: l.line, code: 'left', value: person.name });
    if (!isCalendarDay(l.day)) errors.push({ line: l.line, code: 'bad_day', value: l.day });
    else if (l.day > today) errors.push({ line: l.line, code: 'future_day', value: l.day });
    if (!status) errors.push({ line: l.line, code: 'bad_status', value: l.status });
    if (
      minutes !== null &&
      (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440 || (status !== undefined && status !== 'late'))
    )
      errors.push({ line: l.line, code: 'bad_minutes', value: l.lateMinutes });
    if (errors.length > before || !person || !status) continue;
    const key = `${person.id} ${l.day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: l.line, code: 'duplicate', value: `${person.name} ${l.day} (${first})` });
      continue;
    }
    seen.set(key, l.line);
    rows.push({ personId: person.id, day: l.day, status, lateMinutes: minutes, source: 'csv' });
  }
  return { rows, errors };
}

export type AttendanceImportResult =
  { ok: true; written: number; people: number } | { ok: false; errors: AttendanceCsvError[] };

export async function importAttendanceCsv(
  db: Db,
  text: string,
  actor: Actor,
  opts: { now: Date; today: string },
): Promise<AttendanceImportResult> {
  const read = readAttendanceCsv(text);
  if (read.errors.length && read.lines.length === 0) return { ok: false, errors: read.errors };
  const all = await db
    .select({ id: employees.id, name: employees.name, email: employees.email, active: employees.active })
    .from(employees);
  const byEmail = new Map<string, Known>();
  const byId = new Map<number, Known>();
  for (const p of all) {
    byId.set(p.id, p);
    if (p.email) byEmail.set(normalizeEmail(p.email), p);
  }
  const checked = checkAttendanceLines(read.lines, { byEmail, byId }, opts.today);
  const errors = [...read.errors, ...checked.errors].sort((a, b) => a.line - b.line);
  if (errors.length) return { ok: false, errors };
  await unitOfWork(db, async (tx) => {
    await upsertAttendance(tx, checked.rows, opts.now);
    await audit(tx, actor, 'attendance.import', 'csv', {
      rows: checked.rows.length,
      people: new Set(checked.rows.map((r) => r.personId)).size,
    });
  });
  return { ok: true, written: checked.rows.length, people: new Set(checked.rows.map((r) => r.personId)).size };
}
