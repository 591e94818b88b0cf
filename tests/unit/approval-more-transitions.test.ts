// Issue 24's approval actions as pure transitions: parallel steps (会签/或签), hand over (转交), add-sign (加签)
// before and after, send back to an earlier step (退回到指定节点), CC (抄送), comment on approve, urge (催办) and
// condition branches; then property tests over random flows and random event sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlow, type FlowDefinition, type Step } from '../../src/domain/approvals/flow-schema.js';
import {
  advance,
  canUrge,
  deciders,
  ENTERS_STEP,
  seatStep,
  sendBackTargets,
  type FlowContext,
  type FlowEvent,
  type FlowState,
} from '../../src/domain/approvals/transitions.js';

const APPLICANT = 1;
const LEFT = 9;
const T0 = '2026-12-01T09:00:00.000Z';
const step = (id: string, over: Partial<Step> = {}): Step => ({
  id,
  name: { 'zh-CN': id, en: id },
  approver: { type: 'manager' },
  onReject: 'end',
  ...over,
});
const flowOf = (...steps: Step[]): FlowDefinition => ({ key: 'f', name: { 'zh-CN': 'f', en: 'f' }, steps });
const ctxOf = (flow: FlowDefinition, over: Partial<FlowContext> = {}): FlowContext => ({
  flow,
  facts: { points: 100 },
  applicantId: APPLICANT,
  isActive: (id) => id !== LEFT,
  ...over,
});
/** A request just entered at `stepIndex`, seated with `people`. */
function seated(flow: FlowDefinition, people: number[], stepIndex = 0, path = [stepIndex]): FlowState {
  const r = seatStep(
    { status: 'pending', stepIndex, version: 1, rounds: [], path, decided: [], cc: [], stepEnteredAt: T0 },
    flow,
    people,
    { applicantId: APPLICANT, at: T0 },
  );
  if (!r.ok) throw new Error(r.error);
  return r.state;
}
function run(state: FlowState, event: FlowEvent, ctx: FlowContext): FlowState {
  const r = advance(state, event, ctx);
  if (!r.ok) throw new Error(`${event.type} refused: ${r.error}`);
  return r.state;
}

describe('parallel steps', () => {
  const all = flowOf(step('panel', { mode: 'all' }), step('hr'));
  const any = flowOf(step('panel', { mode: 'any' }), step('hr'));
  it('会签: every approver must approve before the request moves on, each approval counted once', () => {
    const ctx = ctxOf(all);
    let s = seated(all, [2, 3, 4]);
    const first = advance(s, { type: 'approve', actorId: 3 }, ctx);
    expect(first).toMatchObject({ ok: true, outcome: 'counted', state: { stepIndex: 0, status: 'pending' } });
    s = run(s, { type: 'approve', actorId: 3 }, ctx);
    expect(deciders(s)).toEqual([2, 4]);
    expect(advance(s, { type: 'approve', actorId: 3 }, ctx)).toEqual({ ok: false, error: 'not_approver' });
    s = run(s, { type: 'approve', actorId: 2 }, ctx);
    const last = advance(s, { type: 'approve', actorId: 4 }, ctx);
    expect(last).toMatchObject({ ok: true, outcome: 'advanced', state: { stepIndex: 1, rounds: [], path: [0, 1] } });
  });
  it('会签: one reject rejects the request; on a step that allows it, one return returns it', () => {
    const s = run(seated(all, [2, 3]), { type: 'approve', actorId: 2 }, ctxOf(all));
    expect(advance(s, { type: 'reject', actorId: 3, reason: 'No budget' }, ctxOf(all))).toMatchObject({
      ok: true,
      outcome: 'rejected',
      state: { status: 'rejected' },
    });
    const ret = flowOf(step('panel', { mode: 'all', onReject: 'return' }));
    expect(advance(seated(ret, [2, 3]), { type: 'return', actorId: 3, reason: 'Fix' }, ctxOf(ret))).toMatchObject({
      ok: true,
      outcome: 'returned',
    });
  });
  it('或签: the first approval decides the step', () => {
    expect(advance(seated(any, [2, 3, 4]), { type: 'approve', actorId: 4 }, ctxOf(any))).toMatchObject({
      ok: true,
      outcome: 'advanced',
      state: { stepIndex: 1 },
    });
  });
  it('a parallel step whose people resolve to nobody (or only the applicant) cannot be seated', () => {
    const s: FlowState = { ...seated(all, [2]), rounds: [] };
    expect(seatStep(s, all, [], { applicantId: APPLICANT, at: T0 })).toEqual({ ok: false, error: 'no_approvers' });
    expect(seatStep(s, all, [APPLICANT], { applicantId: APPLICANT, at: T0 })).toEqual({
      ok: false,
      error: 'no_approvers',
    });
  });
  it('a flow with a people step that names nobody is refused at save', () => {
    expect(validateFlow(flowOf(step('panel', { mode: 'all', approver: { type: 'people', employeeIds: [] } })))).toEqual(
      { ok: false, problem: { code: 'no_approvers', step: 'panel' } },
    );
    expect(
      validateFlow(flowOf(step('panel', { mode: 'all', approver: { type: 'people', employeeIds: [2, 3] } }))).ok,
    ).toBe(true);
  });
});

describe('hand over (转交)', () => {
  const flow = flowOf(step('a', { mode: 'all' }));
  const ctx = ctxOf(flow);
  it('passes the actor’s place on this step to another person, who then decides', () => {
    const s = run(seated(flow, [2, 3]), { type: 'hand_over', actorId: 2, to: 5, reason: 'On leave' }, ctx);
    expect(deciders(s)).toEqual([5, 3]);
    expect(advance(s, { type: 'approve', actorId: 2 }, ctx)).toEqual({ ok: false, error: 'not_approver' });
    expect(run(run(s, { type: 'approve', actorId: 5 }, ctx), { type: 'approve', actorId: 3 }, ctx).status).toBe(
      'approved',
    );
  });
  it('refuses oneself, someone who left, the applicant, someone already deciding, and an empty reason', () => {
    const s = seated(flow, [2, 3]);
    const to = (p: number, reason = 'r') => advance(s, { type: 'hand_over', actorId: 2, to: p, reason }, ctx);
    expect(to(2)).toEqual({ ok: false, error: 'self' });
    expect(to(LEFT)).toEqual({ ok: false, error: 'person_left' });
    expect(to(APPLICANT)).toEqual({ ok: false, error: 'is_applicant' });
    expect(to(3)).toEqual({ ok: false, error: 'already_seated' });
    expect(to(5, ' ')).toEqual({ ok: false, error: 'reason_required' });
    expect(advance(s, { type: 'hand_over', actorId: 7, to: 5, reason: 'r' }, ctx)).toEqual({
      ok: false,
      error: 'not_approver',
    });
  });
});

describe('add-sign (加签)', () => {
  const flow = flowOf(step('a'), step('b'));
  const ctx = ctxOf(flow);
  it('before: the added person decides first, then it comes back to the current approver', () => {
    let s = run(
      seated(flow, [2]),
      { type: 'add_sign', actorId: 2, person: 4, position: 'before', reason: 'Expert' },
      ctx,
    );
    expect(deciders(s)).toEqual([4]);
    expect(advance(s, { type: 'approve', actorId: 2 }, ctx)).toEqual({ ok: false, error: 'not_approver' });
    s = run(s, { type: 'approve', actorId: 4 }, ctx);
    expect(s.stepIndex).toBe(0);
    expect(deciders(s)).toEqual([2]);
    expect(advance(s, { type: 'approve', actorId: 2 }, ctx)).toMatchObject({
      outcome: 'advanced',
      state: { stepIndex: 1 },
    });
  });
  it('after: the added person decides once the current approver has approved', () => {
    let s = run(
      seated(flow, [2]),
      { type: 'add_sign', actorId: 2, person: 4, position: 'after', reason: 'Check' },
      ctx,
    );
    expect(deciders(s)).toEqual([2]);
    s = run(s, { type: 'approve', actorId: 2 }, ctx);
    expect([s.stepIndex, deciders(s)]).toEqual([0, [4]]);
    expect(advance(s, { type: 'approve', actorId: 4 }, ctx)).toMatchObject({
      outcome: 'advanced',
      state: { stepIndex: 1 },
    });
  });
  it('refuses someone who already decided this step, oneself, the applicant, someone who left', () => {
    let s = run(seated(flow, [2]), { type: 'add_sign', actorId: 2, person: 4, position: 'before', reason: 'x' }, ctx);
    s = run(s, { type: 'approve', actorId: 4 }, ctx);
    const add = (p: number) =>
      advance(s, { type: 'add_sign', actorId: 2, person: p, position: 'after', reason: 'x' }, ctx);
    expect(add(4)).toEqual({ ok: false, error: 'already_decided' });
    expect(add(2)).toEqual({ ok: false, error: 'self' });
    expect(add(APPLICANT)).toEqual({ ok: false, error: 'is_applicant' });
    expect(add(LEFT)).toEqual({ ok: false, error: 'person_left' });
    expect(add(5)).toMatchObject({ ok: true, outcome: 'signed' });
  });
});

describe('send back to an earlier step (退回到指定节点)', () => {
  const flow = flowOf(step('a'), step('b'), step('c', { mode: 'all' }));
  const ctx = ctxOf(flow);
  it('goes to the named earlier step; the approvals there and after are void (re-seated, decided again)', () => {
    let s = seated(flow, [2]);
    s = run(s, { type: 'approve', actorId: 2 }, ctx);
    s = seated(flow, [3], s.stepIndex, s.path);
    s = run(s, { type: 'approve', actorId: 3 }, ctx);
    s = seated(flow, [4, 5], s.stepIndex, s.path);
    s = run(s, { type: 'approve', actorId: 4 }, ctx);
    expect(sendBackTargets(flow, s)).toEqual(['a', 'b']);
    const back = advance(s, { type: 'send_back', actorId: 5, toStep: 'b', reason: 'Recheck' }, ctx);
    expect(back).toMatchObject({
      ok: true,
      outcome: 'sent_back',
      state: { stepIndex: 1, rounds: [], path: [0, 1], decided: [] },
    });
    expect(ENTERS_STEP).toContain('sent_back');
  });
  it('refuses the current step, a later or unknown one, and a send back without a reason', () => {
    const s = seated(flow, [3], 1, [0, 1]);
    for (const toStep of ['b', 'c', 'zzz'])
      expect(advance(s, { type: 'send_back', actorId: 3, toStep, reason: 'r' }, ctx)).toEqual({
        ok: false,
        error: 'not_earlier',
      });
    expect(advance(s, { type: 'send_back', actorId: 3, toStep: 'a', reason: '' }, ctx)).toEqual({
      ok: false,
      error: 'reason_required',
    });
  });
});

describe('CC (抄送), comment, urge (催办)', () => {
  const flow = flowOf(step('a'), step('b'));
  const ctx = ctxOf(flow);
  it('a step’s CC people are informed; an approver can add more; they never decide', () => {
    const s0 = seatStep(
      { status: 'pending', stepIndex: 0, version: 1, rounds: [], path: [0], decided: [], cc: [], stepEnteredAt: T0 },
      flow,
      [2],
      { applicantId: APPLICANT, cc: [6, APPLICANT], at: T0 },
    );
    expect(s0.ok && s0.state.cc).toEqual([6]);
    if (!s0.ok) return;
    const s = run(s0.state, { type: 'cc', actorId: 2, people: [7, 6] }, ctx);
    expect(s.cc).toEqual([6, 7]);
    expect(advance(s, { type: 'approve', actorId: 7 }, ctx)).toEqual({ ok: false, error: 'not_approver' });
    expect(advance(s, { type: 'cc', actorId: 2, people: [7] }, ctx)).toEqual({ ok: false, error: 'already_cc' });
    expect(advance(s, { type: 'cc', actorId: 2, people: [LEFT] }, ctx)).toEqual({ ok: false, error: 'person_left' });
  });
  it('an approval may carry a comment and moves on like any approval', () => {
    expect(advance(seated(flow, [2]), { type: 'approve', actorId: 2, comment: 'Well done' }, ctx)).toMatchObject({
      ok: true,
      outcome: 'advanced',
    });
  });
  it('canUrge: once per step per rolling day', () => {
    const entered = new Date(T0);
    const h = (n: number) => new Date(entered.getTime() + n * 3_600_000);
    expect(canUrge(undefined, entered, h(0))).toBe(true);
    expect(canUrge(h(1), entered, h(2))).toBe(false);
    expect(canUrge(h(1), entered, h(24.99))).toBe(false);
    expect(canUrge(h(1), entered, h(25))).toBe(true);
    // An urge on the previous step does not count against a step entered after it.
    expect(canUrge(h(1), h(2), h(3))).toBe(true);
  });
  it('only the applicant urges, and not twice within a day on the same step', () => {
    const s = seated(flow, [2]);
    const now = new Date('2026-12-01T10:00:00.000Z');
    expect(advance(s, { type: 'urge', actorId: 2, now }, ctx)).toEqual({ ok: false, error: 'not_applicant' });
    const urged = run(s, { type: 'urge', actorId: APPLICANT, now }, ctx);
    expect(urged.lastUrgeAt).toBe(now.toISOString());
    expect(
      advance(urged, { type: 'urge', actorId: APPLICANT, now: new Date('2026-12-02T09:59:00.000Z') }, ctx),
    ).toEqual({
      ok: false,
      error: 'urge_too_soon',
    });
    // A new step starts a new allowance.
    const next = seated(flow, [3], 1, [0, 1]);
    expect(
      advance(
        { ...next, lastUrgeAt: urged.lastUrgeAt, stepEnteredAt: '2026-12-01T11:00:00.000Z' },
        { type: 'urge', actorId: APPLICANT, now: new Date('2026-12-01T12:00:00.000Z') },
        ctx,
      ),
    ).toMatchObject({ ok: true, outcome: 'urged' });
  });
});

describe('condition branches', () => {
  const flow = flowOf(
    step('manager', {
      branches: [
        { when: { field: 'unitKind', op: 'eq', value: 'store' }, next: 'store-ops' },
        { when: { field: 'cost', op: 'gte', value: 1000 }, next: 'finance' },
      ],
    }),
    step('hr', { next: 'end' }),
    step('store-ops', { next: 'end' }),
    step('finance', { next: 'end' }),
    step('end'),
  );
  const go = (facts: FlowContext['facts']) =>
    advance(seated(flow, [2]), { type: 'approve', actorId: 2 }, ctxOf(flow, { facts }));
  it('choose the next step on form values, first match first, else the default next', () => {
    expect(validateFlow(flow).ok).toBe(true);
    expect(go({ unitKind: 'store', cost: 5000 })).toMatchObject({ state: { stepIndex: 2 } });
    expect(go({ unitKind: 'department', cost: 5000 })).toMatchObject({ state: { stepIndex: 3 } });
    expect(go({ unitKind: 'department', cost: 10 })).toMatchObject({ state: { stepIndex: 1 } });
  });
  it('validation rejects a branch to an unknown step and a branch that loops', () => {
    expect(
      validateFlow(flowOf(step('a', { branches: [{ when: { field: 'points', op: 'gte', value: 1 }, next: 'x' }] }))),
    ).toEqual({
      ok: false,
      problem: { code: 'unknown_next', step: 'a' },
    });
    expect(
      validateFlow(
        flowOf(step('a'), step('b', { branches: [{ when: { field: 'points', op: 'gte', value: 1 }, next: 'a' }] })),
      ),
    ).toEqual({ ok: false, problem: { code: 'loop', step: 'a' } });
  });
});

// ---- Properties: random flows, random event sequences. ----
const PEOPLE = [2, 3, 4, 5, 6];
const stepArb = (i: number, n: number) =>
  fc.record({
    mode: fc.constantFrom('all' as const, 'any' as const),
    onReject: fc.constantFrom('end' as const, 'return' as const),
    gate: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    branch: fc.option(
      fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: i + 1, max: Math.max(i + 1, n - 1) })),
      {
        nil: undefined,
      },
    ),
    people: fc.subarray(PEOPLE, { minLength: 1, maxLength: 3 }),
  });
const scenarioArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    steps: fc.tuple(...Array.from({ length: n }, (_, i) => stepArb(i, n))),
    points: fc.integer({ min: 0, max: 300 }),
    events: fc.array(
      fc.record({
        type: fc.constantFrom(
          'approve',
          'reject',
          'return',
          'resubmit',
          'cancel',
          'hand_over',
          'add_sign',
          'send_back',
          'cc',
          'urge',
        ),
        who: fc.constantFrom('decider', 'decider', 'decider', 'applicant', 'anyone'),
        pick: fc.nat(),
        other: fc.integer({ min: 1, max: 9 }),
        before: fc.boolean(),
        hours: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 25 },
    ),
  }),
);

function buildFlow(
  steps: { mode: 'all' | 'any'; onReject: 'end' | 'return'; gate?: number; branch?: [number, number] }[],
): FlowDefinition {
  return flowOf(
    ...steps.map((s, i) =>
      step(`s${i}`, {
        mode: s.mode,
        onReject: s.onReject,
        ...(s.gate === undefined || i === 0 ? {} : { when: { field: 'points', op: 'gte', value: s.gate } }),
        ...(s.branch && s.branch[1] < steps.length
          ? { branches: [{ when: { field: 'points', op: 'gte', value: s.branch[0] }, next: `s${s.branch[1]}` }] }
          : {}),
      }),
    ),
  );
}

describe('properties', () => {
  it('a request is always in exactly one state: ended (approved/rejected/cancelled), waiting on ≥1 approver, or returned; every accepted event is counted once', () => {
    fc.assert(
      fc.property(scenarioArb, ({ steps, points, events }) => {
        const flow = buildFlow(steps);
        expect(validateFlow(flow).ok).toBe(true);
        const ctx = ctxOf(flow, { facts: { points } });
        const seat = (s: FlowState, at: string): FlowState => {
          const r = seatStep(s, flow, steps[s.stepIndex]!.people, { applicantId: APPLICANT, at });
          expect(r.ok).toBe(true);
          return r.ok ? r.state : s;
        };
        let s = seat(
          {
            status: 'pending',
            stepIndex: 0,
            version: 1,
            rounds: [],
            path: [0],
            decided: [],
            cc: [],
            stepEnteredAt: T0,
          },
          T0,
        );
        const timeline: { type: string; version: number; outcome: string }[] = [];
        let clock = new Date(T0).getTime();
        for (const e of events) {
          clock += e.hours * 3_600_000;
          const now = new Date(clock);
          const ds = deciders(s);
          const actorId =
            e.who === 'applicant' ? APPLICANT : e.who === 'decider' && ds.length ? ds[e.pick % ds.length]! : e.other;
          const toStep = s.path.length > 1 ? flow.steps[s.path[e.pick % (s.path.length - 1)]!]!.id : 's0';
          const event: FlowEvent =
            e.type === 'approve'
              ? { type: 'approve', actorId, comment: e.before ? 'ok' : undefined }
              : e.type === 'reject' || e.type === 'return'
                ? { type: e.type, actorId, reason: 'why' }
                : e.type === 'resubmit' || e.type === 'cancel'
                  ? { type: e.type, actorId }
                  : e.type === 'hand_over'
                    ? { type: 'hand_over', actorId, to: e.other, reason: 'why' }
                    : e.type === 'add_sign'
                      ? {
                          type: 'add_sign',
                          actorId,
                          person: e.other,
                          position: e.before ? 'before' : 'after',
                          reason: 'why',
                        }
                      : e.type === 'send_back'
                        ? { type: 'send_back', actorId, toStep, reason: 'why' }
                        : e.type === 'cc'
                          ? { type: 'cc', actorId, people: [e.other] }
                          : { type: 'urge', actorId, now };
          const ended = s.status === 'approved' || s.status === 'rejected' || s.status === 'cancelled';
          const before = s;
          const r = advance(s, event, ctx);
          if (ended) expect(r).toEqual({ ok: false, error: 'finished' });
          if (!r.ok) {
            continue;
          }
          timeline.push({ type: event.type, version: r.state.version, outcome: r.outcome });
          // Only people who could decide decided, and never the applicant.
          if (['approve', 'reject', 'return', 'hand_over', 'add_sign', 'send_back', 'cc'].includes(event.type)) {
            expect(deciders(before)).toContain(actorId);
            expect(actorId).not.toBe(APPLICANT);
          }
          // A step is left only by the approval that completes its last round (every 'all' person approved).
          if (r.outcome === 'advanced' || (r.outcome === 'approved' && event.type === 'approve')) {
            expect(before.rounds).toHaveLength(1);
            const round = before.rounds[0]!;
            if (round.mode === 'all')
              expect(round.people.filter((p) => !round.approved.includes(p))).toEqual([actorId]);
          }
          s = r.state;
          if (ENTERS_STEP.includes(r.outcome) && s.status === 'pending') s = seat(s, now.toISOString());
          // Exactly one of: ended, waiting on someone, back with the applicant.
          const final = s.status === 'approved' || s.status === 'rejected' || s.status === 'cancelled';
          const waiting = s.status === 'pending' && deciders(s).length >= 1;
          const returned = s.status === 'returned' && deciders(s).length === 0;
          expect([final, waiting, returned].filter(Boolean)).toHaveLength(1);
          expect(deciders(s)).not.toContain(APPLICANT);
          expect(s.path[s.path.length - 1]).toBe(s.stepIndex);
        }
        // Every accepted event is in the timeline once, each with its own version, and nothing else moved it.
        expect(s.version).toBe(1 + timeline.length);
        expect(new Set(timeline.map((t) => t.version)).size).toBe(timeline.length);
        // At most one event ended the request, and it was the last accepted one.
        const enders = timeline.flatMap((t, i) =>
          ['approved', 'rejected', 'cancelled'].includes(t.outcome) ? [i] : [],
        );
        expect(enders.length).toBeLessThanOrEqual(1);
        if (enders.length) expect(enders[0]).toBe(timeline.length - 1);
        expect(enders.length === 1).toBe(['approved', 'rejected', 'cancelled'].includes(s.status));
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });
});
