// A person's status page (issue 25 §1): GET /people/:id/status for HR and the person's manager chain (403
// with the reason otherwise, 404 for nobody), every view audited in the same transaction as the read; the
// conversation a signal proposes; and HR's CSV paste of indicator values (all or nothing, audited).
import type { FastifyInstance } from 'fastify';
import { publishRequest } from '../../bot/features/approval-views.js';
import { talkCardKey, talkCardRenderer } from '../../bot/features/rating-notices.js';
import { importIndicatorCsv } from '../../domain/indicators/task-completion.js';
import { getPerson } from '../../domain/org/employees.js';
import { signalText } from '../../domain/people/signal-text.js';
import { mayViewStatus } from '../../domain/people/status-access.js';
import { auditStatusView, proposeTalk, statusAccessFor, statusPeople } from '../../domain/people/status-actions.js';
import { personStatus } from '../../domain/people/status.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import { calendarDay } from '../../domain/surveys/calendar-day.js';
import { unitOfWork, type Db } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { dateTimeFormat } from '../../intl-format.js';
import { notifierOf, requireHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerPersonStatusRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  /** The page's facts for a viewer allowed to see them (403/404 otherwise); `tx` audits the view. */
  async function allowedStatus(tx: Db, v: Viewer, id: number) {
    const access = await statusAccessFor(tx, v.person, id);
    if (access === undefined) throw new ApiError(404, v.t('status.error.not_found'), 'not_found');
    if (!mayViewStatus(access))
      throw new ApiError(403, v.t(access === 'self' ? 'status.error.self' : 'status.error.forbidden'), 'forbidden');
    const timeZone = await companyTimeZone(tx, config.defaultTimezone);
    const status = (await personStatus(tx, { personId: id, today: calendarDay(now(), timeZone) }))!;
    return { status, timeZone };
  }

  serve(api, 'GET /people/status', async (req) => {
    const v = viewerOf(req);
    return { people: await statusPeople(db, v.person) };
  });

  serve(api, 'GET /people/:id/status', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const { status, timeZone } = await unitOfWork(db, async (tx) => {
      const r = await allowedStatus(tx, v, id);
      await auditStatusView(tx, v.person, id);
      return r;
    });
    const l = v.locale;
    // Days, not times: a cycle's close or a claim's filing reads as the day it happened (company time zone).
    const days = dateTimeFormat(l, { timeZone, year: 'numeric', month: 'short', day: 'numeric' });
    const day = (iso: string) => days.format(new Date(iso));
    const dimensionName = (key: string) =>
      status.ratings.flatMap((r) => r.dimensions).find((d) => d.key === key)?.name[l] ??
      status.talks.find((t) => t.dimension === key)?.dimensionName[l] ??
      key;
    return {
      person: status.person,
      ratings: status.ratings.map((r) => ({
        cycleId: r.cycleId,
        closed: day(r.closedAt),
        scheme: r.scheme[l],
        composite: r.composite,
        dimensions: r.dimensions.map((d) => ({ key: d.key, name: d.name[l], score: d.score })),
        lowest: r.lowest.map((k) => r.dimensions.find((d) => d.key === k)?.name[l] ?? k),
      })),
      attendance: status.attendance,
      tasks: status.tasks,
      points: {
        balance: status.points.balance,
        claims: status.points.claims.map((c) => ({
          requestId: c.requestId,
          description: c.description,
          points: c.points,
          status: c.status,
          statusText: v.t(`approval.status.${c.status}` as MessageKey),
          created: day(c.createdAt),
        })),
      },
      training: status.training.map((t) => ({
        course: t.course[l],
        state: t.state,
        stateText: v.t(`status.training.${t.state}` as MessageKey),
        completed: t.completedAt ? day(t.completedAt) : null,
      })),
      talks: status.talks.map((t) => ({
        id: t.id,
        dimension: t.dimensionName[l],
        scores: t.scores,
        status: t.status,
        due: day(t.dueAt),
        done: t.doneAt ? day(t.doneAt) : null,
      })),
      signals: status.signals.map((s) => ({
        rule: s.rule,
        cycleId: s.cycleId,
        dimension: s.dimension,
        text: signalText(s, s.dimensionName[l] ?? dimensionName(s.dimension), v.t),
        talk: s.talk,
      })),
    };
  });

  serve(api, 'POST /people/:id/status/talks', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const r = await unitOfWork(db, async (tx) => {
      const { status } = await allowedStatus(tx, v, id);
      const { cycleId, dimension } = input.body();
      const proposed = await proposeTalk(tx, { viewer: v.person, status, cycleId, dimension, now: now() });
      if (proposed.ok && proposed.created)
        await notifierOf(deps).toEmployee(proposed.talk.managerId, await talkCardRenderer(tx, config, proposed.talk), {
          cardKey: talkCardKey(proposed.talk.id),
        });
      return proposed;
    });
    if (!r.ok) throw new ApiError(409, v.t(`status.error.${r.code}`), r.code);
    deps.worker.kick();
    const manager = (await getPerson(db, r.talk.managerId))!;
    return {
      talk: { id: r.talk.id, status: r.talk.status },
      created: r.created,
      manager: { id: manager.id, name: manager.name },
    };
  });

  serve(api, 'POST /hr/indicators/import', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { indicator, csv } = input.body();
    const timeZone = await companyTimeZone(db, config.defaultTimezone);
    const r = await unitOfWork(db, async (tx) => {
      const imported = await importIndicatorCsv(tx, {
        indicatorKey: indicator,
        text: csv,
        actor: { kind: 'employee', employeeId: v.person.id },
        now: now(),
        timeZone,
        defaultLocale: config.defaultLocale,
      });
      if (imported.ok)
        for (const c of imported.report.claims)
          if ('request' in c)
            await publishRequest(tx, notifierOf(deps), config, c.request, {
              newlyAsked: c.asked,
              outcome: 'submitted',
            });
      return imported;
    });
    if (!r.ok)
      return reply.code(400).send({
        error: v.t('error.invalidInput'),
        code: 'invalid_rows',
        problems: r.errors.map((e) => ({
          line: e.line,
          message: ['header', 'columns', 'value', 'empty', 'too_many'].includes(e.code)
            ? v.t(`indicators.csv.${e.code}` as MessageKey, { line: e.line, value: e.value })
            : v.t('indicators.csv.row', {
                line: e.line,
                message: v.t(`ingest.row.${e.code}` as MessageKey, { value: e.value }),
              }),
        })),
      });
    deps.worker.kick();
    return {
      created: r.report.created,
      updated: r.report.updated,
      unchanged: r.report.unchanged,
      claims: r.report.claims.filter((c) => 'requestId' in c).length,
    };
  });
}
