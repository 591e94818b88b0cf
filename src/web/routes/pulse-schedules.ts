// HR: recurring pulse schedules — the list with the next runs in the company's time zone, a preview of a
// cron expression before saving, creating one (the same domain function as `/survey schedule` in chat)
// and pausing / resuming (audited).
import type { FastifyInstance } from 'fastify';
import { desc, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import { surveyWaves } from '../../db/schema.js';
import { allUnits } from '../../domain/org/units.js';
import {
  createSchedule,
  listSchedules,
  nextRuns,
  parseCron,
  setScheduleActive,
} from '../../domain/surveys/schedules.js';
import { getTemplate, listTemplates } from '../../domain/surveys/templates.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { fieldError, parse } from '../errors.js';

const PREVIEW_RUNS = 3;
const cronField = z.string().trim().min(1).max(100);

export function registerPulseScheduleRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tz = config.defaultTimezone;
  const runs = (cron: string) => nextRuns(cron, tz, now(), PREVIEW_RUNS).map((d) => d.toISOString());

  api.get('/hr/schedules', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const units = allUnits(db);
    // The last run is the last wave a schedule actually launched.
    const lastRuns = new Map<number, string>();
    for (const w of db
      .select({ scheduleId: surveyWaves.scheduleId, openedAt: surveyWaves.openedAt })
      .from(surveyWaves)
      .where(isNotNull(surveyWaves.scheduleId))
      .orderBy(desc(surveyWaves.openedAt))
      .all()) {
      if (w.scheduleId !== null && !lastRuns.has(w.scheduleId)) lastRuns.set(w.scheduleId, w.openedAt);
    }
    return {
      timezone: tz,
      schedules: listSchedules(db).map((s) => ({
        id: s.id,
        template: { id: s.templateId, name: getTemplate(db, s.templateId)?.name[v.locale] ?? '' },
        cron: s.cron,
        timezone: s.timezone,
        nextRuns: s.active ? nextRuns(s.cron, s.timezone, now(), PREVIEW_RUNS).map((d) => d.toISOString()) : [],
        unit: s.audienceUnitId === null ? null : (units.find((u) => u.id === s.audienceUnitId)?.path ?? null),
        durationDays: s.durationDays,
        reminderDays: JSON.parse(s.reminderDays) as number[],
        active: s.active,
        lastRun: lastRuns.get(s.id) ?? null,
      })),
      templates: listTemplates(db).map((t) => ({ id: t.id, name: t.name[v.locale] })),
      units: units.map((u) => ({ id: u.id, name: u.name, path: u.path })),
    };
  });

  api.get('/hr/schedules/preview', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { cron } = parse(z.object({ cron: cronField }), req.query);
    if (!parseCron(cron, tz).ok) throw fieldError(v.t, { cron: v.t('pulseAdmin.field.cron') });
    return { timezone: tz, runs: runs(cron) };
  });

  api.post('/hr/schedules', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = parse(
      z.object({
        templateId: z.number().int().positive(),
        cron: cronField,
        audienceUnitId: z.number().int().positive().nullable(),
        durationDays: z.number().int().min(1).max(60),
        reminderDays: z.array(z.number().int().min(1).max(59)).max(5),
      }),
      req.body,
    );
    if (!getTemplate(db, body.templateId)) throw fieldError(v.t, { templateId: v.t('survey.error.unknown_template') });
    if (body.audienceUnitId !== null && !allUnits(db).some((u) => u.id === body.audienceUnitId))
      throw fieldError(v.t, { audienceUnitId: v.t('survey.error.unknown_unit') });
    if (body.reminderDays.some((d) => d >= body.durationDays))
      throw fieldError(v.t, { reminderDays: v.t('pulseAdmin.field.reminders') });
    const r = inTransaction(db, () =>
      createSchedule(db, {
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
        r.code === 'bad_cron' ? { cron: v.t('pulseAdmin.field.cron') } : { durationDays: v.t('survey.error.days') },
      );
    return { id: r.id, nextRuns: runs(body.cron) };
  });

  api.post('/hr/schedules/:id/active', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const { active } = parse(z.object({ active: z.boolean() }), req.body);
    const r = inTransaction(db, () =>
      setScheduleActive(db, id, active, { kind: 'employee', employeeId: v.person.id }, now()),
    );
    if (!r.ok) throw new ApiError(404, v.t('pulseAdmin.error.scheduleNotFound'), 'not_found');
    return { id, active: r.schedule.active };
  });
}
