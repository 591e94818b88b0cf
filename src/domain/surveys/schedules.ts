// Recurring surveys. A schedule is a cron expression in the company's time zone. Schedules only
// enqueue: a periodic tick asks "which runs are due?", launches each schedule's latest due run once, and
// records it — so runs missed while the server was down are launched once on start, never twice.
import { CronExpressionParser } from 'cron-parser';
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveySchedules, surveyWaves } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { launchWave, type SurveyMessenger } from './waves.js';
import { isShortSize, shortRoundItems } from './short-format.js';
import { getTemplate } from './templates.js';
import { returnedRow } from '../../db/rows.js';

const DAY = 24 * 60 * 60 * 1000;

export function parseCron(expr: string, tz: string): { ok: true } | { ok: false; reason: string } {
  if (expr.trim().split(/\s+/).length !== 5)
    return { ok: false, reason: 'expected 5 fields: minute hour day month weekday' };
  try {
    CronExpressionParser.parse(expr, { tz });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The latest time at or before `now` the expression fires, if it is after `since`. */
export function latestDueRun(expr: string, tz: string, since: Date, now: Date): Date | undefined {
  const prev = CronExpressionParser.parse(expr, { tz, currentDate: new Date(now.getTime() + 1) })
    .prev()
    .toDate();
  return prev.getTime() > since.getTime() ? prev : undefined;
}

export interface ScheduleInput {
  templateId: number;
  cron: string;
  timezone: string;
  audienceUnitId: number | null;
  durationDays: number;
  reminderDays: number[];
  /** The short weekly format: 3–5 items a wave (short-format.ts); absent or null: the whole template. */
  shortSize?: number | null;
  actor: Actor;
  now: Date;
}

export async function createSchedule(
  db: Db,
  input: ScheduleInput,
): Promise<
  { ok: true; id: number } | { ok: false; code: 'bad_cron' | 'bad_duration' | 'bad_short_size'; reason?: string }
> {
  const cron = parseCron(input.cron, input.timezone);
  if (!cron.ok) return { ok: false, code: 'bad_cron', reason: cron.reason };
  if (!Number.isInteger(input.durationDays) || input.durationDays < 1 || input.durationDays > 60)
    return { ok: false, code: 'bad_duration' };
  const shortSize = input.shortSize ?? null;
  if (shortSize !== null && !isShortSize(shortSize)) return { ok: false, code: 'bad_short_size' };
  const row = returnedRow(
    await db
      .insert(surveySchedules)
      .values({
        templateId: input.templateId,
        cron: input.cron.trim(),
        timezone: input.timezone,
        audienceUnitId: input.audienceUnitId,
        durationDays: input.durationDays,
        reminderDays: JSON.stringify(input.reminderDays.filter((d) => d < input.durationDays)),
        // Nothing before the schedule existed is "missed".
        lastRunFor: input.now.toISOString(),
        shortSize,
        createdBy: input.actor.kind === 'employee' ? input.actor.employeeId : null,
      })
      .returning({ id: surveySchedules.id }),
    'insert surveySchedules',
  );
  await audit(db, input.actor, 'survey.schedule.create', String(row.id), {
    cron: input.cron,
    timezone: input.timezone,
    audienceUnitId: input.audienceUnitId,
    ...(shortSize !== null ? { shortSize } : {}),
  });
  return { ok: true, id: row.id };
}

/** Launch every schedule's latest due run once. Returns the launched wave ids. */
export async function runDueSchedules(db: Db, messenger: SurveyMessenger, now: Date): Promise<number[]> {
  const launched: number[] = [];
  for (const s of await db.select().from(surveySchedules).where(eq(surveySchedules.active, true))) {
    const due = latestDueRun(s.cron, s.timezone, new Date(s.lastRunFor ?? s.createdAt), now);
    if (!due) continue;
    // Recorded first (same transaction): a failed launch (e.g. an emptied audience) is not retried every tick.
    await db.update(surveySchedules).set({ lastRunFor: due.toISOString() }).where(eq(surveySchedules.id, s.id));
    const reminderDays = JSON.parse(s.reminderDays) as number[];
    const itemIds = s.shortSize === null ? undefined : await nextShortItems(db, s.id, s.templateId, s.shortSize);
    const r = await launchWave(db, messenger, {
      templateId: s.templateId,
      audienceUnitId: s.audienceUnitId,
      closesAt: new Date(now.getTime() + s.durationDays * DAY),
      reminderDays,
      now,
      actor: { kind: 'system' },
      scheduleId: s.id,
      scheduledFor: due.toISOString(),
      itemIds,
    });
    if (r.ok) launched.push(r.wave.id);
    else
      await audit(db, { kind: 'system' }, 'survey.schedule.failed', String(s.id), {
        code: r.code,
        scheduledFor: due.toISOString(),
      });
  }
  return launched;
}

/** A short-format schedule's next wave: its round is how many waves the schedule has launched so far. */
async function nextShortItems(db: Db, scheduleId: number, templateId: number, size: number): Promise<number[]> {
  const template = await getTemplate(db, templateId);
  if (!template) return [];
  const [row] = await db.select({ n: count() }).from(surveyWaves).where(eq(surveyWaves.scheduleId, scheduleId));
  return shortRoundItems(template.items, size, row?.n ?? 0);
}

/** The next `n` times the expression fires after `from`, in the given time zone (for previews). */
export function nextRuns(expr: string, tz: string, from: Date, n: number): Date[] {
  const it = CronExpressionParser.parse(expr, { tz, currentDate: from });
  return Array.from({ length: n }, () => it.next().toDate());
}

export type Schedule = typeof surveySchedules.$inferSelect;

export async function listSchedules(db: Db): Promise<Schedule[]> {
  return await db.select().from(surveySchedules).orderBy(asc(surveySchedules.id));
}

/** Pause or resume a schedule. A resumed schedule does not catch up on the runs it missed while paused:
 *  those were deliberately not sent, so the clock restarts at `now`. */
export async function setScheduleActive(
  db: Db,
  id: number,
  active: boolean,
  actor: Actor,
  now: Date,
): Promise<{ ok: true; schedule: Schedule } | { ok: false; code: 'not_found' }> {
  const row = (await db.select().from(surveySchedules).where(eq(surveySchedules.id, id)).limit(1))[0];
  if (!row) return { ok: false, code: 'not_found' };
  if (row.active === active) return { ok: true, schedule: row };
  const updated = returnedRow(
    await db
      .update(surveySchedules)
      .set(active ? { active, lastRunFor: now.toISOString() } : { active })
      .where(eq(surveySchedules.id, id))
      .returning(),
    'update surveySchedules',
  );
  await audit(db, actor, active ? 'survey.schedule.resume' : 'survey.schedule.pause', String(id));
  return { ok: true, schedule: updated };
}
