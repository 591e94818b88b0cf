// The request state machine, as pure functions: given the state, the flow, the facts and an event, the
// next state (or why not). Persisting it, and resolving who the approvers are, happens elsewhere.
import { firstApplicable, nextIndex, type FlowDefinition } from './flow-schema.js';

export type RequestStatus = 'pending' | 'returned' | 'approved' | 'rejected' | 'cancelled';

export interface RequestState {
  status: RequestStatus;
  stepIndex: number;
  version: number;
}

export type ApprovalEvent =
  | { type: 'approve'; actorId: number }
  /** Final: the request ends, rejected. */
  | { type: 'reject'; actorId: number; reason: string }
  /** Back to the applicant to change and resubmit — where the step allows it (its `onReject` is `return`). */
  | { type: 'return'; actorId: number; reason: string }
  | { type: 'resubmit'; actorId: number }
  | { type: 'cancel'; actorId: number };

export type TransitionError =
  'finished' | 'not_approver' | 'not_applicant' | 'reason_required' | 'not_returned' | 'stale' | 'return_not_allowed';

export interface TransitionContext {
  flow: FlowDefinition;
  facts: { points?: number; cost?: number };
  applicantId: number;
  /** Who may decide the current step. */
  approvers: readonly number[];
  /** The version the actor's card showed; a decision on an older one is refused. */
  expectedVersion?: number;
}

export type Outcome = 'advanced' | 'approved' | 'rejected' | 'returned' | 'resubmitted' | 'cancelled';

/** Whether a step offers "return for changes" besides the final reject (a flow's `onReject: 'return'`). */
export function canReturn(flow: FlowDefinition, stepIndex: number): boolean {
  return flow.steps[stepIndex]?.onReject === 'return';
}

export function transition(
  state: RequestState,
  event: ApprovalEvent,
  ctx: TransitionContext,
): { ok: true; state: RequestState; outcome: Outcome } | { ok: false; error: TransitionError } {
  if (state.status === 'approved' || state.status === 'rejected' || state.status === 'cancelled')
    return { ok: false, error: 'finished' };
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== state.version) return { ok: false, error: 'stale' };
  const bump = (s: Omit<RequestState, 'version'>) => ({ ...s, version: state.version + 1 });

  switch (event.type) {
    case 'approve': {
      if (state.status !== 'pending') return { ok: false, error: 'finished' };
      if (!ctx.approvers.includes(event.actorId) || event.actorId === ctx.applicantId)
        return { ok: false, error: 'not_approver' };
      const next = firstApplicable(ctx.flow, nextIndex(ctx.flow, state.stepIndex), ctx.facts);
      return next === undefined
        ? { ok: true, state: bump({ status: 'approved', stepIndex: state.stepIndex }), outcome: 'approved' }
        : { ok: true, state: bump({ status: 'pending', stepIndex: next }), outcome: 'advanced' };
    }
    case 'reject':
    case 'return': {
      if (state.status !== 'pending') return { ok: false, error: 'finished' };
      if (!ctx.approvers.includes(event.actorId) || event.actorId === ctx.applicantId)
        return { ok: false, error: 'not_approver' };
      if (event.reason.trim() === '') return { ok: false, error: 'reason_required' };
      if (event.type === 'reject')
        return { ok: true, state: bump({ status: 'rejected', stepIndex: state.stepIndex }), outcome: 'rejected' };
      if (!canReturn(ctx.flow, state.stepIndex)) return { ok: false, error: 'return_not_allowed' };
      return { ok: true, state: bump({ status: 'returned', stepIndex: state.stepIndex }), outcome: 'returned' };
    }
    case 'resubmit': {
      if (event.actorId !== ctx.applicantId) return { ok: false, error: 'not_applicant' };
      if (state.status !== 'returned') return { ok: false, error: 'not_returned' };
      const first = firstApplicable(ctx.flow, 0, ctx.facts);
      return first === undefined
        ? { ok: true, state: bump({ status: 'approved', stepIndex: state.stepIndex }), outcome: 'approved' }
        : { ok: true, state: bump({ status: 'pending', stepIndex: first }), outcome: 'resubmitted' };
    }
    case 'cancel': {
      if (event.actorId !== ctx.applicantId) return { ok: false, error: 'not_applicant' };
      return { ok: true, state: bump({ status: 'cancelled', stepIndex: state.stepIndex }), outcome: 'cancelled' };
    }
  }
}
