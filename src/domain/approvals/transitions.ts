// The request state machine, as pure functions: given the state, the flow, the facts and an event, the
// next state (or why not). Persisting it, and resolving who the approvers are, happens elsewhere.
//
// A step is decided in rounds: rounds[0] decides now. A step starts with one round (its rule's people, in the
// step's mode: all must approve — 会签 — or the first decides — 或签); add-sign (加签) puts a round before or
// after the current one, hand over (转交) swaps a person in the current round. When the last round is done the
// request moves on (branches, then skipping steps whose condition fails) and the caller seats the next step.
import { branchNext, firstApplicable, type Facts, type FlowDefinition } from './flow-schema.js';

export type RequestStatus = 'pending' | 'returned' | 'approved' | 'rejected' | 'cancelled';
export type Mode = 'all' | 'any';

export interface RequestState {
  status: RequestStatus;
  stepIndex: number;
  version: number;
}

/** Who decides together. Under 'any' the first approval completes the round; under 'all' every person's. */
export interface Round {
  people: number[];
  mode: Mode;
  approved: number[];
}

/** The state with the current step's seats (persisted in approval_requests.seats). */
export interface FlowState extends RequestState {
  /** rounds[0] decides now; empty only while the caller has yet to seat a step the request just entered. */
  rounds: Round[];
  /** Steps entered on this pass, oldest first, the current last: the steps one can send back to. */
  path: number[];
  /** Who has already decided the current step (approved in a finished round, or in the current one). */
  decided: number[];
  /** Everyone copied (抄送) on the request. */
  cc: number[];
  stepEnteredAt: string;
  lastUrgeAt?: string;
}

export type ApprovalEvent =
  | { type: 'approve'; actorId: number; comment?: string }
  /** Final: the request ends, rejected. */
  | { type: 'reject'; actorId: number; reason: string }
  /** Back to the applicant to change and resubmit — where the step allows it (its `onReject` is `return`). */
  | { type: 'return'; actorId: number; reason: string }
  | { type: 'resubmit'; actorId: number }
  | { type: 'cancel'; actorId: number };

/** The actions beyond a decision: each changes who decides or who is told, never the outcome by itself. */
export type MoreEvent =
  | { type: 'hand_over'; actorId: number; to: number; reason: string }
  | { type: 'add_sign'; actorId: number; person: number; position: 'before' | 'after'; reason: string }
  | { type: 'send_back'; actorId: number; toStep: string; reason: string }
  /** `reason`: why they are copied (the chat card's form asks for it; the mini-app's may leave it out). */
  | { type: 'cc'; actorId: number; people: number[]; reason?: string }
  | { type: 'urge'; actorId: number; now: Date };

export type FlowEvent = ApprovalEvent | MoreEvent;

export type TransitionError =
  | 'finished'
  | 'not_approver'
  | 'not_applicant'
  | 'reason_required'
  | 'not_returned'
  | 'stale'
  | 'return_not_allowed'
  /** Hand over / add-sign / CC naming oneself. */
  | 'self'
  /** Naming someone who has left. */
  | 'person_left'
  /** Naming the applicant as an approver or CC. */
  | 'is_applicant'
  /** Add-sign / hand over to someone who already decided this step. */
  | 'already_decided'
  /** Add-sign / hand over to someone already waiting to decide this step. */
  | 'already_seated'
  /** Everyone named is already copied. */
  | 'already_cc'
  /** Send back to a step that is not an earlier step of this request. */
  | 'not_earlier'
  | 'urge_too_soon'
  /** A step (a parallel one, typically) whose people resolve to nobody. */
  | 'no_approvers';

export interface TransitionContext {
  flow: FlowDefinition;
  facts: Facts;
  applicantId: number;
  /** Who may decide the current step. */
  approvers: readonly number[];
  /** The version the actor's card showed; a decision on an older one is refused. */
  expectedVersion?: number;
}

export interface FlowContext {
  flow: FlowDefinition;
  facts: Facts;
  applicantId: number;
  /** Whether a person is still with the company (hand over, add-sign, CC). Default: everyone is. */
  isActive?: (id: number) => boolean;
  expectedVersion?: number;
}

export const OUTCOMES = [
  'advanced',
  'approved',
  'rejected',
  'returned',
  'resubmitted',
  'cancelled',
  /** An approval that leaves the step waiting on others (a parallel step's, or a round before more rounds). */
  'counted',
  'handed_over',
  'signed',
  'sent_back',
  'copied',
  'urged',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes after which the caller seats the step the request is now at (routes its approvers). */
export const ENTERS_STEP: readonly Outcome[] = ['advanced', 'resubmitted', 'sent_back'];

/** Whether a step offers "return for changes" besides the final reject (a flow's `onReject: 'return'`). */
export function canReturn(flow: FlowDefinition, stepIndex: number): boolean {
  return flow.steps[stepIndex]?.onReject === 'return';
}

/** Who can act on the current step now: the current round's people who have not approved yet. */
export function deciders(state: Pick<FlowState, 'status' | 'rounds'>): number[] {
  const r = state.rounds[0];
  return state.status === 'pending' && r ? r.people.filter((p) => !r.approved.includes(p)) : [];
}

/** The applicant may urge the current approvers once per step per rolling day: never on this step, or 24 h ago. */
export function canUrge(lastUrgeAt: Date | undefined, stepEnteredAt: Date, now: Date): boolean {
  if (lastUrgeAt === undefined || lastUrgeAt.getTime() < stepEnteredAt.getTime()) return true;
  return now.getTime() - lastUrgeAt.getTime() >= 24 * 60 * 60 * 1000;
}

/** The earlier steps of this pass one can send the request back to (ids, oldest first). */
export function sendBackTargets(flow: FlowDefinition, state: Pick<FlowState, 'path'>): string[] {
  return state.path.slice(0, -1).map((i) => flow.steps[i]!.id);
}

/**
 * Seat the step the request is at: its approvers (already routed by the caller) in the step's mode, and its CC
 * people. Refused when nobody is left to decide once the applicant is out — never a step that waits on nobody.
 */
export function seatStep(
  state: FlowState,
  flow: FlowDefinition,
  people: readonly number[],
  ctx: { applicantId: number; cc?: readonly number[]; at: string },
): { ok: true; state: FlowState } | { ok: false; error: 'no_approvers' } {
  const seated = [...new Set(people)].filter((p) => p !== ctx.applicantId);
  if (seated.length === 0) return { ok: false, error: 'no_approvers' };
  const mode = flow.steps[state.stepIndex]?.mode ?? 'any';
  const cc = [...new Set([...state.cc, ...(ctx.cc ?? [])])].filter((p) => p !== ctx.applicantId && !seated.includes(p));
  return {
    ok: true,
    state: {
      ...state,
      rounds: [{ people: seated, mode, approved: [] }],
      decided: [],
      cc,
      stepEnteredAt: ctx.at,
      lastUrgeAt: undefined,
    },
  };
}

type Result = { ok: true; state: FlowState; outcome: Outcome } | { ok: false; error: TransitionError };

/** The next step after the current one is approved, or undefined when the flow is done. */
function following(flow: FlowDefinition, i: number, facts: Facts): number | undefined {
  return firstApplicable(flow, branchNext(flow, i, facts), facts);
}

/** The full machine: decisions and the actions around them. Every accepted event bumps the version once. */
export function advance(state: FlowState, event: FlowEvent, ctx: FlowContext): Result {
  if (state.status === 'approved' || state.status === 'rejected' || state.status === 'cancelled')
    return { ok: false, error: 'finished' };
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== state.version) return { ok: false, error: 'stale' };
  const ok = (s: Partial<FlowState>, outcome: Outcome): Result => ({
    ok: true,
    state: { ...state, ...s, version: state.version + 1 },
    outcome,
  });
  const active = ctx.isActive ?? (() => true);
  const deciding = () => {
    if (state.status !== 'pending') return 'finished' as const;
    if (event.actorId === ctx.applicantId || !deciders(state).includes(event.actorId)) return 'not_approver' as const;
    return undefined;
  };
  /** Whether `p` may be given a seat on the current step by the actor. */
  const seatable = (p: number): TransitionError | undefined => {
    if (p === event.actorId) return 'self';
    if (p === ctx.applicantId) return 'is_applicant';
    if (!active(p)) return 'person_left';
    if (state.decided.includes(p)) return 'already_decided';
    if (state.rounds.some((r) => r.people.includes(p))) return 'already_seated';
    return undefined;
  };
  const needsReason = (reason: string) => reason.trim() === '';

  switch (event.type) {
    case 'approve': {
      const no = deciding();
      if (no) return { ok: false, error: no };
      const [round, ...rest] = state.rounds as [Round, ...Round[]];
      const approved = [...round.approved, event.actorId];
      const decided = [...state.decided, event.actorId];
      const roundDone = round.mode === 'any' || round.people.every((p) => approved.includes(p));
      if (!roundDone) return ok({ rounds: [{ ...round, approved }, ...rest], decided }, 'counted');
      if (rest.length) return ok({ rounds: rest, decided }, 'counted');
      const next = following(ctx.flow, state.stepIndex, ctx.facts);
      return next === undefined
        ? ok({ status: 'approved', rounds: [], decided }, 'approved')
        : ok({ stepIndex: next, rounds: [], decided: [], path: [...state.path, next] }, 'advanced');
    }
    case 'reject':
    case 'return': {
      const no = deciding();
      if (no) return { ok: false, error: no };
      if (needsReason(event.reason)) return { ok: false, error: 'reason_required' };
      if (event.type === 'reject') return ok({ status: 'rejected', rounds: [] }, 'rejected');
      if (!canReturn(ctx.flow, state.stepIndex)) return { ok: false, error: 'return_not_allowed' };
      return ok({ status: 'returned', rounds: [] }, 'returned');
    }
    case 'resubmit': {
      if (event.actorId !== ctx.applicantId) return { ok: false, error: 'not_applicant' };
      if (state.status !== 'returned') return { ok: false, error: 'not_returned' };
      const first = firstApplicable(ctx.flow, 0, ctx.facts);
      return first === undefined
        ? ok({ status: 'approved', rounds: [] }, 'approved')
        : ok({ status: 'pending', stepIndex: first, rounds: [], decided: [], path: [first] }, 'resubmitted');
    }
    case 'cancel': {
      if (event.actorId !== ctx.applicantId) return { ok: false, error: 'not_applicant' };
      return ok({ status: 'cancelled', rounds: [] }, 'cancelled');
    }
    case 'hand_over': {
      const no = deciding() ?? seatable(event.to);
      if (no) return { ok: false, error: no };
      if (needsReason(event.reason)) return { ok: false, error: 'reason_required' };
      const [round, ...rest] = state.rounds as [Round, ...Round[]];
      const people = round.people.map((p) => (p === event.actorId ? event.to : p));
      return ok({ rounds: [{ ...round, people }, ...rest] }, 'handed_over');
    }
    case 'add_sign': {
      const no = deciding() ?? seatable(event.person);
      if (no) return { ok: false, error: no };
      if (needsReason(event.reason)) return { ok: false, error: 'reason_required' };
      const added: Round = { people: [event.person], mode: 'any', approved: [] };
      const [round, ...rest] = state.rounds as [Round, ...Round[]];
      return ok({ rounds: event.position === 'before' ? [added, round, ...rest] : [round, added, ...rest] }, 'signed');
    }
    case 'send_back': {
      const no = deciding();
      if (no) return { ok: false, error: no };
      const at = state.path.slice(0, -1).findIndex((i) => ctx.flow.steps[i]!.id === event.toStep);
      if (at < 0) return { ok: false, error: 'not_earlier' };
      if (needsReason(event.reason)) return { ok: false, error: 'reason_required' };
      const target = state.path[at]!;
      return ok({ stepIndex: target, rounds: [], decided: [], path: state.path.slice(0, at + 1) }, 'sent_back');
    }
    case 'cc': {
      const no = deciding();
      if (no) return { ok: false, error: no };
      for (const p of event.people) {
        if (p === event.actorId) return { ok: false, error: 'self' };
        if (p === ctx.applicantId) return { ok: false, error: 'is_applicant' };
        if (!active(p)) return { ok: false, error: 'person_left' };
      }
      const fresh = [...new Set(event.people)].filter((p) => !state.cc.includes(p));
      if (fresh.length === 0) return { ok: false, error: 'already_cc' };
      return ok({ cc: [...state.cc, ...fresh] }, 'copied');
    }
    case 'urge': {
      if (event.actorId !== ctx.applicantId) return { ok: false, error: 'not_applicant' };
      if (state.status !== 'pending') return { ok: false, error: 'finished' };
      const last = state.lastUrgeAt === undefined ? undefined : new Date(state.lastUrgeAt);
      if (!canUrge(last, new Date(state.stepEnteredAt), event.now)) return { ok: false, error: 'urge_too_soon' };
      return ok({ lastUrgeAt: event.now.toISOString() }, 'urged');
    }
  }
}

/**
 * The decisions alone, for a step decided by any one of `ctx.approvers` (the machine before rounds; kept for its
 * callers and tests): the same outcomes and states as `advance` on a one-round step.
 */
export function transition(
  state: RequestState,
  event: ApprovalEvent,
  ctx: TransitionContext,
): { ok: true; state: RequestState; outcome: Outcome } | { ok: false; error: TransitionError } {
  const full: FlowState = {
    ...state,
    rounds: state.status === 'pending' ? [{ people: [...ctx.approvers], mode: 'any', approved: [] }] : [],
    path: [state.stepIndex],
    decided: [],
    cc: [],
    stepEnteredAt: '',
  };
  const r = advance(full, event, ctx);
  if (!r.ok) return r;
  return {
    ok: true,
    state: { status: r.state.status, stepIndex: r.state.stepIndex, version: r.state.version },
    outcome: r.outcome,
  };
}
