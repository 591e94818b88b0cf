// "Remind non-respondents now": HR's hand-sent reminder, from the mini-app's wave page or `/survey remind`.
// One function for both, so the rule is the same everywhere: an open wave, at most one manual reminder per
// wave per calendar day in the company's time zone (stored; the table's primary key is the cap), only to
// people who have not answered, through the same messenger (outbox) as the planned reminders — and, like them,
// at each person's delivery time and within the weekly reminder cap (delivery-queue.ts). Only the
// count is kept and audited — who was reminded says nothing about answers, but it need not be kept either.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyManualReminders, surveyParticipation } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { calendarDay, startOfNextDay } from './calendar-day.js';
import { deliverOrHold, rulesFor } from './delivery-queue.js';
import { getWave, isOpen, waveTemplate, type SurveyMessenger, type Wave } from './waves.js';

export type ManualRemindError = 'unknown_wave' | 'closed' | 'already_today' | 'nobody_left';

export interface ManualReminderState {
  /** The last manual reminder, if any. */
  last?: { at: Date; recipients: number };
  /** When the next one may be sent: undefined = now (or never, for a closed wave — see `available`). */
  nextAt?: Date;
  available: boolean;
}

export async function manualReminderState(
  db: Db,
  wave: Wave,
  now: Date,
  timeZone: string,
): Promise<ManualReminderState> {
  const last = (
    await db
      .select()
      .from(surveyManualReminders)
      .where(eq(surveyManualReminders.waveId, wave.id))
      .orderBy(desc(surveyManualReminders.sentAt))
      .limit(1)
  )[0];
  const today = last !== undefined && last.day === calendarDay(now, timeZone);
  return {
    last: last && { at: new Date(last.sentAt), recipients: last.recipients },
    nextAt: today ? startOfNextDay(now, timeZone) : undefined,
    available: isOpen(wave, now) && !today,
  };
}

export async function remindNonRespondents(
  db: Db,
  messenger: SurveyMessenger,
  input: { waveId: number; now: Date; timeZone: string; actor: Actor },
): Promise<
  { ok: true; wave: Wave; sent: number } | { ok: false; code: ManualRemindError; wave?: Wave; nextAt?: Date }
> {
  const wave = await getWave(db, input.waveId);
  if (!wave) return { ok: false, code: 'unknown_wave' };
  if (!isOpen(wave, input.now)) return { ok: false, code: 'closed', wave };
  const state = await manualReminderState(db, wave, input.now, input.timeZone);
  if (state.nextAt) return { ok: false, code: 'already_today', wave, nextAt: state.nextAt };
  const pending = await db
    .select({ employeeId: surveyParticipation.employeeId })
    .from(surveyParticipation)
    .where(
      and(
        eq(surveyParticipation.waveId, wave.id),
        eq(surveyParticipation.answered, false),
        eq(surveyParticipation.reachable, true),
        // A card or reminder still held for their delivery time will reach them: no second one.
        isNull(surveyParticipation.pending),
      ),
    );
  // Everyone answered: nothing to send, and the day's reminder is not used up.
  if (pending.length === 0) return { ok: false, code: 'nobody_left', wave };
  const template = (await waveTemplate(db, wave))!;
  // Now or at each person's delivery time, within the weekly reminder cap (delivery-queue.ts).
  const r = await deliverOrHold(
    db,
    messenger,
    await rulesFor(db, messenger),
    wave,
    template,
    'remind',
    pending.map((p) => p.employeeId),
    input.now,
  );
  const recipients = r.sent.length + r.held.length;
  await db.insert(surveyManualReminders).values({
    waveId: wave.id,
    day: calendarDay(input.now, input.timeZone),
    sentAt: input.now.toISOString(),
    sentBy: input.actor.kind === 'employee' ? input.actor.employeeId : null,
    recipients,
  });
  await audit(db, input.actor, 'survey.remind', String(wave.id), {
    manual: true,
    recipients,
    ...(r.capped.length ? { capped: r.capped.length } : {}),
  });
  return { ok: true, wave, sent: recipients };
}
