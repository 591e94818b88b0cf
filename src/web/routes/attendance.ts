// Attendance in the mini-app: the "today" page (unit heads for the units they lead, HR for any unit; 403 for
// everyone else), HR's CSV import (400 naming every bad line, nothing written) and HR's "sync now", which reads
// Feishu's and DingTalk's attendance as the hourly job does.
import type { FastifyInstance } from 'fastify';
import { attendanceSources, syncAttendance } from '../../bot/attendance-sync.js';
import { csvProblems } from '../../bot/features/attendance.js';
import { importAttendanceCsv } from '../../domain/attendance/attendance-csv.js';
import { todayView } from '../../domain/attendance/today.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { calendarDay } from '../../domain/surveys/calendar-day.js';
import { isHr, requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerAttendanceRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const sources = () => attendanceSources(deps.adapters.values());
  const companyToday = async () => calendarDay(now(), await companyTimeZone(db, config.defaultTimezone));

  serve(api, 'GET /attendance/today', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { unit } = input.query();
    const r = await todayView(db, v.person, { unit, day: await companyToday() });
    if (!r.ok) {
      if (r.code === 'not_found') throw new ApiError(404, v.t('attendance.error.unit'), 'not_found');
      throw new ApiError(403, v.t('attendance.error.forbidden'), 'forbidden');
    }
    return { ...r.view, hr: isHr(v.person), platforms: [...sources().keys()] };
  });

  serve(api, 'POST /hr/attendance/import', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { csv } = input.body();
    const r = await importAttendanceCsv(
      db,
      csv,
      { kind: 'employee', employeeId: v.person.id },
      { now: now(), today: await companyToday() },
    );
    if (!r.ok) {
      const messages = csvProblems(r.errors, v.t);
      return reply.code(400).send({
        error: v.t('attendance.import.refused'),
        code: 'invalid_rows',
        problems: r.errors.map((e, i) => ({ line: e.line, message: messages[i]! })),
      });
    }
    return { written: r.written, people: r.people };
  });

  serve(api, 'POST /hr/attendance/sync', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const reports = [];
    for (const [platform, source] of sources()) {
      const name = v.t(`attendance.platform.${platform}`);
      try {
        const r = await syncAttendance(
          db,
          platform,
          source,
          { kind: 'employee', employeeId: v.person.id },
          {
            now: now(),
            fallbackTimeZone: config.defaultTimezone,
          },
        );
        reports.push({
          platform,
          ok: true,
          written: r.written,
          noData: r.noData,
          skipped: r.skipped,
          lines: [
            v.t('attendance.sync.report', { platform: name, written: r.written, from: r.fromDay, to: r.toDay }),
            ...(r.noData.length ? [v.t('attendance.sync.noData', { platform: name, list: r.noData.join('、') })] : []),
            ...r.skipped.map((s) => v.t(`attendance.sync.${s.reason}`, { who: s.who, day: s.day })),
          ],
        });
      } catch (err) {
        deps.logger.error({ err, platform }, 'attendance sync failed');
        reports.push({
          platform,
          ok: false,
          written: 0,
          noData: [],
          skipped: [],
          lines: [v.t('attendance.sync.failed', { platform: name, reason: err instanceof Error ? err.message : '—' })],
        });
      }
    }
    return { reports };
  });
}
