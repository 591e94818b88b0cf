// Managers (and anyone a request waits on): the approvals inbox with timelines and decisions; the team's
// pulse results (K-protected) and point distribution — only for the units the viewer leads (HR: all).
import type { FastifyInstance } from 'fastify';
import { publishRequest } from '../../bot/features/approval-views.js';
import { act, loadRequest, requestsFor, type RequestView } from '../../domain/approvals/requests.js';
import { requestIdsDecidedBy } from '../../domain/approvals/decided-by.js';
import { employeeIdsInUnits } from '../../domain/org/people-in-units.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { getTag } from '../../domain/points/catalogue.js';
import { allUnits, subtreeIds, visibleUnitIds } from '../../domain/org/units.js';
import { leaderboard } from '../../domain/points/ledger.js';
import { periodRange } from '../../domain/points/periods.js';
import { companyTimeZone } from '../../domain/points/submit-claim.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, requireManager, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { alreadyDecided } from './approval-conflict.js';
import { pulseFor } from '../report-json.js';
import { serve } from '../serve.js';
import { requestJson } from '../views.js';

export function registerManagerRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  /** What the app's "adjust points" form needs (the claimed points and the tag's range), where one may adjust. */
  const withAdjust = async <J extends { canAdjust: boolean }>(json: J, req: RequestView) => {
    const tag = json.canAdjust && req.payload.kind === 'point_claim' ? await getTag(db, req.payload.tagId) : undefined;
    return tag && req.payload.kind === 'point_claim'
      ? { ...json, adjust: { points: req.payload.points, min: tag.minPoints, max: tag.maxPoints } }
      : json;
  };

  // The approvals centre's tabs, as in Feishu's and DingTalk's approval apps: waiting on me, decided by me,
  // sent by me — each with its count, the chosen tab's requests newest first. (A "CC me" tab needs copies
  // to exist; flows have no CC step yet, so there is no such tab.) `waiting` stays for older clients.
  serve(api, 'GET /approvals', async (req, _reply, input) => {
    const v = viewerOf(req);
    const q = input.query();
    const me = v.person.id;
    const { waiting, mine } = await requestsFor(db, me);
    const decidedIds = await requestIdsDecidedBy(db, me);
    const counts = { waiting: waiting.length, done: decidedIds.length, mine: mine.length };
    const newestFirst = (a: { id: number }, b: { id: number }) => b.id - a.id;
    const chosen =
      q.tab === 'waiting'
        ? waiting.sort(newestFirst).slice(0, q.limit)
        : q.tab === 'mine'
          ? mine.sort(newestFirst).slice(0, q.limit)
          : (await Promise.all(decidedIds.slice(0, q.limit).map(async (id) => await loadRequest(db, id)))).flatMap(
              (r) => r ?? [],
            );
    const requests = await Promise.all(
      chosen.map(async (r) => await withAdjust(await requestJson(db, config, r, me, v.locale), r)),
    );
    return { tab: q.tab, counts, requests, ...(q.tab === 'waiting' ? { waiting: requests } : {}) };
  });

  serve(api, 'POST /approvals/:id/decision', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const body = input.body();
    if (body.decision !== 'approve' && !body.reason.trim())
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { reason: v.t('approval.error.reason_required') });
    const event =
      body.decision === 'approve'
        ? { type: 'approve' as const, actorId: v.person.id }
        : { type: body.decision, actorId: v.person.id, reason: body.reason };
    let adjust: { points: number; reason: string; min: number; max: number } | undefined;
    if (body.decision === 'approve' && body.points !== undefined) {
      // The same checks as the chat's adjust form (src/bot/features/approvals.ts), answered at the fields.
      const req = await loadRequest(db, id);
      if (!req) throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
      if (req.payload.kind !== 'point_claim')
        throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { points: v.t('approval.error.bad_adjustment') });
      const tag = await getTag(db, req.payload.tagId);
      if (!tag) throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
      const reason = body.reason ?? '';
      const fields: Record<string, string> = {};
      if (body.points < tag.minPoints || body.points > tag.maxPoints)
        fields.points = v.t('approval.error.points', { min: tag.minPoints, max: tag.maxPoints });
      if (body.points !== req.payload.points && !reason.trim()) fields.reason = v.t('approval.error.reason_required');
      if (Object.keys(fields).length) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
      adjust = { points: body.points, reason, min: tag.minPoints, max: tag.maxPoints };
    }
    const r = await unitOfWork(db, async (tx) => {
      const res = await act(tx, { requestId: id, event, expectedVersion: body.version, adjust, now: now() });
      // The chat cards of everyone involved are redrawn in place, like a decision taken in chat.
      if (res.ok) {
        await publishRequest(tx, notifierOf(deps), config, res.request, {
          newlyAsked: res.asked,
          outcome: res.outcome,
        });
        for (const m of res.rerouted)
          await publishRequest(tx, notifierOf(deps), config, m.request, { newlyAsked: m.asked, outcome: 'advanced' });
      }
      return res;
    });
    deps.worker.kick();
    if (r.ok)
      return {
        outcome: r.outcome,
        request: await withAdjust(await requestJson(db, config, r.request, v.person.id, v.locale), r.request),
      };
    if (r.code === 'not_found') throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
    if (r.code === 'not_approver') throw new ApiError(403, v.t('approval.error.not_approver'), 'forbidden');
    // Stale or already finished: someone decided meanwhile. Say so, and show the current state.
    if (r.code === 'stale' || r.code === 'finished') throw await alreadyDecided(db, v, id);
    throw new ApiError(400, v.t(`approval.error.${r.code}` as MessageKey), r.code);
  });

  serve(api, 'GET /team/pulse', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    return pulseFor(db, v, input.query(), now());
  });

  serve(api, 'GET /team/points', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const q = input.query();
    const units = await allUnits(db);
    const visible = visibleUnitIds(units, v.person);
    if (q.unitId !== undefined && !visible.has(q.unitId))
      throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    const scope = q.unitId !== undefined ? subtreeIds(units, q.unitId) : visible;
    const people = await employeeIdsInUnits(db, scope);
    // This calendar week, month, quarter or year in the company's time zone, as on the leaderboard page.
    const range =
      q.period === 'all' ? undefined : periodRange(now(), q.period, await companyTimeZone(db, config.defaultTimezone));
    const rows = people.length
      ? await leaderboard(db, {
          since: range?.from,
          until: range?.until,
          employeeIds: people,
          limit: 20,
        })
      : [];
    return {
      period: q.period,
      units: units.filter((u) => visible.has(u.id)).map((u) => ({ id: u.id, name: u.name, path: u.path })),
      people: people.length,
      rows: rows.map((r) => ({ name: r.name, points: r.points })),
    };
  });
}
