// HR: recurring pulse schedules — the list with the next runs in the company's time zone, a preview of a
// cron expression before saving, creating one (the same domain function as `/survey schedule` in chat)
// and pausing / resuming (audited).
import type { FastifyInstance } from 'fastify';
import { allUnits } from '../../domain/org/units.js';
import {
  createSchedule,
  listSchedules,
  nextRuns,
  parseCron,
  setScheduleActive,
} from '../../domain/surveys/schedules.js';
import { getTemplate, listTemplates } from '../../domain/surveys/templates.js';
import { shortCycleLength } from '../../domain/surveys/short-format.js';
import { lastScheduledRuns } from '../../domain/surveys/wave-list.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, fieldError } from '../errors.js';
import { serve } from '../serve.js';

const PREVIEW_RUNS = 3;

export function registerPulseScheduleRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tz = config.defaultTimezone;
  const runs = (cron: string) => nextRuns(cron, tz, now(), PREVIEW_RUNS).map((d) => d.toISOString());

  serve(api, 'GET /hr/schedules', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const units = await allUnits(db);
    // The last run is the last wave a schedule actually launched.
    const lastRuns = await lastScheduledRuns(db);
    return {
      timezone: tz,
      schedules: await Promise.all(
        (await listSchedules(db)).map(async (s) => {
          const template = await getTemplate(db, s.templateId);
          const items = template?.items.length ?? 0;
          return {
            id: s.id,
            template: { id: s.templateId, name: template?.name[v.locale] ?? '' },
            cron: s.cron,
            timezone: s.timezone,
            nextRuns: s.active ? nextRuns(s.cron, s.timezone, now(), PREVIEW_RUNS).map((d) => d.toISOString()) : [],
            unit: s.audienceUnitId === null ? null : (units.find((u) => u.id === s.audienceUnitId)?.path ?? null),
            durationDays: s.durationDays,
            reminderDays: JSON.parse(s.reminderDays) as number[],
            active: s.active,
            lastRun: lastRuns.get(s.id) ?? null,
            short:
              s.shortSize === null ? null : { size: s.shortSize, cycle: shortCycleLength(items, s.shortSize), items },
          };
        }),
      ),
      templates: (await listTemplates(db)).map((t) => ({ id: t.id, name: t.name[v.locale] })),
      units: units.map((u) => ({ id: u.id, name: u.name, path: u.path })),
    };
  });

  serve(api, 'GET /hr/schedules/preview', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { cron } = input.query();
    if (!parseCron(cron, tz).ok) throw fieldError(v.t, { cron: v.t('pulseAdmin.field.cron') });
    return { timezone: tz, runs: runs(cron) };
  });

  serve(api, 'POST /hr/schedules', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    if (!(await getTemplate(db, body.templateId)))
      throw fieldError(v.t, { templateId: v.t('survey.error.unknown_template') });
    if (body.audienceUnitId !== null && !(await allUnits(db)).some((u) => u.id === body.audienceUnitId))
      throw fieldError(v.t, { audienceUnitId: v.t('survey.error.unknown_unit') });
    if (body.reminderDays.some((d) => d >= body.durationDays))
      throw fieldError(v.t, { reminderDays: v.t('pulseAdmin.field.reminders') });
    const r = await unitOfWork(
      db,
      async (tx) =>
        await createSchedule(tx, {
          ...body,
          timezone: tz,
          reminderDays: [...new Set(body.reminderDays)].sort((a, b) => a - b),
          actor: { kind: 'employee', employeeId: v.person.id },
          now: now(),
        }),
    );
    if (!r.ok)
      throw fieldError(
        v.t,
        r.code === 'bad_cron'
          ? { cron: v.t('pulseAdmin.field.cron') }
          : r.code === 'bad_short_size'
            ? { shortSize: v.t('pulseAdmin.field.shortSize') }
            : { durationDays: v.t('survey.error.days') },
      );
    return { id: r.id, nextRuns: runs(body.cron) };
  });

  serve(api, 'POST /hr/schedules/:id/active', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const { active } = input.body();
    const r = await unitOfWork(
      db,
      async (tx) => await setScheduleActive(tx, id, active, { kind: 'employee', employeeId: v.person.id }, now()),
    );
    if (!r.ok) throw new ApiError(404, v.t('pulseAdmin.error.scheduleNotFound'), 'not_found');
    return { id, active: r.schedule.active };
  });
}
