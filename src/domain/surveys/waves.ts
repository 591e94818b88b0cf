// Launching, answering and closing a survey wave. Every function here runs inside the caller's
// transaction; expected failures are values with a code, never exceptions.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, surveyAnswers, surveyComments, surveyParticipation, surveyResponses, surveyWaves } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { allUnits, subtreeIds } from '../org/units.js';
import { getTemplate, type SurveyTemplate } from './templates.js';

export const COMMENT_MAX = 500;
const DAY = 24 * 60 * 60 * 1000;

export interface Wave {
  id: number;
  templateId: number;
  audienceUnitId: number | null;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  reminderDays: number[];
}

/** How the domain reaches people about a wave; implemented with cards and the outbox by the bot. */
export interface SurveyMessenger {
  invite(employeeId: number, wave: Wave, template: SurveyTemplate): void;
  remind(employeeId: number, wave: Wave, template: SurveyTemplate): void;
}

export type LaunchError = 'unknown_template' | 'unknown_unit' | 'empty_audience' | 'close_in_past' | 'bad_reminders';

export interface LaunchInput {
  templateId: number;
  audienceUnitId: number | null;
  closesAt: Date;
  reminderDays: number[];
  now: Date;
  actor: Actor;
  scheduleId?: number;
  scheduledFor?: string;
}

function toWave(row: typeof surveyWaves.$inferSelect): Wave {
  return {
    id: row.id,
    templateId: row.templateId,
    audienceUnitId: row.audienceUnitId,
    openedAt: new Date(row.openedAt),
    closesAt: new Date(row.closesAt),
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
    reminderDays: JSON.parse(row.reminderDays) as number[],
  };
}

export function getWave(db: Db, id: number): Wave | undefined {
  const row = db.select().from(surveyWaves).where(eq(surveyWaves.id, id)).get();
  return row ? toWave(row) : undefined;
}

export function isOpen(wave: Wave, now: Date): boolean {
  return wave.closedAt === null && now < wave.closesAt;
}

export function launchWave(db: Db, messenger: SurveyMessenger, input: LaunchInput): { ok: true; wave: Wave; asked: number } | { ok: false; code: LaunchError } {
  const template = getTemplate(db, input.templateId);
  if (!template) return { ok: false, code: 'unknown_template' };
  if (input.closesAt.getTime() <= input.now.getTime()) return { ok: false, code: 'close_in_past' };
  const durationDays = (input.closesAt.getTime() - input.now.getTime()) / DAY;
  if (input.reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d >= durationDays)) return { ok: false, code: 'bad_reminders' };

  const units = allUnits(db);
  let unitIds: number[] | undefined;
  if (input.audienceUnitId !== null) {
    if (!units.some((u) => u.id === input.audienceUnitId)) return { ok: false, code: 'unknown_unit' };
    unitIds = [...subtreeIds(units, input.audienceUnitId)];
  }
  const audience = db
    .select({ id: employees.id, unitId: employees.unitId })
    .from(employees)
    .where(and(eq(employees.active, true), unitIds ? inArray(employees.unitId, unitIds) : undefined))
    .all();
  if (audience.length === 0) return { ok: false, code: 'empty_audience' };

  const row = db
    .insert(surveyWaves)
    .values({
      templateId: template.id,
      scheduleId: input.scheduleId ?? null,
      scheduledFor: input.scheduledFor ?? null,
      audienceUnitId: input.audienceUnitId,
      openedAt: input.now.toISOString(),
      closesAt: input.closesAt.toISOString(),
      reminderDays: JSON.stringify(input.reminderDays),
      launchedBy: input.actor.kind === 'employee' ? input.actor.employeeId : null,
    })
    .returning()
    .get();
  const wave = toWave(row);
  // One multi-row insert per chunk: a 5,000-person fan-out stays one quick transaction.
  for (let i = 0; i < audience.length; i += 500) {
    db.insert(surveyParticipation).values(audience.slice(i, i + 500).map((p) => ({ waveId: wave.id, employeeId: p.id, unitId: p.unitId }))).run();
  }
  for (const p of audience) messenger.invite(p.id, wave, template);
  audit(db, input.actor, 'survey.launch', String(wave.id), { templateId: template.id, audienceUnitId: input.audienceUnitId, asked: audience.length, closesAt: wave.closesAt.toISOString() });
  return { ok: true, wave, asked: audience.length };
}

export type AnswerError = 'unknown_wave' | 'closed' | 'not_invited' | 'already_answered' | 'invalid';
export type FieldProblem = 'required' | 'out_of_range' | 'too_long';

/** Form field ids: `i<itemId>` for an item, `comment` for the comment. */
export const itemField = (itemId: number) => `i${itemId}`;

/** Check a submission against the template: every item answered within its scale, the comment short enough. */
export function validateAnswers(template: SurveyTemplate, values: Record<string, string | string[] | undefined>): { ok: true; answers: Map<number, number>; comment: string } | { ok: false; fields: Record<string, FieldProblem> } {
  const fields: Record<string, FieldProblem> = {};
  const answers = new Map<number, number>();
  for (const item of template.items) {
    const raw = values[itemField(item.id)];
    const v = typeof raw === 'string' ? raw.trim() : undefined;
    if (!v) {
      fields[itemField(item.id)] = 'required';
      continue;
    }
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < item.min || n > item.max) fields[itemField(item.id)] = 'out_of_range';
    else answers.set(item.id, n);
  }
  const known = new Set([...template.items.map((i) => itemField(i.id)), 'comment']);
  for (const key of Object.keys(values)) if (!known.has(key)) fields[key] = 'out_of_range';
  const rawComment = values.comment;
  const comment = template.commentEnabled && typeof rawComment === 'string' ? rawComment.trim() : '';
  if (comment.length > COMMENT_MAX) fields.comment = 'too_long';
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, answers, comment };
}

export function submitAnswers(
  db: Db,
  input: { waveId: number; employeeId: number; values: Record<string, string | string[] | undefined>; now: Date },
): { ok: true; wave: Wave; template: SurveyTemplate; answers: Map<number, number>; comment: string } | { ok: false; code: AnswerError; wave?: Wave; fields?: Record<string, FieldProblem> } {
  const wave = getWave(db, input.waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  if (!isOpen(wave, input.now)) return { ok: false, code: 'closed', wave };
  const participation = db
    .select()
    .from(surveyParticipation)
    .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, input.employeeId)))
    .get();
  if (!participation) return { ok: false, code: 'not_invited', wave };
  if (participation.answered) return { ok: false, code: 'already_answered', wave };
  const template = getTemplate(db, wave.templateId)!;
  const checked = validateAnswers(template, input.values);
  if (!checked.ok) return { ok: false, code: 'invalid', wave, fields: checked.fields };

  // The response carries a random key, the wave and the unit — no person, no time, no message reference.
  const responseId = randomBytes(16).toString('hex');
  db.insert(surveyResponses).values({ id: responseId, waveId: wave.id, unitId: participation.unitId }).run();
  db.insert(surveyAnswers).values([...checked.answers].map(([itemId, value]) => ({ responseId, itemId, value }))).run();
  if (checked.comment) db.insert(surveyComments).values({ id: randomBytes(16).toString('hex'), waveId: wave.id, unitId: participation.unitId, text: checked.comment }).run();
  db.update(surveyParticipation).set({ answered: true }).where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, input.employeeId))).run();
  return { ok: true, wave, template, answers: checked.answers, comment: checked.comment };
}

/** Reminder times of a wave: each configured day after opening, and the last day (24 h before closing). */
export function reminderTimes(wave: Pick<Wave, 'openedAt' | 'closesAt' | 'reminderDays'>): Date[] {
  const open = wave.openedAt.getTime();
  const close = wave.closesAt.getTime();
  const times = wave.reminderDays.map((d) => open + d * DAY).filter((t) => t < close);
  const lastDay = close - DAY;
  if (wave.reminderDays.length > 0 && lastDay > open && times.every((t) => Math.abs(t - lastDay) >= DAY / 2)) times.push(lastDay);
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

/** How many reminders a non-respondent should have had by `now` (at most one more is sent per run). */
export function remindersDue(wave: Pick<Wave, 'openedAt' | 'closesAt' | 'reminderDays'>, now: Date): number {
  return reminderTimes(wave).filter((t) => t.getTime() <= now.getTime()).length;
}

/** Remind everyone in open waves who has not answered and is behind on reminders. Returns how many. */
export function sendDueReminders(db: Db, messenger: SurveyMessenger, now: Date): number {
  let sent = 0;
  const open = db.select().from(surveyWaves).where(isNull(surveyWaves.closedAt)).all().map(toWave).filter((w) => isOpen(w, now));
  for (const wave of open) {
    const due = remindersDue(wave, now);
    if (due === 0) continue;
    const behind = db
      .select({ employeeId: surveyParticipation.employeeId, sent: surveyParticipation.remindersSent })
      .from(surveyParticipation)
      .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.answered, false)))
      .all()
      .filter((p) => p.sent < due);
    if (behind.length === 0) continue;
    const template = getTemplate(db, wave.templateId)!;
    for (const p of behind) {
      db.update(surveyParticipation).set({ remindersSent: due }).where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, p.employeeId))).run();
      messenger.remind(p.employeeId, wave, template);
      sent++;
    }
  }
  return sent;
}

export function closeWave(db: Db, waveId: number, now: Date, actor: Actor): { ok: true } | { ok: false; code: 'unknown_wave' | 'closed' } {
  const wave = getWave(db, waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  if (wave.closedAt) return { ok: false, code: 'closed' };
  db.update(surveyWaves).set({ closedAt: now.toISOString() }).where(eq(surveyWaves.id, waveId)).run();
  audit(db, actor, 'survey.close', String(waveId));
  return { ok: true };
}

/** Close waves whose close date has passed. */
export function closeExpiredWaves(db: Db, now: Date): number[] {
  const due = db.select({ id: surveyWaves.id }).from(surveyWaves).where(and(isNull(surveyWaves.closedAt), lte(surveyWaves.closesAt, now.toISOString()))).all();
  for (const w of due) closeWave(db, w.id, now, { kind: 'system' });
  return due.map((w) => w.id);
}
