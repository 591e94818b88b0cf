// HR and admins: launch a pulse, the report (charts come from the same K-protected read model) and its
// CSV export, the audit log with filters, and the anonymity threshold. Every route checks the role.
import type { FastifyInstance } from 'fastify';
import { and, count, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import { auditLog, employees, surveyParticipation, surveyWaves } from '../../db/schema.js';
import { surveyMessenger } from '../../bot/features/surveys.js';
import { audit, verifyAuditChain } from '../../domain/audit.js';
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
import { waveState } from '../../domain/surveys/wave-status.js';
import { surveySealKey } from '../../db/seal-key.js';
import { formatDate } from '../../../cards/survey.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';
import { pulseFor } from '../report-json.js';
import { auditActionOptions, describeAuditRows } from '../audit-rows.js';

const DAY = 86_400_000;
const optionalId = z.coerce.number().int().positive().optional();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');

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

  api.get('/hr/launch-options', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    inTransaction(db, () => ensureDefaultTemplate(db));
    return {
      templates: listTemplates(db).map((t) => ({ id: t.id, name: t.name[v.locale] })),
      units: allUnits(db).map((u) => ({ id: u.id, name: u.name, path: u.path })),
    };
  });

  api.post('/hr/waves', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = parse(
      z.object({
        templateId: z.number().int().positive(),
        audienceUnitId: z.number().int().positive().nullable(),
        days: z.number().int(),
      }),
      req.body,
    );
    if (body.days < 1 || body.days > 60)
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { days: v.t('survey.error.days') });
    // Find the people who never talked to the bot first (network), then launch in one transaction.
    const audience = (waveAudience(db, body.audienceUnitId) ?? []).map((p) => p.id);
    if (reach.needsLookup(audience, { force: true })) await reach.resolve(audience, { force: true });
    const at = now();
    const r = inTransaction(db, () =>
      launchWave(db, surveyMessenger(db, notifierOf(deps), config, reach.running), {
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
    const unreachable = reach.reachOf(r.unreachable).unreachable.map((u) => ({
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
    };
  });

  // Close a wave now: its results are published (once) and it takes no more answers.
  api.post('/hr/waves/:id/close', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const r = inTransaction(db, () =>
      closeWave(db, surveySealKey(config), id, now(), { kind: 'employee', employeeId: v.person.id }),
    );
    if (r.ok) return { waveId: id, closed: true };
    if (r.code === 'unknown_wave') throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    if (r.code === 'closed') throw new ApiError(409, v.t('survey.error.closed'), 'closed');
    throw new ApiError(503, v.t('survey.error.unreadable'), 'unreadable');
  });

  api.get('/hr/waves', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const waves = db
      .select()
      .from(surveyWaves)
      .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id))
      .limit(50)
      .all();
    return {
      waves: waves.map((w) => {
        const rows = db
          .select({ answered: surveyParticipation.answered, n: count() })
          .from(surveyParticipation)
          .where(and(eq(surveyParticipation.waveId, w.id), eq(surveyParticipation.reachable, true)))
          .groupBy(surveyParticipation.answered)
          .all();
        return {
          id: w.id,
          title: getTemplate(db, w.templateId)?.name[v.locale] ?? '',
          openedAt: w.openedAt,
          closesAt: w.closesAt,
          closed: w.closedAt !== null || w.closesAt <= now().toISOString(),
          state: waveState(getWave(db, w.id)!, now()),
          asked: rows.reduce((s, r) => s + r.n, 0),
          answered: rows.filter((r) => r.answered).reduce((s, r) => s + r.n, 0),
        };
      }),
    };
  });

  api.get('/hr/report', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    return pulseFor(db, v, parse(z.object({ waveId: optionalId, unitId: optionalId }), req.query));
  });

  api.get('/hr/waves/:id/csv', async (req, reply) => {
    const v = viewerOf(req);
    requireHr(v);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const wave = getWave(db, id);
    if (!wave) throw new ApiError(404, v.t('survey.error.unknown_wave'), 'not_found');
    const csv = inTransaction(db, () => {
      const body = pulseCsv(db, id, v.locale);
      // An export of results is a sensitive view: recorded with who and which wave.
      if (body !== undefined)
        audit(db, { kind: 'employee', employeeId: v.person.id }, 'survey.report.export', `wave:${id}`, {
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
  api.get('/hr/audit', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const q = parse(
      z.object({
        action: z.string().max(80).optional(),
        actorId: optionalId,
        from: day.optional(),
        to: day.optional(),
        before: optionalId,
        until: optionalId,
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      req.query,
    );
    const until =
      q.until ??
      Number(
        db
          .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` })
          .from(auditLog)
          .get()?.id ?? 0,
      );
    const where = and(
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.actorId ? eq(auditLog.actorEmployeeId, q.actorId) : undefined,
      q.from ? gte(auditLog.at, `${q.from}T00:00:00.000Z`) : undefined,
      // `to` is inclusive: everything before the next day.
      q.to ? lt(auditLog.at, new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY).toISOString()) : undefined,
      q.before ? lt(auditLog.id, q.before) : undefined,
      lte(auditLog.id, until),
    );
    const rows = db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorKind: auditLog.actorKind,
        actorId: auditLog.actorEmployeeId,
        actor: employees.name,
        action: auditLog.action,
        subject: auditLog.subject,
        detail: auditLog.detail,
      })
      .from(auditLog)
      .leftJoin(employees, eq(employees.id, auditLog.actorEmployeeId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.limit)
      .offset(q.offset)
      .all();
    const actions = db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .orderBy(auditLog.action)
      .all()
      .map((r) => r.action);
    const actors = db
      .selectDistinct({ id: employees.id, name: employees.name })
      .from(auditLog)
      .innerJoin(employees, eq(employees.id, auditLog.actorEmployeeId))
      .orderBy(employees.name)
      .all();
    const total = Number(
      db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(where)
        .get()?.n ?? 0,
    );
    // The filters are what was looked at; paging (offset, until, limit) is not.
    const filters = Object.fromEntries(
      Object.entries(q).filter(([k, x]) => x !== undefined && !['limit', 'offset', 'until'].includes(k)),
    );
    inTransaction(db, () =>
      audit(db, { kind: 'employee', employeeId: v.person.id }, 'audit.view', undefined, { filters }),
    );
    return {
      rows: describeAuditRows(db, rows, v.t, v.locale),
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
  api.get('/hr/settings/retention', async (req) => {
    requireHr(viewerOf(req));
    return { retention: retention(db), limits: retentionLimits() };
  });

  api.put('/hr/settings/retention', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = parse(z.record(z.string().max(40), z.number()), req.body);
    const known = Object.keys(retentionLimits());
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length)
      throw new ApiError(
        400,
        v.t('error.invalidInput'),
        'invalid',
        Object.fromEntries(unknown.map((k) => [k, v.t('web.retention.unknown')])),
      );
    const r = inTransaction(db, () => setRetention(db, body, { kind: 'employee', employeeId: v.person.id }));
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
  api.get('/hr/audit/verify', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const check = verifyAuditChain(db);
    inTransaction(db, () =>
      audit(db, { kind: 'employee', employeeId: v.person.id }, 'audit.verify', undefined, { ...check }),
    );
    return check;
  });

  api.get('/hr/settings', async (req) => {
    requireHr(viewerOf(req));
    return {
      anonymityThreshold: anonymityThreshold(db),
      commentThreshold: commentThreshold(db),
      minimum: MIN_K,
      maximum: MAX_K,
      commentMaximum: MAX_COMMENT_K,
    };
  });

  // K and the comment threshold for waves launched from now on; each wave keeps the ones it was sent with.
  api.put('/hr/settings/anonymity', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = parse(z.object({ k: z.number(), commentK: z.number().optional() }), req.body);
    const actor = { kind: 'employee', employeeId: v.person.id } as const;
    const r = inTransaction(db, () => {
      // Only what changed is written (and audited): the page sends both fields on every save.
      if (body.k !== anonymityThreshold(db) && !setAnonymityThreshold(db, body.k, actor).ok)
        return { ok: false } as const;
      if (
        body.commentK !== undefined &&
        body.commentK !== commentThreshold(db) &&
        !setCommentThreshold(db, body.commentK, actor).ok
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
    return { anonymityThreshold: anonymityThreshold(db), commentThreshold: commentThreshold(db) };
  });
}
