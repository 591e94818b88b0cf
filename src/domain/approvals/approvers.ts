// Who approves a step. Rules resolve against the org at the moment the step starts; the fallback when the
// rule's people cannot decide (the applicant, someone who has left, a delegate who is the applicant, nobody
// at all) is the pure `routeStep` in fallback.ts. This file only reads the org for it.
import { and, asc, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { delegations, employeeRoles, employees } from '../../db/schema.js';
import { getPerson } from '../org/employees.js';
import { allUnits } from '../org/units.js';
import {
  escalationRoute,
  routeStep,
  type Escalation,
  type FallbackRole,
  type OrgFacts,
  type Routing,
  type RuleResult,
} from './fallback.js';
import type { ApproverRule } from './flow-schema.js';

/** Notes shown with the current approvers. `self_skipped` and `fallback_hr` are kept only to read older requests. */
export type RoutingNote = 'self_skipped' | 'fallback_hr' | 'delegated' | 'escalated' | 'rerouted';

async function roleMembers(db: Db, role: FallbackRole): Promise<number[]> {
  return (
    await db
      .select({ id: employees.id })
      .from(employeeRoles)
      .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
      .where(and(eq(employeeRoles.role, role), eq(employees.active, true)))
  ).map((r) => r.id);
}

/** The org as routing sees it today. One read of everyone: orgs here are hundreds of people, not millions. */
export async function loadOrgFacts(db: Db, today: string): Promise<OrgFacts> {
  const people = new Map(
    (
      await db.select({ id: employees.id, active: employees.active, managerId: employees.managerId }).from(employees)
    ).map((p) => [p.id, { active: p.active, managerId: p.managerId }] as const),
  );
  // The latest delegation in force wins when someone set several.
  const delegated = new Map(
    (
      await db
        .select({ fromId: delegations.fromId, toId: delegations.toId })
        .from(delegations)
        .where(gte(delegations.until, today))
        .orderBy(asc(delegations.id))
    ).map((d) => [d.fromId, d.toId] as const),
  );
  return {
    people,
    roles: { hr: await roleMembers(db, 'hr'), admin: await roleMembers(db, 'admin') },
    delegations: delegated,
  };
}

/** Whom the rule names, or why nobody. A unit without a head is "nobody" (no walking up the tree): the fallback order decides. */
export async function ruleResult(
  db: Db,
  rule: ApproverRule,
  ctx: { applicantId: number; targetUnitId?: number },
): Promise<RuleResult> {
  switch (rule.type) {
    case 'manager': {
      const m = (await getPerson(db, ctx.applicantId))?.managerId ?? null;
      return m === null ? { kind: 'nobody', why: { reason: 'no_manager' } } : { kind: 'people', people: [m] };
    }
    case 'unitHead': {
      const unitId =
        rule.unit === 'applicant'
          ? ((await getPerson(db, ctx.applicantId))?.unitId ?? null)
          : rule.unit === 'target'
            ? (ctx.targetUnitId ?? null)
            : rule.unit;
      const unit = unitId === null ? undefined : (await allUnits(db)).find((u) => u.id === unitId);
      const head = unit?.headEmployeeId ?? null;
      return head === null
        ? { kind: 'nobody', why: { reason: 'no_head', unitId: unit?.id } }
        : { kind: 'people', people: [head] };
    }
    case 'role': {
      const [first, ...rest] = await roleMembers(db, rule.role);
      return first === undefined
        ? { kind: 'nobody', why: { reason: 'no_members', role: rule.role } }
        : { kind: 'people', people: [first, ...rest] };
    }
    case 'person':
      return { kind: 'people', people: [rule.employeeId] };
    case 'people': {
      const [first, ...rest] = rule.employeeIds;
      return first === undefined
        ? { kind: 'nobody', why: { reason: 'no_members' } }
        : { kind: 'people', people: [first, ...rest] };
    }
  }
}

export async function routeApprovers(
  db: Db,
  rule: ApproverRule,
  ctx: { applicantId: number; targetUnitId?: number; today: string },
): Promise<Routing> {
  return routeStep(await ruleResult(db, rule, ctx), ctx.applicantId, await loadOrgFacts(db, ctx.today));
}

export async function routeEscalation(
  db: Db,
  req: { principals: readonly number[]; approvers: readonly number[]; applicantId: number },
  today: string,
): Promise<Escalation> {
  return escalationRoute(req.principals, req.approvers, req.applicantId, await loadOrgFacts(db, today));
}

/** Active HR people other than the applicant, else admins (ratings use it to find a rater for someone without one). */
export async function hrFallback(db: Db, applicantId: number): Promise<number[]> {
  const hr = (await roleMembers(db, 'hr')).filter((id) => id !== applicantId);
  return hr.length ? hr : (await roleMembers(db, 'admin')).filter((id) => id !== applicantId);
}

/** Whether a rule can resolve to anyone at all in the current org (for validating flow definitions). */
export async function ruleResolvable(db: Db, rule: ApproverRule): Promise<boolean> {
  switch (rule.type) {
    case 'role':
      return (await roleMembers(db, rule.role)).length > 0;
    case 'person':
      return Boolean((await getPerson(db, rule.employeeId))?.active);
    case 'unitHead':
      return typeof rule.unit !== 'number' || (await allUnits(db)).some((u) => u.id === rule.unit);
    case 'people':
      return (
        rule.employeeIds.length > 0 &&
        (await Promise.all(rule.employeeIds.map((id) => getPerson(db, id)))).every((p) => p?.active)
      );
    case 'manager':
      return true;
  }
}
