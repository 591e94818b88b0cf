// The fallback order when a step's own approvers cannot decide: the approver's manager (a delegator's, for a
// delegation), then HR, then admins, else nobody — as a pure function of the rule's result, the applicant
// and the org.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escalationRoute,
  managerAbove,
  routeStep,
  type OrgFacts,
  type RuleResult,
} from '../../src/domain/approvals/fallback.js';

// 1 CEO ← 2 head ← {3 applicant, 4 peer, 7 left}; 5 HR and 6 admin report to the CEO.
const CEO = 1;
const HEAD = 2;
const APPLICANT = 3;
const PEER = 4;
const HR = 5;
const ADMIN = 6;
const LEFT = 7;

function org(
  o: {
    inactive?: number[];
    hr?: number[];
    admin?: number[];
    delegations?: [number, number][];
    managers?: Record<number, number | null>;
  } = {},
): OrgFacts {
  const managers: Record<number, number | null> = {
    [CEO]: null,
    [HEAD]: CEO,
    [APPLICANT]: HEAD,
    [PEER]: HEAD,
    [HR]: CEO,
    [ADMIN]: CEO,
    [LEFT]: HEAD,
    ...o.managers,
  };
  const inactive = new Set([LEFT, ...(o.inactive ?? [])]);
  return {
    people: new Map(
      Object.entries(managers).map(([id, managerId]) => [Number(id), { active: !inactive.has(Number(id)), managerId }]),
    ),
    roles: { hr: o.hr ?? [HR], admin: o.admin ?? [ADMIN] },
    delegations: new Map(o.delegations ?? []),
  };
}
const people = (...ids: [number, ...number[]]): RuleResult => ({ kind: 'people', people: ids });

describe('routeStep: the rule decides when it can', () => {
  it("the rule's person decides, on their own behalf", () => {
    expect(routeStep(people(HEAD), APPLICANT, org())).toEqual({
      approvers: [HEAD],
      principals: [HEAD],
      delegated: false,
      tier: 'rule',
    });
  });
  it('a delegate stands in, and the seat stays the delegator’s', () => {
    expect(routeStep(people(HEAD), APPLICANT, org({ delegations: [[HEAD, PEER]] }))).toEqual({
      approvers: [PEER],
      principals: [HEAD],
      delegated: true,
      tier: 'rule',
    });
  });
  it('a delegate who has left does not take the seat: the delegator decides', () => {
    expect(routeStep(people(HEAD), APPLICANT, org({ delegations: [[HEAD, LEFT]] }))).toMatchObject({
      approvers: [HEAD],
      delegated: false,
      tier: 'rule',
    });
  });
  it("a role's members other than the applicant decide, without a reroute", () => {
    expect(routeStep(people(APPLICANT, HR), APPLICANT, org())).toEqual({
      approvers: [HR],
      principals: [HR],
      delegated: false,
      tier: 'rule',
    });
  });
  it('two seats delegated to the same person ask them once', () => {
    expect(
      routeStep(
        people(HR, ADMIN),
        APPLICANT,
        org({
          delegations: [
            [HR, PEER],
            [ADMIN, PEER],
          ],
        }),
      ),
    ).toEqual({ approvers: [PEER], principals: [HR, ADMIN], delegated: true, tier: 'rule' });
  });
});

describe("routeStep: the approver's manager next", () => {
  it("the delegate is the applicant: the delegator's manager, and why", () => {
    expect(routeStep(people(HEAD), APPLICANT, org({ delegations: [[HEAD, APPLICANT]] }))).toEqual({
      approvers: [CEO],
      principals: [CEO],
      delegated: false,
      tier: 'manager',
      why: { reason: 'delegate_is_applicant', about: HEAD },
    });
  });
  it("the approver is the applicant: the applicant's manager", () => {
    expect(routeStep(people(APPLICANT), APPLICANT, org())).toMatchObject({
      approvers: [HEAD],
      tier: 'manager',
      why: { reason: 'approver_is_applicant', about: APPLICANT },
    });
  });
  it('the approver has left: their manager', () => {
    expect(routeStep(people(LEFT), PEER, org())).toMatchObject({
      approvers: [HEAD],
      tier: 'manager',
      why: { reason: 'approver_inactive', about: LEFT },
    });
  });
  it('someone unknown to the org counts as having left', () => {
    expect(routeStep(people(99), APPLICANT, org())).toMatchObject({
      approvers: [HR],
      tier: 'hr',
      why: { reason: 'approver_inactive', about: 99 },
    });
  });
  it('the walk up goes past a manager who has left, the applicant, and a manager whose delegate is the applicant', () => {
    expect(routeStep(people(HEAD), APPLICANT, org({ inactive: [HEAD] }))).toMatchObject({
      approvers: [CEO],
      tier: 'manager',
    });
    // The applicant (the head) is the left person's manager: the head's own manager decides.
    expect(routeStep(people(LEFT), HEAD, org())).toMatchObject({
      approvers: [CEO],
      tier: 'manager',
      why: { reason: 'approver_inactive', about: LEFT },
    });
    expect(routeStep(people(LEFT), APPLICANT, org({ delegations: [[HEAD, APPLICANT]] }))).toMatchObject({
      approvers: [CEO],
      tier: 'manager',
    });
  });
  it("the approver's manager is away: their delegate stands in, on their behalf", () => {
    expect(
      routeStep(
        people(HEAD),
        APPLICANT,
        org({
          delegations: [
            [HEAD, APPLICANT],
            [CEO, HR],
          ],
        }),
      ),
    ).toEqual({
      approvers: [HR],
      principals: [CEO],
      delegated: true,
      tier: 'manager',
      why: { reason: 'delegate_is_applicant', about: HEAD },
    });
  });
  it('a manager cycle ends', () => {
    const cyclic = org({ inactive: [HEAD, CEO], managers: { [CEO]: HEAD } });
    expect(routeStep(people(HEAD), APPLICANT, cyclic)).toMatchObject({ approvers: [HR], tier: 'hr' });
  });
});

describe('routeStep: then HR, then admins, else nobody', () => {
  it('no manager, no head, no members: straight to HR, keeping the reason', () => {
    expect(routeStep({ kind: 'nobody', why: { reason: 'no_manager' } }, CEO, org())).toEqual({
      approvers: [HR],
      principals: [HR],
      delegated: false,
      tier: 'hr',
      why: { reason: 'no_manager' },
    });
    expect(routeStep({ kind: 'nobody', why: { reason: 'no_head', unitId: 9 } }, APPLICANT, org())).toMatchObject({
      approvers: [HR],
      tier: 'hr',
      why: { reason: 'no_head', unitId: 9 },
    });
  });
  it('nobody above the passed-over approver: HR', () => {
    expect(routeStep(people(CEO), APPLICANT, org({ inactive: [CEO] }))).toMatchObject({
      approvers: [HR],
      tier: 'hr',
      why: { reason: 'approver_inactive', about: CEO },
    });
  });
  it('HR empty, left or only the applicant: the admins', () => {
    const noManager: RuleResult = { kind: 'nobody', why: { reason: 'no_manager' } };
    expect(routeStep(noManager, CEO, org({ hr: [] }))).toMatchObject({ approvers: [ADMIN], tier: 'admin' });
    expect(routeStep(noManager, CEO, org({ inactive: [HR] }))).toMatchObject({ approvers: [ADMIN], tier: 'admin' });
    expect(routeStep(noManager, HR, org({ managers: { [HR]: null } }))).toMatchObject({
      approvers: [ADMIN],
      tier: 'admin',
    });
  });
  it("an HR person's delegate decides for them", () => {
    expect(
      routeStep({ kind: 'nobody', why: { reason: 'no_manager' } }, CEO, org({ delegations: [[HR, PEER]] })),
    ).toMatchObject({ approvers: [PEER], principals: [HR], tier: 'hr' });
  });
  it('nobody at all — or only the applicant — is `none`, with the reason', () => {
    expect(
      routeStep({ kind: 'nobody', why: { reason: 'no_members', role: 'hr' } }, APPLICANT, org({ hr: [], admin: [] })),
    ).toEqual({
      approvers: [],
      principals: [],
      delegated: false,
      tier: 'none',
      why: { reason: 'no_members', role: 'hr' },
    });
    expect(
      routeStep({ kind: 'nobody', why: { reason: 'no_manager' } }, CEO, org({ hr: [CEO], admin: [CEO] })),
    ).toMatchObject({ approvers: [], tier: 'none' });
    expect(
      routeStep(
        { kind: 'nobody', why: { reason: 'no_manager' } },
        CEO,
        org({ hr: [HR], admin: [], delegations: [[HR, CEO]] }),
      ),
    ).toMatchObject({ approvers: [], tier: 'none' });
  });
});

describe('routeStep: invariants over random orgs', () => {
  it('never asks the applicant or someone who has left, and waits on nobody only when the tier is `none`', () => {
    const ids = fc.integer({ min: 1, max: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ active: fc.boolean(), managerId: fc.option(ids, { nil: null }) }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.array(ids, { maxLength: 3 }),
        fc.array(ids, { maxLength: 3 }),
        fc.array(fc.tuple(ids, ids), { maxLength: 4 }),
        fc.array(ids, { minLength: 1, maxLength: 3 }),
        ids,
        (ps, hr, admin, delegations, named, applicant) => {
          const facts: OrgFacts = {
            people: new Map(ps.map((p, i) => [i + 1, p])),
            roles: { hr, admin },
            delegations: new Map(delegations),
          };
          const r = routeStep({ kind: 'people', people: [named[0]!, ...named.slice(1)] }, applicant, facts);
          expect(r.approvers).not.toContain(applicant);
          for (const a of r.approvers) expect(facts.people.get(a)?.active).toBe(true);
          expect(r.approvers.length === 0).toBe(r.tier === 'none');
          expect(new Set(r.approvers).size).toBe(r.approvers.length);
          if (r.tier !== 'rule') expect(r.why).toBeDefined();
        },
      ),
    );
  });
});

describe('managerAbove', () => {
  it('is the first seat up the chain that can decide, or undefined at the top', () => {
    expect(managerAbove(APPLICANT, PEER, org())).toEqual({
      ok: true,
      approver: HEAD,
      principal: HEAD,
      delegated: false,
    });
    expect(managerAbove(CEO, APPLICANT, org())).toBeUndefined();
  });
});

describe('escalationRoute', () => {
  it("goes above the seat, not the delegate: the delegator's manager", () => {
    expect(escalationRoute([HEAD], [PEER], APPLICANT, org({ delegations: [[HEAD, PEER]] }))).toEqual({
      kind: 'move',
      routing: { approvers: [CEO], principals: [CEO], delegated: false, tier: 'manager', why: { reason: 'overdue' } },
    });
  });
  it('an approver who has left is passed over on the way up', () => {
    expect(escalationRoute([LEFT], [LEFT], PEER, org({ inactive: [HEAD] }))).toMatchObject({
      kind: 'move',
      routing: { approvers: [CEO], tier: 'manager' },
    });
  });
  it('nobody above: HR', () => {
    expect(escalationRoute([CEO], [CEO], APPLICANT, org())).toMatchObject({
      kind: 'move',
      routing: { approvers: [HR], tier: 'hr' },
    });
  });
  it('a request that waited on nobody (before this fix) goes to HR', () => {
    expect(escalationRoute([], [], APPLICANT, org())).toMatchObject({
      kind: 'move',
      routing: { approvers: [HR], tier: 'hr' },
    });
  });
  it('nobody new to go to: it stays with approvers who can still decide', () => {
    // HR waits on the CEO's claim; above HR is the CEO, the applicant; HR is the same people.
    expect(escalationRoute([HR], [HR], CEO, org())).toEqual({ kind: 'stay' });
    expect(escalationRoute([CEO], [CEO], APPLICANT, org({ hr: [], admin: [] }))).toEqual({ kind: 'stay' });
  });
  it('nobody new and the approvers have left: it fails, saying who left', () => {
    expect(escalationRoute([LEFT], [LEFT], APPLICANT, org({ hr: [], admin: [], managers: { [LEFT]: null } }))).toEqual({
      kind: 'fail',
      why: { reason: 'approver_inactive', about: LEFT },
    });
    expect(escalationRoute([], [], APPLICANT, org({ hr: [], admin: [] }))).toEqual({
      kind: 'fail',
      why: { reason: 'no_members', role: 'hr' },
    });
  });
});
