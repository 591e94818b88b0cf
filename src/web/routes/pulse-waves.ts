// HR's page for one wave: its state and dates, participation overall and by unit (counts only — see
// wave-status.ts), the planned reminders, and "remind non-respondents now" (one manual reminder per wave per
// calendar day, the same domain function as `/survey remind`). Closing is POST /hr/waves/:id/close (hr.ts).
import type { FastifyInstance } from 'fastify';
import { surveyMessenger } from '../../bot/features/surveys.js';
import { formatDate } from '../../../cards/survey.js';
import { manualReminderState, remindNonRespondents } from '../../domain/surveys/manual-reminders.js';
import { getTemplate } from '../../domain/surveys/templates.js';
import { waveStatus } from '../../domain/surveys/wave-status.js';
import { getWave, reminderTimes } from '../../domain/surveys/waves.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { notifierOf, requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerPulseWaveRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tz = config.defaultTimezone;

  serve(api, 'GET /hr/waves/:id', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const wave = await getWave(db, id);
    if (!wave) throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    const at = now();
    const status = await waveStatus(db, wave, at);
    const manual = await manualReminderState(db, wave, at, tz);
    return {
      id: wave.id,
      title: (await getTemplate(db, wave.templateId))?.name[v.locale] ?? '',
      state: status.state,
      openedAt: wave.openedAt.toISOString(),
      closesAt: wave.closesAt.toISOString(),
      closedAt: wave.closedAt?.toISOString() ?? null,
      // Dates as the company reads them (its time zone), like the planned reminders below.
      labels: {
        opened: formatDate(wave.openedAt, v.locale, tz),
        closes: formatDate(wave.closesAt, v.locale, tz),
        closed: wave.closedAt ? formatDate(wave.closedAt, v.locale, tz) : null,
      },
      k: status.k,
      participation: { asked: status.asked, answered: status.answered, rate: status.rate },
      units: status.units,
      reminders: {
        // A wave closed early never sends the reminders planned after it closed.
        planned: reminderTimes(wave)
          .filter((d) => d.getTime() < (wave.closedAt ?? wave.closesAt).getTime())
          .map((d) => ({ at: d.toISOString(), label: formatDate(d, v.locale, tz), past: d.getTime() <= at.getTime() })),
        lastManual: manual.last
          ? {
              at: manual.last.at.toISOString(),
              label: formatDate(manual.last.at, v.locale, tz),
              recipients: manual.last.recipients,
            }
          : null,
        nextManual: manual.nextAt
          ? { at: manual.nextAt.toISOString(), label: formatDate(manual.nextAt, v.locale, tz) }
          : null,
        canRemind: manual.available && status.answered < status.asked,
      },
    };
  });

  serve(api, 'POST /hr/waves/:id/remind', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await remindNonRespondents(tx, surveyMessenger(tx, notifierOf(deps), config), {
          waveId: id,
          now: at,
          timeZone: tz,
          actor: { kind: 'employee', employeeId: v.person.id },
        }),
    );
    deps.worker.kick();
    if (r.ok) return { waveId: id, sent: r.sent };
    if (r.code === 'unknown_wave') throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    if (r.code === 'closed') throw new ApiError(409, v.t('survey.error.closed'), 'closed');
    if (r.code === 'nobody_left') throw new ApiError(409, v.t('survey.error.nobody_left', { wave: id }), 'nobody_left');
    throw new ApiError(
      409,
      v.t('survey.error.already_today', { wave: id, next: formatDate(r.nextAt ?? at, v.locale, tz) }),
      'already_today',
    );
  });
}
