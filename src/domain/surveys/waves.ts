// Launching, answering and closing a survey wave. Every function here runs inside the caller's
// transaction; expected failures are values with a code, never exceptions.
//
// A wave fixes its rules at launch (K, the comment threshold, the unit tree). While it is open, each
// submission waits sealed in the pool (seal.ts) and no figure exists anywhere; at close the pool is opened,
// the publication decided (publication.ts), and the answers written to the response tables under their
// published group, in shuffled order, in one commit — after which the WAL is checkpointed away.
import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { afterCommit, scrubDeletedRows, type Db } from '../../db/connection.js';
import {
  employees,
  surveyAnswers,
  surveyComments,
  surveyParticipation,
  surveyPool,
  surveyResponses,
  surveyWaves,
} from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { allUnits, subtreeIds } from '../org/units.js';
import { anonymityThreshold, commentThreshold } from '../settings.js';
import { groupOf, publishAtClose, type Publication, type WaveUnit } from './publication.js';
import { planReminders } from './reminder-plan.js';
import { openSubmission, sealSubmission, type SealKey, type Submission } from './seal.js';
import { getTemplate, type SurveyTemplate } from './templates.js';
import { narrowTemplate } from './short-format.js';
import { returnedRow } from '../../db/rows.js';
import { writeTallies } from './results.js';
import { calendarDay } from './calendar-day.js';
import { deliverOrHold, rulesFor } from './delivery-queue.js';
import type { DeliveryRules } from './delivery-time.js';
import { onLeaveDuring } from '../org/leave.js';
import { newReplyKey, replyKeyHash } from './conversation-rules.js';

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
  /** The anonymity threshold and the comment threshold the wave was sent under. */
  k: number;
  commentK: number;
  /** The unit tree at launch: every report of the wave groups by it. */
  tree: WaveUnit[];
  /** What was published at close; null while the wave is open. */
  published: Publication | null;
  /** The template items this wave asks (a short-format wave, short-format.ts); null: all of them. */
  itemIds: number[] | null;
}

/** How the domain reaches people about a wave; implemented with cards and the outbox by the bot. */
export interface SurveyMessenger {
  invite(employeeId: number, wave: Wave, template: SurveyTemplate): Promise<void>;
  remind(employeeId: number, wave: Wave, template: SurveyTemplate): Promise<void>;
  /** Of these people, the ones a message reaches now; everyone when absent. The others are placed in the wave
   *  as not reachable: not asked, counted nowhere, until they become reachable (inviteNewlyReachable). */
  reachable?(employeeIds: readonly number[]): Promise<ReadonlySet<number>>;
  /** The company's configured time zone: delivery times for people with none of their own (delivery-time.ts). */
  timeZone?: string;
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
  /** Ask only these items of the template (the short format); absent: all of them. */
  itemIds?: number[];
}

const treeSchema = z.array(
  z.object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    name: z.string(),
    path: z.string(),
    kind: z.enum(['company', 'department', 'store']),
  }),
);
const publishedSchema = z.object({ units: z.array(z.number().int()), comments: z.array(z.number().int()) });
const itemIdsSchema = z.array(z.number().int()).nullable();

export function toWave(row: typeof surveyWaves.$inferSelect): Wave {
  const published = row.published === null ? null : publishedSchema.parse(JSON.parse(row.published));
  return {
    id: row.id,
    templateId: row.templateId,
    audienceUnitId: row.audienceUnitId,
    openedAt: new Date(row.openedAt),
    closesAt: new Date(row.closesAt),
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
    reminderDays: JSON.parse(row.reminderDays) as number[],
    k: row.k,
    commentK: row.commentK,
    tree: treeSchema.parse(JSON.parse(row.tree)),
    published: published && { units: new Set(published.units), comments: new Set(published.comments) },
    itemIds: itemIdsSchema.parse(row.itemIds === null ? null : JSON.parse(row.itemIds)),
  };
}

/** The template as this wave asks it: a short-format wave's own items only. */
export async function waveTemplate(
  db: Db,
  wave: Pick<Wave, 'templateId' | 'itemIds'>,
): Promise<SurveyTemplate | undefined> {
  const template = await getTemplate(db, wave.templateId);
  return template && narrowTemplate(template, wave.itemIds);
}

export async function getWave(db: Db, id: number): Promise<Wave | undefined> {
  const row = (await db.select().from(surveyWaves).where(eq(surveyWaves.id, id)).limit(1))[0];
  return row ? toWave(row) : undefined;
}

export function isOpen(wave: Wave, now: Date): boolean {
  return wave.closedAt === null && now < wave.closesAt;
}

/** Active people in a unit's subtree (everyone for null); undefined for a unit that does not exist. */
export async function waveAudience(
  db: Db,
  audienceUnitId: number | null,
): Promise<{ id: number; unitId: number | null }[] | undefined> {
  let unitIds: number[] | undefined;
  if (audienceUnitId !== null) {
    const units = await allUnits(db);
    if (!units.some((u) => u.id === audienceUnitId)) return undefined;
    unitIds = [...subtreeIds(units, audienceUnitId)];
  }
  return await db
    .select({ id: employees.id, unitId: employees.unitId })
    .from(employees)
    .where(and(eq(employees.active, true), unitIds ? inArray(employees.unitId, unitIds) : undefined));
}

/** `asked`: the people the survey was sent to; `unreachable`: the audience no running platform reaches (not asked). */
export async function launchWave(
  db: Db,
  messenger: SurveyMessenger,
  input: LaunchInput,
): Promise<
  | {
      ok: true;
      wave: Wave;
      asked: number;
      unreachable: number[];
      /** Left out: on leave during the wave; held: cards waiting for their local time; notInTime: not asked. */
      delivery: { onLeave: number; held: number; notInTime: number };
    }
  | { ok: false; code: LaunchError }
> {
  const whole = await getTemplate(db, input.templateId);
  if (!whole) return { ok: false, code: 'unknown_template' };
  const template = narrowTemplate(whole, input.itemIds ?? null);
  if (template.items.length === 0) return { ok: false, code: 'unknown_template' };
  if (input.closesAt.getTime() <= input.now.getTime()) return { ok: false, code: 'close_in_past' };
  const durationDays = (input.closesAt.getTime() - input.now.getTime()) / DAY;
  if (input.reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d >= durationDays))
    return { ok: false, code: 'bad_reminders' };

  const units = await allUnits(db);
  const everyone = await waveAudience(db, input.audienceUnitId);
  if (!everyone) return { ok: false, code: 'unknown_unit' };
  // People on leave on any day of the wave are left out of it: not asked, counted nowhere (org/leave.ts).
  const rules = await rulesFor(db, messenger);
  const lastMoment = new Date(input.closesAt.getTime() - 1);
  const onLeave = await onLeaveDuring(
    db,
    calendarDay(input.now, rules.timeZone),
    calendarDay(lastMoment, rules.timeZone),
  );
  const audience = everyone.filter((p) => !onLeave.has(p.id));
  if (audience.length === 0) return { ok: false, code: 'empty_audience' };
  const reach = await messenger.reachable?.(audience.map((p) => p.id));
  const reachable = (id: number) => !reach || reach.has(id);

  const row = returnedRow(
    await db
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
        k: await anonymityThreshold(db),
        commentK: await commentThreshold(db),
        tree: JSON.stringify(
          units.map((u): WaveUnit => ({ id: u.id, parentId: u.parentId, name: u.name, path: u.path, kind: u.kind })),
        ),
        itemIds: input.itemIds ? JSON.stringify(template.items.map((i) => i.id)) : null,
      })
      .returning(),
    'insert surveyWaves',
  );
  const wave = toWave(row);
  // One multi-row insert per chunk: a 5,000-person fan-out stays one quick transaction.
  for (let i = 0; i < audience.length; i += 500) {
    await db
      .insert(surveyParticipation)
      .values(
        audience
          .slice(i, i + 500)
          .map((p) => ({ waveId: wave.id, employeeId: p.id, unitId: p.unitId, reachable: reachable(p.id) })),
      );
  }
  const unreachable = audience.filter((p) => !reachable(p.id)).map((p) => p.id);
  // Each card goes now or at the person's own delivery time; one that could not go before the close is not sent.
  const invited = await deliverOrHold(
    db,
    messenger,
    rules,
    wave,
    template,
    'invite',
    audience.filter((p) => reachable(p.id)).map((p) => p.id),
    input.now,
  );
  const asked = [...invited.sent, ...invited.held];
  await audit(db, input.actor, 'survey.launch', String(wave.id), {
    templateId: template.id,
    audienceUnitId: input.audienceUnitId,
    asked: asked.length,
    unreachable: unreachable.length,
    ...(onLeave.size ? { onLeave: everyone.length - audience.length } : {}),
    ...(invited.held.length ? { held: invited.held.length } : {}),
    ...(invited.tooLate.length ? { notInTime: invited.tooLate.length } : {}),
    closesAt: wave.closesAt.toISOString(),
    k: wave.k,
    commentK: wave.commentK,
    ...(wave.itemIds ? { itemIds: wave.itemIds } : {}),
  });
  return {
    ok: true,
    wave,
    asked: asked.length,
    unreachable,
    delivery: {
      onLeave: everyone.length - audience.length,
      held: invited.held.length,
      notInTime: invited.tooLate.length,
    },
  };
}

export type AnswerError = 'unknown_wave' | 'closed' | 'not_invited' | 'already_answered' | 'invalid';
export type FieldProblem = 'required' | 'out_of_range' | 'too_long';

/** Form field ids: `i<itemId>` for an item, `comment` for the comment. */
export const itemField = (itemId: number) => `i${itemId}`;

/** Check a submission against the template: every item answered within its scale, the comment short enough. */
export function validateAnswers(
  template: SurveyTemplate,
  values: Record<string, string | string[] | undefined>,
): { ok: true; answers: Map<number, number>; comment: string } | { ok: false; fields: Record<string, FieldProblem> } {
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

export async function submitAnswers(
  db: Db,
  key: SealKey,
  input: { waveId: number; employeeId: number; values: Record<string, string | string[] | undefined>; now: Date },
): Promise<
  | {
      ok: true;
      wave: Wave;
      template: SurveyTemplate;
      commented: boolean;
      /** With a comment: the author's reply key for a conversation on it (conversations.ts). Show it to the
       *  submitter only; it is stored nowhere, only its hash, sealed. */
      replyKey?: string;
    }
  | { ok: false; code: AnswerError; wave?: Wave; fields?: Record<string, FieldProblem> }
> {
  const wave = await getWave(db, input.waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  if (!isOpen(wave, input.now)) return { ok: false, code: 'closed', wave };
  const participation = (
    await db
      .select()
      .from(surveyParticipation)
      .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, input.employeeId)))
      .limit(1)
  )[0];
  if (!participation) return { ok: false, code: 'not_invited', wave };
  if (participation.answered) return { ok: false, code: 'already_answered', wave };
  const template = (await waveTemplate(db, wave))!;
  const checked = validateAnswers(template, input.values);
  if (!checked.ok) return { ok: false, code: 'invalid', wave, fields: checked.fields };

  // Sealed in the pool until the wave closes: this commit links the person to an opaque, one-size blob.
  const replyKey = checked.comment !== '' ? newReplyKey() : undefined;
  const submission: Submission = {
    unitId: participation.unitId,
    answers: [...checked.answers],
    comment: checked.comment,
    ...(replyKey ? { replyKeyHash: replyKeyHash(replyKey) } : {}),
  };
  await db
    .insert(surveyPool)
    .values({ id: randomBytes(16).toString('hex'), waveId: wave.id, sealed: sealSubmission(key, wave.id, submission) });
  await db
    .update(surveyParticipation)
    .set({ answered: true, reachable: true })
    .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, input.employeeId)));
  return { ok: true, wave, template, commented: replyKey !== undefined, ...(replyKey ? { replyKey } : {}) };
}

/** Fisher–Yates with a cryptographic source: the write order at close must say nothing of arrival order. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A comment as written at close: its text and the hash of its author's reply key travel together. */
interface PublishedComment {
  unitId: number | null;
  text: string;
  replyKeyHash: string | null;
}

/** Responses written before the pool existed (launch units, arrival order): republished like pool entries. */
async function legacyRows(db: Db, waveId: number): Promise<{ responses: Submission[]; comments: PublishedComment[] }> {
  const rows = await db
    .select({
      id: surveyResponses.id,
      unitId: surveyResponses.unitId,
      itemId: surveyAnswers.itemId,
      value: surveyAnswers.value,
    })
    .from(surveyResponses)
    .leftJoin(surveyAnswers, eq(surveyAnswers.responseId, surveyResponses.id))
    .where(eq(surveyResponses.waveId, waveId));
  const byId = new Map<string, Submission>();
  for (const r of rows) {
    const s = byId.get(r.id) ?? { unitId: r.unitId, answers: [], comment: '' };
    if (r.itemId !== null && r.value !== null) s.answers.push([r.itemId, r.value]);
    byId.set(r.id, s);
  }
  const comments = await db
    .select({ unitId: surveyComments.unitId, text: surveyComments.text, replyKeyHash: surveyComments.replyKeyHash })
    .from(surveyComments)
    .where(eq(surveyComments.waveId, waveId));
  return { responses: [...byId.values()], comments };
}

export type PublishError = 'unreadable';

/**
 * Open the wave's pool, decide what is published, and write the answers under their groups in shuffled
 * order, then their tallies; answers outside every published group (fewer than K in all) are not written at
 * all. Runs in the caller's transaction; the WAL is checkpointed after it commits.
 */
export async function publishWave(
  db: Db,
  key: SealKey,
  wave: Wave,
): Promise<{ ok: true; publication: Publication; written: number } | { ok: false; code: PublishError; count: number }> {
  const pool = await db.select().from(surveyPool).where(eq(surveyPool.waveId, wave.id));
  const opened = pool.map((r) => openSubmission(key, wave.id, r.sealed));
  const unreadable = opened.filter((s) => s === undefined).length;
  // Never publish part of a wave: a changed SURVEY_SEAL_SECRET leaves everything sealed until it is back.
  if (unreadable > 0) return { ok: false, code: 'unreadable', count: unreadable };
  const legacy = await legacyRows(db, wave.id);
  const submissions = [...(opened as Submission[]), ...legacy.responses];
  const comments = [
    ...submissions
      .filter((s) => s.comment !== '')
      .map((s): PublishedComment => ({ unitId: s.unitId, text: s.comment, replyKeyHash: s.replyKeyHash ?? null })),
    ...legacy.comments,
  ];
  const publication = publishAtClose(
    wave.tree,
    submissions.map((s) => s.unitId),
    comments.map((c) => c.unitId),
    wave.k,
    wave.commentK,
  );

  const responseIds = (
    await db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.waveId, wave.id))
  ).map((r) => r.id);
  for (let i = 0; i < responseIds.length; i += 500)
    await db.delete(surveyAnswers).where(inArray(surveyAnswers.responseId, responseIds.slice(i, i + 500)));
  await db.delete(surveyResponses).where(eq(surveyResponses.waveId, wave.id));
  await db.delete(surveyComments).where(eq(surveyComments.waveId, wave.id));
  await db.delete(surveyPool).where(eq(surveyPool.waveId, wave.id));

  let written = 0;
  const responseRows: (typeof surveyResponses.$inferInsert)[] = [];
  const answerRows: (typeof surveyAnswers.$inferInsert)[] = [];
  for (const s of shuffled(submissions)) {
    const group = groupOf(wave.tree, publication.units, s.unitId);
    if (group === undefined) continue;
    const id = randomBytes(16).toString('hex');
    responseRows.push({ id, waveId: wave.id, unitId: group });
    for (const [itemId, value] of s.answers) answerRows.push({ responseId: id, itemId, value });
    written++;
  }
  const commentRows: (typeof surveyComments.$inferInsert)[] = [];
  for (const c of shuffled(comments)) {
    const group = groupOf(wave.tree, publication.comments, c.unitId);
    if (group !== undefined)
      commentRows.push({
        id: randomBytes(16).toString('hex'),
        waveId: wave.id,
        unitId: group,
        text: c.text,
        replyKeyHash: c.replyKeyHash,
      });
  }
  for (let i = 0; i < responseRows.length; i += 500)
    await db.insert(surveyResponses).values(responseRows.slice(i, i + 500));
  for (let i = 0; i < answerRows.length; i += 500) await db.insert(surveyAnswers).values(answerRows.slice(i, i + 500));
  for (let i = 0; i < commentRows.length; i += 500)
    await db.insert(surveyComments).values(commentRows.slice(i, i + 500));
  // The counts the report and the trend read, from the rows just written (a wave's rows change nowhere else).
  await writeTallies(db, [wave.id]);
  await db
    .update(surveyWaves)
    .set({
      published: JSON.stringify({
        units: [...publication.units].sort((a, b) => a - b),
        comments: [...publication.comments].sort((a, b) => a - b),
      }),
    })
    .where(eq(surveyWaves.id, wave.id));
  afterCommit(db, () => scrubDeletedRows(db, ['survey_pool']));
  return { ok: true, publication, written };
}

/** People placed in open waves as not reachable (not asked yet): the minute tick looks them up. */
export async function unreachedInOpenWaves(db: Db, now: Date): Promise<number[]> {
  return (
    await db
      .selectDistinct({ employeeId: surveyParticipation.employeeId })
      .from(surveyParticipation)
      .innerJoin(surveyWaves, eq(surveyWaves.id, surveyParticipation.waveId))
      .where(
        and(
          eq(surveyParticipation.reachable, false),
          eq(surveyParticipation.answered, false),
          isNull(surveyWaves.closedAt),
          gt(surveyWaves.closesAt, now.toISOString()),
        ),
      )
  ).map((r) => r.employeeId);
}

/**
 * People placed in open waves as not reachable who are reachable now (a lookup found them, they wrote to the
 * bot, a directory sync linked them): they join the wave — counted from now on — and get its card.
 */
export async function inviteNewlyReachable(
  db: Db,
  messenger: SurveyMessenger,
  now: Date,
  onlyEmployeeIds?: readonly number[],
): Promise<{ waveId: number; employeeId: number }[]> {
  const rows = await db
    .select({ waveId: surveyParticipation.waveId, employeeId: surveyParticipation.employeeId })
    .from(surveyParticipation)
    .innerJoin(surveyWaves, eq(surveyWaves.id, surveyParticipation.waveId))
    .where(
      and(
        eq(surveyParticipation.reachable, false),
        eq(surveyParticipation.answered, false),
        isNull(surveyWaves.closedAt),
        gt(surveyWaves.closesAt, now.toISOString()),
        onlyEmployeeIds ? inArray(surveyParticipation.employeeId, [...onlyEmployeeIds]) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  const reach = await messenger.reachable?.([...new Set(rows.map((r) => r.employeeId))]);
  const joined = rows.filter((r) => !reach || reach.has(r.employeeId));
  const byWave = new Map<number, number[]>();
  for (const r of joined) {
    await db
      .update(surveyParticipation)
      .set({ reachable: true })
      .where(and(eq(surveyParticipation.waveId, r.waveId), eq(surveyParticipation.employeeId, r.employeeId)));
    const ids = byWave.get(r.waveId);
    if (ids) ids.push(r.employeeId);
    else byWave.set(r.waveId, [r.employeeId]);
  }
  // Their card goes now or at their own delivery time, like everyone's at launch (delivery-queue.ts).
  const rules = byWave.size ? await rulesFor(db, messenger) : undefined;
  for (const [waveId, ids] of byWave) {
    const wave = (await getWave(db, waveId))!;
    await deliverOrHold(db, messenger, rules!, wave, (await waveTemplate(db, wave))!, 'invite', ids, now);
  }
  return joined;
}

/** Reminder times of a wave, planned from its length (reminder-plan.ts). */
export function reminderTimes(wave: Pick<Wave, 'openedAt' | 'closesAt' | 'reminderDays'>): Date[] {
  return planReminders(wave);
}

/** How many reminders a non-respondent should have had by `now` (at most one more is sent per run). */
export function remindersDue(wave: Pick<Wave, 'openedAt' | 'closesAt' | 'reminderDays'>, now: Date): number {
  return reminderTimes(wave).filter((t) => t.getTime() <= now.getTime()).length;
}

/**
 * Remind everyone in open waves who has not answered and is behind on reminders: now, or held for their delivery
 * time (delivery-queue.ts), within the weekly cap. Someone whose card or reminder is still held gets no second
 * one. Returns how many were sent now.
 */
export async function sendDueReminders(db: Db, messenger: SurveyMessenger, now: Date): Promise<number> {
  let sent = 0;
  const open = (await db.select().from(surveyWaves).where(isNull(surveyWaves.closedAt)))
    .map(toWave)
    .filter((w) => isOpen(w, now));
  let rules: DeliveryRules | undefined;
  for (const wave of open) {
    const due = remindersDue(wave, now);
    if (due === 0) continue;
    const behind = (
      await db
        .select({
          employeeId: surveyParticipation.employeeId,
          sent: surveyParticipation.remindersSent,
          pending: surveyParticipation.pending,
        })
        .from(surveyParticipation)
        .where(
          and(
            eq(surveyParticipation.waveId, wave.id),
            eq(surveyParticipation.answered, false),
            eq(surveyParticipation.reachable, true),
          ),
        )
    ).filter((p) => p.sent < due);
    if (behind.length === 0) continue;
    const template = (await waveTemplate(db, wave))!;
    for (const p of behind)
      await db
        .update(surveyParticipation)
        .set({ remindersSent: due })
        .where(and(eq(surveyParticipation.waveId, wave.id), eq(surveyParticipation.employeeId, p.employeeId)));
    rules ??= await rulesFor(db, messenger);
    const toRemind = behind.filter((p) => p.pending === null).map((p) => p.employeeId);
    sent += (await deliverOrHold(db, messenger, rules, wave, template, 'remind', toRemind, now)).sent.length;
  }
  return sent;
}

export type CloseError = 'unknown_wave' | 'closed' | PublishError;

export async function closeWave(
  db: Db,
  key: SealKey,
  waveId: number,
  now: Date,
  actor: Actor,
): Promise<{ ok: true; wave: Wave } | { ok: false; code: CloseError }> {
  const wave = await getWave(db, waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  if (wave.closedAt) return { ok: false, code: 'closed' };
  const published = await publishWave(db, key, wave);
  if (!published.ok) return { ok: false, code: published.code };
  await db.update(surveyWaves).set({ closedAt: now.toISOString() }).where(eq(surveyWaves.id, waveId));
  await audit(db, actor, 'survey.close', String(waveId), {
    early: now < wave.closesAt,
    published: published.publication.units.size,
    responsesWritten: published.written,
  });
  return { ok: true, wave: (await getWave(db, waveId))! };
}

/** Close waves whose close date has passed; a wave whose pool cannot be opened stays open (and is reported). */
export async function closeExpiredWaves(
  db: Db,
  key: SealKey,
  now: Date,
): Promise<{ closed: number[]; unreadable: number[] }> {
  const due = await db
    .select({ id: surveyWaves.id })
    .from(surveyWaves)
    .where(and(isNull(surveyWaves.closedAt), lte(surveyWaves.closesAt, now.toISOString())));
  const closed: number[] = [];
  const unreadable: number[] = [];
  for (const w of due) {
    const r = await closeWave(db, key, w.id, now, { kind: 'system' });
    if (r.ok) closed.push(w.id);
    else if (r.code === 'unreadable') unreadable.push(w.id);
  }
  return { closed, unreadable };
}

/** Waves closed before publication existed (or whose publication failed): publish them now, once. */
export async function publishPendingWaves(db: Db, key: SealKey): Promise<number[]> {
  const pending = (await db.select().from(surveyWaves).where(isNull(surveyWaves.published))).filter(
    (w) => w.closedAt !== null,
  );
  const done: number[] = [];
  for (const row of pending) if ((await publishWave(db, key, toWave(row))).ok) done.push(row.id);
  return done;
}
