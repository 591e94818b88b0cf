// Submitting a request from the mini-app: the domain's submit and the approvers' cards (through the outbox) in
// one transaction, then a nudge to the outbox worker. Every kind of submission (claims, redemptions, transfers,
// nominations, HR-defined forms) goes through here, so none can forget to tell the approvers.
import { publishRequest } from '../bot/features/approval-views.js';
import type { RequestView } from '../domain/approvals/requests.js';
import { unitOfWork, type Tx } from '../domain/unit-of-work.js';
import { notifierOf, type WebDeps } from './context.js';

type Submitted = { ok: true; request: RequestView; asked: number[] };

export async function submitAndPublish<R extends Submitted | { ok: false }>(
  deps: WebDeps,
  submit: (tx: Tx) => Promise<R>,
): Promise<R> {
  const r = await unitOfWork(deps.db, async (tx) => {
    const res = await submit(tx);
    if (res.ok)
      await publishRequest(tx, notifierOf(deps), deps.config, res.request, {
        newlyAsked: res.asked,
        outcome: 'submitted',
      });
    return res;
  });
  deps.worker.kick();
  return r;
}
