// The mini-app's further approval actions (issue 24), the same engine as the chat card's: act() with the page's
// version, the chat cards of everyone involved redrawn in place, a refusal answered at its field in the viewer's
// language with nothing written.
import type { FastifyInstance } from 'fastify';
import { publishRequest } from '../../bot/features/approval-views.js';
import { act, loadRequest } from '../../domain/approvals/requests.js';
import type { FlowEvent } from '../../domain/approvals/transitions.js';
import { activePeopleByName } from '../../domain/org/pickers.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { notifierOf, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { alreadyDecided } from './approval-conflict.js';
import { serve } from '../serve.js';
import { requestJson } from '../views.js';

/** Which field a refusal belongs to, so the page shows it there. */
const FIELD: Partial<Record<string, string>> = {
  self: 'personId',
  person_left: 'personId',
  is_applicant: 'personId',
  already_decided: 'personId',
  already_seated: 'personId',
  unknown_person: 'personId',
  already_cc: 'people',
  not_earlier: 'toStep',
  reason_required: 'reason',
};

export function registerApprovalsMoreRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /approvals/:id/people', async (req, _reply, input) => {
    const v = viewerOf(req);
    const request = await loadRequest(db, input.params().id);
    if (!request) throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
    // Only someone the request waits on names people: the list is the whole company's active names.
    if (request.status !== 'pending' || !request.approvers.includes(v.person.id))
      throw new ApiError(403, v.t('approval.error.not_approver'), 'forbidden');
    const people = (await activePeopleByName(db)).filter((p) => p.id !== request.applicantId && p.id !== v.person.id);
    return { people: people.map((p) => ({ id: p.id, name: p.name })) };
  });

  serve(api, 'POST /approvals/:id/more', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { id } = input.params();
    const body = input.body();
    const actorId = v.person.id;
    const at = now();
    const event: FlowEvent =
      body.action === 'approve'
        ? { type: 'approve', actorId, comment: body.comment?.trim() || undefined }
        : body.action === 'hand_over'
          ? { type: 'hand_over', actorId, to: body.personId, reason: body.reason }
          : body.action === 'add_sign'
            ? { type: 'add_sign', actorId, person: body.personId, position: body.position, reason: body.reason }
            : body.action === 'send_back'
              ? { type: 'send_back', actorId, toStep: body.toStep, reason: body.reason }
              : body.action === 'cc'
                ? { type: 'cc', actorId, people: body.people, reason: body.reason }
                : { type: 'urge', actorId, now: at };
    const r = await unitOfWork(db, async (tx) => {
      const res = await act(tx, { requestId: id, event, expectedVersion: body.version, now: at });
      if (res.ok)
        await publishRequest(tx, notifierOf(deps), config, res.request, {
          newlyAsked: res.outcome === 'urged' ? res.request.approvers : res.asked,
          outcome: res.outcome,
          newlyCopied: res.copied,
        });
      return res;
    });
    deps.worker.kick();
    if (r.ok) return { outcome: r.outcome, request: await requestJson(db, config, r.request, v.person.id, v.locale) };
    if (r.code === 'not_found') throw new ApiError(404, v.t('approval.error.not_found'), 'not_found');
    if (r.code === 'not_approver' || r.code === 'not_applicant')
      throw new ApiError(403, v.t(`approval.error.${r.code}`), 'forbidden');
    if (r.code === 'stale' || r.code === 'finished') throw await alreadyDecided(db, v, id);
    // A hand over, add-sign or send back needs its why (the reject wording would not fit).
    const message = v.t(
      r.code === 'reason_required' ? 'approval.error.reason_more' : (`approval.error.${r.code}` as MessageKey),
    );
    const field = FIELD[r.code];
    throw new ApiError(400, message, r.code, field ? { [field]: message } : undefined);
  });
}
