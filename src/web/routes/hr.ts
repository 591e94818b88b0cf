// HR and admins: launch a pulse, the report (charts come from the same K-protected read model) and its
// CSV export, the audit log with filters, and the anonymity threshold. Every route checks the role.
import type { FastifyInstance } from 'fastify';
import { surveyMessenger } from '../../bot/features/surveys.js';
import { audit, verifyAuditChain } from '../../domain/audit.js';
import { auditPage } from '../../domain/audit-page.js';
import { retention, retentionLimits, setRetention } from '../../domain/retention.js';
import { allUnits } from '../../domain/org/units.js';
import {
  anonymityThreshold,
  commentThreshold,
  setAnonymityThreshold,
  setCommentThreshold,
} from '../../domain/settings.js';
import { MAX_COMMENT_K, MAX_K, MIN_K } from '../../domain/surveys/anonymity.js';
import { pulseCsv } from '../../domain/surveys/report.js';
import { ensureDefaultTemplate, getTemplate, listTemplates } from '../../domain/surveys/templates.js';
import { closeWave, getWave, launchWave, reminderTimes, waveAudience } from '../../domain/surveys/waves.js';
import { createReach, reasonsText } from '../../bot/reach.js';
import { waveStatus } from '../../domain/surveys/wave-status.js';
import { latestWaves } from '../../domain/surveys/wave-list.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { surveySealKey } from '../../db/seal-key.js';
import { formatDate } from '../../../cards/survey.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';
import { pulseFor } from '../report-json.js';
import { registerReportTargetRoutes } from './report-targets.js';
import { auditActionOptions, describeAuditRows } from '../audit-rows.js';

const DAY = 86_400_000;

export function registerHrRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const reach = createReach({
    db,
    config,
    adapters: deps.adapters,
    logger: deps.logger,
    now,
    onEnqueued: () => deps.worker.kick(),
  });

  serve(api, 'GET /hr/launch-options', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    await unitOfWork(db, async (tx) => await ensureDefaultTemplate(tx));
    return {
      templates: (await listTemplates(db)).map((t) => ({ id: t.id, name: t.name[v.locale] })),
      units: (await allUnits(db)).map((u) => ({ id: u.id, name: u.name, path: u.path })),
    };
  });

  serve(api, 'POST /hr/waves', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    if (body.days < 1 || body.days > 60)
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { days: v.t('survey.error.days') });
    // Find the people who never talked to the bot first (network), then launch in one transaction.
    const audience = ((await waveAudience(db, body.audienceUnitId)) ?? []).map((p) => p.id);
    if (await reach.needsLookup(audience, { force: true })) await reach.resolve(audience, { force: true });
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await launchWave(tx, surveyMessenger(tx, notifierOf(deps), config, reach.running), {
          templateId: body.templateId,
          audienceUnitId: body.audienceUnitId,
          closesAt: new Date(at.getTime() + body.days * DAY),
          reminderDays: [3].filter((d) => d < body.days),
          now: at,
          actor: { kind: 'employee', employeeId: v.person.id },
        }),
    );
    deps.worker.kick();
    if (!r.ok)
      throw new ApiError(
        400,
        v.t(`survey.error.${r.code}` as MessageKey),
        r.code,
        r.code === 'unknown_template'
          ? { templateId: v.t('survey.error.unknown_template') }
          : r.code === 'unknown_unit' || r.code === 'empty_audience'
            ? { audienceUnitId: v.t(`survey.error.${r.code}`) }
            : undefined,
      );
    // The planned reminders, for the confirmation to state (reminder-plan.ts).
    // Who was not reached, and why, in the reader's language with what to fix (reachability is not anonymous data).
    const unreachable = (await reach.reachOf(r.unreachable)).unreachable.map((u) => ({
      employeeId: u.employeeId,
      name: u.name,
      reasons: u.reasons.map(({ platform, reason }) => ({ platform, reason })),
      text: reasonsText(u, v.t),
    }));
    return {
      waveId: r.wave.id,
      asked: r.asked,
      unreachable,
      reminders: reminderTimes(r.wave).map((d) => ({
        at: d.toISOString(),
        label: formatDate(d, v.locale, config.defaultTimezone),
      })),
      delivery: r.delivery,
    };
  });

  // Close a wave now: its results are published (once) and it takes no more answers.
  serve(api, 'POST /hr/waves/:id/close', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const r = await unitOfWork(
      db,
      async (tx) =>
        await closeWave(tx, surveySealKey(config), id, now(), { kind: 'employee', employeeId: v.person.id }),
    );
    if (r.ok) return { waveId: id, closed: true as const };
    if (r.code === 'unknown_wave') throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    if (r.code === 'closed') throw new ApiError(409, v.t('survey.error.closed'), 'closed');
    throw new ApiError(503, v.t('survey.error.unreadable'), 'unreadable');
  });

  serve(api, 'GET /hr/waves', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const at = now();
    return {
      waves: await Promise.all(
        (await latestWaves(db, 50)).map(async (w) => {
          const status = await waveStatus(db, (await getWave(db, w.id))!, at);
          return {
            id: w.id,
            title: (await getTemplate(db, w.templateId))?.name[v.locale] ?? '',
            openedAt: w.openedAt,
            closesAt: w.closesAt,
            closed: w.closedAt !== null || w.closesAt <= at.toISOString(),
            state: status.state,
            asked: status.asked,
            answered: status.answered,
          };
        }),
      ),
    };
  });

  registerReportTargetRoutes(api, deps);

  serve(api, 'GET /hr/report', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    return pulseFor(db, v, input.query(), now());
  });

  serve(api, 'GET /hr/waves/:id/csv', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = input.params();
    const wave = await getWave(db, id);
    if (!wave) throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    const csv = await unitOfWork(db, async (tx) => {
      const body = await pulseCsv(tx, id, v.locale);
      // An export of results is a sensitive view: recorded with who and which wave.
      if (body !== undefined)
        await audit(tx, { kind: 'employee', employeeId: v.person.id }, 'survey.report.export', `wave:${id}`, {
          format: 'csv',
        });
      return body;
    });
    // An open wave has no results yet: nothing to export until it closes.
    if (csv === undefined)
      throw new ApiError(
        409,
        v.t('report.csv.open', { wave: id, date: formatDate(wave.closesAt, v.locale, config.defaultTimezone) }),
        'open',
      );
    // The BOM makes Excel read the UTF-8 unit names (中文) correctly.
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pulse-wave-${id}.csv"`)
      .send(`\uFEFF${csv}`);
  });

  // The audit log a page at a time ("1–50 of 126", next and previous). `until` pins the listing to the rows
  // that existed when it was first opened: viewing the log writes an audit row itself, and without the pin
  // every page turn would shift the rows by one (a row seen twice, or one never seen).
  serve(api, 'GET /hr/audit', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const q = input.query();
    const { rows, actions, actors, total, until } = await auditPage(db, q);
    // The filters are what was looked at; paging (offset, until, limit) is not.
    const filters = Object.fromEntries(
      Object.entries(q).filter(([k, x]) => x !== undefined && !['limit', 'offset', 'until'].includes(k)),
    );
    await unitOfWork(
      db,
      async (tx) =>
        await audit(tx, { kind: 'employee', employeeId: v.person.id }, 'audit.view', undefined, { filters }),
    );
    return {
      rows: await describeAuditRows(db, rows, v.t, v.locale),
      actions: auditActionOptions(actions, v.t),
      actors,
      next: rows.length === q.limit ? rows.at(-1)!.id : null,
      total,
      offset: q.offset,
      limit: q.limit,
      until,
    };
  });

  // Retention periods (nightly prune); all or nothing, each value checked against its range.
  serve(api, 'GET /hr/settings/retention', async (req) => {
    requireHr(viewerOf(req));
    return { retention: await retention(db), limits: retentionLimits() };
  });

  serve(api, 'PUT /hr/settings/retention', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const known = Object.keys(retentionLimits());
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length)
      throw new ApiError(
        400,
        v.t('error.invalidInput'),
        'invalid',
        Object.fromEntries(unknown.map((k) => [k, v.t('web.retention.unknown')])),
      );
    const r = await unitOfWork(
      db,
      async (tx) => await setRetention(tx, body, { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok)
      throw new ApiError(
        400,
        v.t('error.invalidInput'),
        'invalid',
        Object.fromEntries(
          Object.entries(r.fields).map(([k, [min, max]]) => [k, v.t('web.retention.range', { min, max })]),
        ),
      );
    return { retention: r.retention };
  });

  // The chain check: has any row of the audit log been edited, inserted or removed?
  serve(api, 'GET /hr/audit/verify', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const check = await verifyAuditChain(db);
    await unitOfWork(
      db,
      async (tx) =>
        await audit(tx, { kind: 'employee', employeeId: v.person.id }, 'audit.verify', undefined, { ...check }),
    );
    return check;
  });

  serve(api, 'GET /hr/settings', async (req) => {
    requireHr(viewerOf(req));
    return {
      anonymityThreshold: await anonymityThreshold(db),
      commentThreshold: await commentThreshold(db),
      minimum: MIN_K,
      maximum: MAX_K,
      commentMaximum: MAX_COMMENT_K,
    };
  });

  // K and the comment threshold for waves launched from now on; each wave keeps the ones it was sent with.
  serve(api, 'PUT /hr/settings/anonymity', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const actor = { kind: 'employee', employeeId: v.person.id } as const;
    const r = await unitOfWork(db, async (tx) => {
      // Only what changed is written (and audited): the page sends both fields on every save.
      if (body.k !== (await anonymityThreshold(tx)) && !(await setAnonymityThreshold(tx, body.k, actor)).ok)
        return { ok: false } as const;
      if (
        body.commentK !== undefined &&
        body.commentK !== (await commentThreshold(tx)) &&
        !(await setCommentThreshold(tx, body.commentK, actor)).ok
      )
        throw new ApiError(400, v.t('error.invalidInput'), 'invalid', {
          commentK: v.t('survey.error.commentThreshold', { min: body.k, max: MAX_COMMENT_K }),
        });
      return { ok: true } as const;
    });
    if (!r.ok)
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', {
        k: v.t('survey.error.threshold', { min: MIN_K, max: MAX_K }),
      });
    return { anonymityThreshold: await anonymityThreshold(db), commentThreshold: await commentThreshold(db) };
  });
}
