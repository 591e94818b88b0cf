// /today [unit]: the day's attendance for a unit head's units (HR: any unit named), as a card; everyone else is
// refused. /attendance import <csv>: HR pastes attendance lines in chat — all or nothing, each bad line named.
import { attendanceTodayCard } from '../../../cards/attendance-today.js';
import { confirmationCard, errorCard, usageCard } from '../../../cards/notice.js';
import { importAttendanceCsv, type AttendanceCsvError } from '../../domain/attendance/attendance-csv.js';
import { todayView, type TodayView } from '../../domain/attendance/today.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { calendarDay } from '../../domain/surveys/calendar-day.js';
import type { Translate } from '../../i18n/index.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';
import type { Router } from '../router.js';

export function todayCardOf(view: TodayView, url: string | undefined, t: Translate) {
  return attendanceTodayCard(
    {
      unit: view.unit.name,
      day: view.day,
      people: view.people,
      onTime: view.onTime,
      late: view.late.map((p) => ({ name: p.name, minutes: p.minutes })),
      onLeave: view.onLeave.map((p) => p.name),
      notClockedIn: view.notClockedIn.map((p) => p.name),
      absent: view.absent.map((p) => p.name),
      earlyLeave: view.earlyLeave.map((p) => p.name),
      noRecord: view.noRecord.map((p) => p.name),
      ...(url ? { appUrl: url } : {}),
    },
    t,
  );
}

/** Each bad line of a refused import, in the reader's words. */
export function csvProblems(errors: readonly AttendanceCsvError[], t: Translate): string[] {
  return errors.map((e) => t(`attendance.csv.${e.code}`, { line: e.line, value: e.value }));
}

const importUsage = (t: Translate) =>
  usageCard([t('attendance.import.usage')], t, {
    examples: ['/attendance import\nemployee,day,status,late_minutes\nliu.qiang@example.com,2026-12-07,late,12'],
  });

async function companyToday(ctx: HandlerContext): Promise<string> {
  return calendarDay(ctx.now, await companyTimeZone(ctx.db, ctx.config.defaultTimezone));
}

async function today(ctx: HandlerContext, args: string): Promise<void> {
  const r = await todayView(ctx.db, ctx.person, { unit: args.trim(), day: await companyToday(ctx) });
  if (!r.ok)
    return ctx.reply(
      errorCard(ctx.t(r.code === 'not_found' ? 'attendance.error.unit' : 'attendance.error.forbidden'), ctx.t),
    );
  await ctx.reply(todayCardOf(r.view, appUrl(ctx.config, `/today?unit=${r.view.unit.id}`), ctx.t));
}

async function importCsv(ctx: HandlerContext, text: string): Promise<void> {
  if (!(ctx.person.roles.includes('hr') || ctx.person.roles.includes('admin')))
    return ctx.reply(errorCard(ctx.t('attendance.error.hrOnly'), ctx.t));
  if (!text.trim()) return ctx.reply(importUsage(ctx.t));
  const r = await importAttendanceCsv(
    ctx.db,
    text,
    { kind: 'employee', employeeId: ctx.person.id },
    { now: ctx.now, today: await companyToday(ctx) },
  );
  if (!r.ok)
    return ctx.reply(
      errorCard(
        [ctx.t('attendance.import.refused'), ...csvProblems(r.errors, ctx.t).map((l) => `- ${l}`)].join('\n'),
        ctx.t,
      ),
    );
  await ctx.reply(
    confirmationCard(
      ctx.t('cmd.attendance.summary'),
      ctx.t('attendance.import.done', { n: r.written, people: r.people }),
    ),
  );
}

export function registerAttendance(router: Router): Router {
  return router
    .command({ name: 'today', aliases: ['今日', '考勤'], summary: 'cmd.today.summary', run: today })
    .command({
      name: 'attendance',
      roles: ['hr', 'admin'],
      summary: 'cmd.attendance.summary',
      async run(ctx, args) {
        const m = /^\s*import\b([\s\S]*)$/i.exec(args);
        if (!m) return ctx.reply(importUsage(ctx.t));
        await importCsv(ctx, m[1]!.replace(/^[ \t]*\n?/, ''));
      },
    });
}
