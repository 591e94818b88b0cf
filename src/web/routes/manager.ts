// Managers (and anyone a request waits on): the approvals inbox with timelines and decisions; the team's
// pulse results (K-protected) and point distribution — only for the units the viewer leads (HR: all).
import type { FastifyInstance } from 'fastify';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction } from '../../db/connection.js';
import { approvalDecisions, employees } from '../../db/schema.js';
import { publishRequest } from '../../bot/features/approval-views.js';
import { act, loadRequest, requestsFor, type RequestView } from '../../domain/approvals/requests.js';
import { getTag } from '../../domain/points/catalogue.js';
import { allUnits, subtreeIds, visibleUnitIds } from '../../domain/org/units.js';
import { leaderboard } from '../../domain/points/ledger.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, requireManager, viewerOf, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';
import { pulseFor } from '../report-json.js';
import { requestJson } from '../views.js';

const PERIOD_DAYS = { week: 7, month: 30, quarter: 91, year: 365, all: undefined } as const;
const optionalId = z.coerce.number().int().positive().optional();
const APPROVAL_TABS = ['waiting', 'done', 'mine'] as const;

export function registerManagerRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  /** What the app's "adjust points" form needs (the claimed points and the tag's range), where one may adjust. */
  const withAdjust = <J extends { canAdjust: boolean }>(json: J, req: RequestView) => {
    const tag = json.canAdjust && req.payload.kind === 'point_claim' ? getTag(db, req.payload.tagId) : undefined;
    return tag && req.payload.kind === 'point_claim'
      ? { ...json, adjust: { points: req.payload.points, min: tag.minPoints, max: tag.maxPoints } }
      : json;
  };

  // The approvals centre's tabs, as in Feishu's and DingTalk's approval apps: waiting on me, decided by me,
  // sent by me — each with its count, the chosen tab's requests newest first. (A "CC me" tab needs copies
  // to exist; flows have no CC step yet, so there is no such tab.) `waiting` stays for older clients.
  api.get('/approvals', async (req) => {
    const v = viewerOf(req);
    const q = parse(
      z.object({
        tab: z.enum(APPROVAL_TABS).default('waiting'),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      req.query,
    );
    const me = v.person.id;
    const { waiting, mine } = requestsFor(db, me);
    const decidedIds = db
      .selectDistinct({ id: approvalDecisions.requestId })
      .from(approvalDecisions)
      .where(and(eq(approvalDecisions.actorId, me), inArray(approvalDecisions.kind, ['approve', 'reject', 'return'])))
      .orderBy(desc(approvalDecisions.requestId))
      .all()
      .map((r) => r.id);
    const counts = { waiting: waiting.length, done: decidedIds.length, mine: mine.length };
    const newestFirst = (a: { id: number }, b: { id: number }) => b.id - a.id;
    const chosen =
      q.tab === 'waiting'
        ? waiting.sort(newestFirst).slice(0, q.limit)
        : q.tab === 'mine'
          ? mine.sort(newestFirst).slice(0, q.limit)
          : decidedIds.slice(0, q.limit).flatMap((id) => loadRequest(db, id) ?? []);
    const requests = chosen.map((r) => withAdjust(requestJson(db, config, r, me, v.locale), r));
    return { tab: q.tab, counts, requests, ...(q.tab === 'waiting' ? { waiting: requests } : {}) };
  });

  api.post('/approvals/:id/decision', async (req) => {
    const v = viewerOf(req);
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), req.params);
    const body = parse(
      z.discriminatedUnion('decision', [
        // `points` (with a reason when it changes the claim) adjusts a point claim within its tag's range, as in chat.
        z.object({
          decision: z.literal('approve'),
          version: z.number().int().min(0),
          points: z.number().int().min(-1_000_000).max(1_000_000).optional(),
          reason: z.string().max(500).optional(),
        }),
        // reject is final; return sends it back to the applicant for changes (where the step allows it).
        z.object({
          decision: z.enum(['reject', 'return']),
          version: z.number().int().min(0),
          reason: z.string().max(500),
        }),
      ]),
      req.body,
    );
    if (body.decision !== 'approve' && !body.reason.trim())
      throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { reason: v.t('approval.error.reason_required') });
    const event =
      body.decision === 'approve'
        ? { type: 'approve' as const, actorId: v.person.id }
        : { type: body.decision, actorId: v.person.id, reason: body.reason };
    let adjust: { points: number; reason: string; min: number; max: number } | undefined;
    if (body.decision === 'approve' && body.points !== undefined) {
      // The same checks as the chat's adjust form (src/bot/features/approvals.ts), answered at the fields.
      const req = loadRequest(db, id);
      if (!req) throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
      if (req.payload.kind !== 'point_claim')
        throw new ApiError(400, v.t('error.invalidInput'), 'invalid', { points: v.t('approval.error.bad_adjustment') });
      const tag = getTag(db, req.payload.tagId);
      if (!tag) throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
      const reason = body.reason ?? '';
      const fields: Record<string, string> = {};
      if (body.points < tag.minPoints || body.points > tag.maxPoints)
        fields.points = v.t('approval.error.points', { min: tag.minPoints, max: tag.maxPoints });
      if (body.points !== req.payload.points && !reason.trim()) fields.reason = v.t('approval.error.reason_required');
      if (Object.keys(fields).length) throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
      adjust = { points: body.points, reason, min: tag.minPoints, max: tag.maxPoints };
    }
    const r = inTransaction(db, () => {
      const res = act(db, { requestId: id, event, expectedVersion: body.version, adjust, now: now() });
      // The chat cards of everyone involved are redrawn in place, like a decision taken in chat.
      if (res.ok) {
        publishRequest(db, notifierOf(deps), config, res.request, { newlyAsked: res.asked, outcome: res.outcome });
        for (const m of res.rerouted)
          publishRequest(db, notifierOf(deps), config, m.request, { newlyAsked: m.asked, outcome: 'advanced' });
      }
      return res;
    });
    deps.worker.kick();
    if (r.ok)
      return {
        outcome: r.outcome,
        request: withAdjust(requestJson(db, config, r.request, v.person.id, v.locale), r.request),
      };
    if (r.code === 'not_found') throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
    if (r.code === 'not_approver') throw new ApiError(403, v.t('approval.error.not_approver'), 'forbidden');
    // Stale or already finished: someone decided meanwhile. Say so, and show the current state.
    if (r.code === 'stale' || r.code === 'finished') {
      const current = loadRequest(db, id);
      throw new ApiError(
        409,
        v.t('approval.error.alreadyDecided'),
        'conflict',
        current ? { version: String(current.version) } : undefined,
      );
    }
    throw new ApiError(400, v.t(`approval.error.${r.code}` as MessageKey), r.code);
  });

  api.get('/team/pulse', async (req) => {
    const v = viewerOf(req);
    requireManager(db, v);
    const q = parse(z.object({ waveId: optionalId, unitId: optionalId }), req.query);
    return pulseFor(db, v, q);
  });

  api.get('/team/points', async (req) => {
    const v = viewerOf(req);
    requireManager(db, v);
    const q = parse(
      z.object({ period: z.enum(['week', 'month', 'quarter', 'year', 'all']).default('month'), unitId: optionalId }),
      req.query,
    );
    const units = allUnits(db);
    const visible = visibleUnitIds(units, v.person);
    if (q.unitId !== undefined && !visible.has(q.unitId))
      throw new ApiError(403, v.t('report.error.forbidden'), 'forbidden');
    const scope = q.unitId !== undefined ? subtreeIds(units, q.unitId) : visible;
    const people = scope.size
      ? db
          .select({ id: employees.id })
          .from(employees)
          .where(inArray(employees.unitId, [...scope]))
          .all()
          .map((p) => p.id)
      : [];
    const days = PERIOD_DAYS[q.period];
    const rows = people.length
      ? leaderboard(db, {
          since: days === undefined ? undefined : new Date(now().getTime() - days * 86_400_000),
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
