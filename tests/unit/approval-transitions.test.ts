import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOWS } from '../../src/domain/approvals/default-flows.js';
import {
  conditionHolds,
  firstApplicable,
  validateFlow,
  type FlowDefinition,
} from '../../src/domain/approvals/flow-schema.js';
import { transition, type RequestState } from '../../src/domain/approvals/transitions.js';

const claimFlow = DEFAULT_FLOWS.find((f) => f.key === 'point-claim')!;
const transferFlow = DEFAULT_FLOWS.find((f) => f.key === 'transfer')!;
const pending = (stepIndex = 0, version = 1): RequestState => ({ status: 'pending', stepIndex, version });
const ctx = (over: Partial<Parameters<typeof transition>[2]> = {}) => ({
  flow: claimFlow,
  facts: { points: 120 },
  applicantId: 1,
  approvers: [2],
  ...over,
});

describe('request transitions', () => {
  it('approves at the last applicable step (HR skipped under 150 points)', () => {
    expect(transition(pending(), { type: 'approve', actorId: 2 }, ctx())).toEqual({
      ok: true,
      state: { status: 'approved', stepIndex: 0, version: 2 },
      outcome: 'approved',
    });
  });
  it('advances to HR for 150 points or more', () => {
    expect(transition(pending(), { type: 'approve', actorId: 2 }, ctx({ facts: { points: 200 } }))).toEqual({
      ok: true,
      state: { status: 'pending', stepIndex: 1, version: 2 },
      outcome: 'advanced',
    });
  });
  it('walks a transfer through all three steps', () => {
    let s = pending();
    for (const [i, outcome] of (['advanced', 'advanced', 'approved'] as const).entries()) {
      const r = transition(
        s,
        { type: 'approve', actorId: 10 + i },
        { flow: transferFlow, facts: {}, applicantId: 1, approvers: [10 + i] },
      );
      expect(r.ok && r.outcome).toBe(outcome);
      if (r.ok) s = r.state;
    }
    expect(s).toEqual({ status: 'approved', stepIndex: 2, version: 4 });
  });
  it('return sends a claim back for changes; reject is final, even on a step that allows returns', () => {
    expect(transition(pending(), { type: 'return', actorId: 2, reason: 'Add numbers' }, ctx())).toMatchObject({
      ok: true,
      outcome: 'returned',
      state: { status: 'returned' },
    });
    expect(transition(pending(), { type: 'reject', actorId: 2, reason: 'No' }, ctx())).toMatchObject({
      ok: true,
      outcome: 'rejected',
      state: { status: 'rejected' },
    });
    expect(
      transition(pending(), { type: 'reject', actorId: 2, reason: 'No' }, ctx({ flow: transferFlow })),
    ).toMatchObject({ ok: true, outcome: 'rejected', state: { status: 'rejected' } });
  });
  it('a step whose flow says onReject "end" offers no return for changes', () => {
    expect(
      transition(pending(), { type: 'return', actorId: 2, reason: 'Change it' }, ctx({ flow: transferFlow })),
    ).toEqual({ ok: false, error: 'return_not_allowed' });
    expect(transition(pending(), { type: 'return', actorId: 2, reason: ' ' }, ctx())).toEqual({
      ok: false,
      error: 'reason_required',
    });
  });
  it('requires a reason to reject', () => {
    expect(transition(pending(), { type: 'reject', actorId: 2, reason: '  ' }, ctx())).toEqual({
      ok: false,
      error: 'reason_required',
    });
  });
  it('refuses someone who is not the current approver, and never lets the applicant approve', () => {
    expect(transition(pending(), { type: 'approve', actorId: 3 }, ctx())).toEqual({ ok: false, error: 'not_approver' });
    expect(transition(pending(), { type: 'approve', actorId: 1 }, ctx({ approvers: [1, 2] }))).toEqual({
      ok: false,
      error: 'not_approver',
    });
  });
  it('refuses a decision made on an older version of the card', () => {
    expect(transition(pending(0, 3), { type: 'approve', actorId: 2 }, ctx({ expectedVersion: 2 }))).toEqual({
      ok: false,
      error: 'stale',
    });
  });
  it('refuses anything on a finished request', () => {
    for (const status of ['approved', 'rejected', 'cancelled'] as const) {
      expect(transition({ status, stepIndex: 0, version: 5 }, { type: 'approve', actorId: 2 }, ctx())).toEqual({
        ok: false,
        error: 'finished',
      });
    }
  });
  it('lets only the applicant resubmit a returned request, from the first step', () => {
    const returned: RequestState = { status: 'returned', stepIndex: 1, version: 4 };
    expect(transition(returned, { type: 'resubmit', actorId: 2 }, ctx())).toEqual({
      ok: false,
      error: 'not_applicant',
    });
    expect(transition(returned, { type: 'resubmit', actorId: 1 }, ctx())).toEqual({
      ok: true,
      state: { status: 'pending', stepIndex: 0, version: 5 },
      outcome: 'resubmitted',
    });
    expect(transition(pending(), { type: 'resubmit', actorId: 1 }, ctx())).toEqual({
      ok: false,
      error: 'not_returned',
    });
  });
  it('lets the applicant withdraw', () => {
    expect(transition(pending(), { type: 'cancel', actorId: 1 }, ctx())).toMatchObject({
      ok: true,
      outcome: 'cancelled',
    });
    expect(transition(pending(), { type: 'cancel', actorId: 2 }, ctx())).toEqual({ ok: false, error: 'not_applicant' });
  });
});

describe('flow definitions', () => {
  const step = (id: string, next?: string) => ({
    id,
    name: { 'zh-CN': id, en: id },
    approver: { type: 'manager' as const },
    ...(next ? { next } : {}),
  });
  it('accept the shipped defaults', () => {
    for (const f of DEFAULT_FLOWS) expect(validateFlow(f).ok).toBe(true);
  });
  it('find a loop', () => {
    const looping = { key: 'x', name: { 'zh-CN': 'x', en: 'x' }, steps: [step('a'), step('b', 'a')] };
    expect(validateFlow(looping)).toEqual({ ok: false, problem: { code: 'loop', step: 'a' } });
  });
  it('find a next that points nowhere and a duplicate step', () => {
    expect(validateFlow({ key: 'x', name: { 'zh-CN': 'x', en: 'x' }, steps: [step('a', 'zzz')] })).toEqual({
      ok: false,
      problem: { code: 'unknown_next', step: 'a' },
    });
    expect(validateFlow({ key: 'x', name: { 'zh-CN': 'x', en: 'x' }, steps: [step('a'), step('a')] })).toEqual({
      ok: false,
      problem: { code: 'duplicate_step', step: 'a' },
    });
  });
  it('reject malformed data with the path', () => {
    const r = validateFlow({
      key: 'x',
      name: { 'zh-CN': 'x', en: 'x' },
      steps: [{ ...step('a'), approver: { type: 'astrologer' } }],
    });
    expect(r.ok ? '' : r.problem.code).toBe('invalid');
  });
  it('evaluate conditions', () => {
    expect(conditionHolds({ field: 'points', op: 'gte', value: 150 }, { points: 150 })).toBe(true);
    expect(conditionHolds({ field: 'points', op: 'gte', value: 150 }, { points: 149 })).toBe(false);
    expect(conditionHolds({ field: 'cost', op: 'lt', value: 10 }, {})).toBe(false);
    const flow: FlowDefinition = { ...claimFlow, steps: [claimFlow.steps[1]!] };
    expect(firstApplicable(flow, 0, { points: 100 })).toBeUndefined();
  });
});
