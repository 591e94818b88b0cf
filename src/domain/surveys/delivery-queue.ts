// Survey cards and reminders, sent now or held for the person's own delivery time (delivery-time.ts): a held
// message is a mark on the person's participation row (pending + send_after) that the minute tick picks up in
// send_after order, a bounded number a minute through an index — never a scan of the company. Reminders also
// keep to the weekly cap across all open waves (survey_reminder_log, a week of rows per person at most).
import { and, asc, count, eq, gt, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, surveyParticipation, surveyReminderLog } from '../../db/schema.js';
import { onLeaveOn } from '../org/leave.js';
import { deliveryRules } from './delivery-settings.js';
import {
  holdUntil,
  isValidTimeZone,
  localClock,
  REMINDER_CAP_WINDOW_MS,
  underReminderCap,
  type DeliveryRules,
} from './delivery-time.js';
import type { SurveyTemplate } from './templates.js';
import { getWave, isOpen, waveTemplate, type SurveyMessenger, type Wave } from './waves.js';

export type DeliveryKind = 'invite' | 'remind';

/** What became of each person: sent now, held for later, over the weekly cap (a reminder dropped), or unable
 *  to go before the wave closes (an invite: the person leaves the wave, never asked; a reminder: dropped). */
export interface DeliveryOutcome {
  sent: number[];
  held: number[];
  capped: number[];
  tooLate: number[];
}

/** A messenger without the company's zone (a test's) falls back to UTC. */
export const rulesFor = async (db: Db, messenger: SurveyMessenger): Promise<DeliveryRules> =>
  await deliveryRules(db, messenger.timeZone ?? 'UTC');

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

async function factsOf(db: Db, ids: readonly number[]) {
  const facts = new Map<number, { timezone: string | null; leaveFrom: string | null; leaveUntil: string | null }>();
  for (const part of chunks(ids))
    for (const r of await db
      .select({
        id: employees.id,
        timezone: employees.timezone,
        leaveFrom: employees.leaveFrom,
        leaveUntil: employees.leaveUntil,
      })
      .from(employees)
      .where(inArray(employees.id, part)))
      facts.set(r.id, r);
  return facts;
}

/** Reminders each person got in the 7 days before `now` (any wave). */
async function remindersThisWeek(db: Db, ids: readonly number[], now: Date): Promise<Map<number, number>> {
  const since = new Date(now.getTime() - REMINDER_CAP_WINDOW_MS).toISOString();
  const counts = new Map<number, number>();
  for (const part of chunks(ids))
    for (const r of await db
      .select({ id: surveyReminderLog.employeeId, n: count() })
      .from(surveyReminderLog)
      .where(and(inArray(surveyReminderLog.employeeId, part), gt(surveyReminderLog.sentAt, since)))
      .groupBy(surveyReminderLog.employeeId))
      counts.set(r.id, Number(r.n));
  return counts;
}

/**
 * Send a wave's invite or reminder to each person now, or hold it for their time. `fromQueue`: these people's
 * held messages came due (their local hour was reached, so only quiet hours, weekends and leave still hold them).
 */
export async function deliverOrHold(
  db: Db,
  messenger: SurveyMessenger,
  rules: DeliveryRules,
  wave: Wave,
  template: SurveyTemplate,
  kind: DeliveryKind,
  employeeIds: readonly number[],
  now: Date,
  fromQueue = false,
): Promise<DeliveryOutcome> {
  const out: DeliveryOutcome = { sent: [], held: [], capped: [], tooLate: [] };
  if (employeeIds.length === 0) return out;
  const facts = await factsOf(db, employeeIds);
  const week = kind === 'remind' ? await remindersThisWeek(db, employeeIds, now) : new Map<number, number>();
  const timeRules = fromQueue ? { ...rules, localHour: null } : rules;
  const holds = new Map<string, number[]>();
  for (const id of employeeIds) {
    const f = facts.get(id);
    const tz = f?.timezone && isValidTimeZone(f.timezone) ? f.timezone : rules.timeZone;
    const onLeave = f && onLeaveOn({ from: f.leaveFrom, until: f.leaveUntil }, localClock(now, tz).day);
    const hold = holdUntil(timeRules, { timezone: tz, leaveUntil: onLeave ? f.leaveUntil! : undefined }, now);
    if (hold && hold.getTime() >= wave.closesAt.getTime()) out.tooLate.push(id);
    else if (hold) {
      const at = hold.toISOString();
      const group = holds.get(at);
      if (group) group.push(id);
      else holds.set(at, [id]);
    } else if (kind === 'remind' && !underReminderCap(rules, week.get(id) ?? 0)) out.capped.push(id);
    else {
      if (kind === 'invite') await messenger.invite(id, wave, template);
      else {
        await messenger.remind(id, wave, template);
        await db
          .insert(surveyReminderLog)
          .values({ employeeId: id, waveId: wave.id, sentAt: now.toISOString() })
          .onConflictDoNothing();
      }
      out.sent.push(id);
    }
  }
  const where = (ids: number[]) =>
    and(eq(surveyParticipation.waveId, wave.id), inArray(surveyParticipation.employeeId, ids));
  // One statement per distinct time (people of one zone share it), not one per person.
  for (const [at, ids] of holds) {
    for (const part of chunks(ids))
      await db.update(surveyParticipation).set({ pending: kind, sendAfter: at }).where(where(part));
    out.held.push(...ids);
  }
  // An invite that cannot go before the close: the person is not asked, so counted nowhere.
  if (kind === 'invite')
    for (const part of chunks(out.tooLate))
      await db.delete(surveyParticipation).where(and(where(part), eq(surveyParticipation.answered, false)));
  if (fromQueue)
    for (const part of chunks([...out.sent, ...out.capped, ...(kind === 'remind' ? out.tooLate : [])]))
      await db.update(surveyParticipation).set({ pending: null, sendAfter: null }).where(where(part));
  return out;
}

/** How many held messages the tick sends a minute at most: the rest wait for the next (they stay due). */
export const PENDING_PER_TICK = 500;

/** The minute tick: held cards and reminders whose time came, oldest first, `limit` at most. Returns how many went. */
export async function deliverPending(
  db: Db,
  messenger: SurveyMessenger,
  now: Date,
  limit = PENDING_PER_TICK,
): Promise<number> {
  const due = await db
    .select({
      waveId: surveyParticipation.waveId,
      employeeId: surveyParticipation.employeeId,
      pending: surveyParticipation.pending,
      answered: surveyParticipation.answered,
    })
    .from(surveyParticipation)
    .where(and(lte(surveyParticipation.sendAfter, now.toISOString()), isNotNull(surveyParticipation.pending)))
    .orderBy(asc(surveyParticipation.sendAfter))
    .limit(limit);
  if (due.length === 0) return 0;
  const rules = await rulesFor(db, messenger);
  const groups = new Map<string, { waveId: number; kind: DeliveryKind; ids: number[]; done: number[] }>();
  for (const r of due) {
    const key = `${r.waveId}:${r.pending}`;
    const g = groups.get(key) ?? { waveId: r.waveId, kind: r.pending!, ids: [], done: [] };
    (r.answered ? g.done : g.ids).push(r.employeeId);
    groups.set(key, g);
  }
  let sent = 0;
  for (const g of groups.values()) {
    const wave = await getWave(db, g.waveId);
    // Answered meanwhile, or the wave closed: nothing to send.
    const drop = wave && isOpen(wave, now) ? g.done : [...g.done, ...g.ids];
    for (const part of chunks(drop))
      await db
        .update(surveyParticipation)
        .set({ pending: null, sendAfter: null })
        .where(and(eq(surveyParticipation.waveId, g.waveId), inArray(surveyParticipation.employeeId, part)));
    if (!wave || !isOpen(wave, now)) continue;
    const template = (await waveTemplate(db, wave))!;
    sent += (await deliverOrHold(db, messenger, rules, wave, template, g.kind, g.ids, now, true)).sent.length;
  }
  return sent;
}

/** Reminder log rows older than the cap's window count for nothing: pruned (indexed on sent_at). */
export async function pruneReminderLog(db: Db, now: Date): Promise<void> {
  await db
    .delete(surveyReminderLog)
    .where(lt(surveyReminderLog.sentAt, new Date(now.getTime() - REMINDER_CAP_WINDOW_MS).toISOString()));
}
