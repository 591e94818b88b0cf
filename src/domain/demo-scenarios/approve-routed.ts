// An approval step of a scenario: whoever the engine routed the request to approves it, through act() as the
// chat card's and the mini-app's Approve do. The step says who that was (the narration names them).
import { act, loadRequest, type ActInput } from '../approvals/requests.js';
import type { Person } from '../org/employees.js';
import { need, personById, refuse, type StepContext } from './step-context.js';

export async function approveRouted(
  ctx: StepContext,
  requestId: number,
  extra: { adjust?: ActInput['adjust']; comment?: string } = {},
): Promise<{ approver: Person; status: string; next?: Person }> {
  const req = await loadRequest(ctx.db, requestId);
  if (!req) refuse('not_found');
  if (req.status !== 'pending') refuse('not_pending');
  const approverId = req.approvers[0];
  if (approverId === undefined) refuse('no_approvers');
  const r = need(
    await act(ctx.db, {
      requestId,
      event: { type: 'approve', actorId: approverId, ...(extra.comment ? { comment: extra.comment } : {}) },
      expectedVersion: req.version,
      ...(extra.adjust ? { adjust: extra.adjust } : {}),
      now: ctx.at,
    }),
  );
  const nextId = r.request.status === 'pending' ? r.request.approvers[0] : undefined;
  return {
    approver: await personById(ctx.db, approverId),
    status: r.request.status,
    ...(nextId !== undefined ? { next: await personById(ctx.db, nextId) } : {}),
  };
}
