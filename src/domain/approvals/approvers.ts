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

function roleMembers(db: Db, role: FallbackRole): number[] {
  return db
    .select({ id: employees.id })
    .from(employeeRoles)
    .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
    .where(and(eq(employeeRoles.role, role), eq(employees.active, true)))
    .all()
    .map((r) => r.id);
}

/** The org as routing sees it today. One read of everyone: orgs here are hundreds of people, not millions. */
export function loadOrgFacts(db: Db, today: string): OrgFacts {
  const people = new Map(
    db
      .select({ id: employees.id, active: employees.active, managerId: employees.managerId })
      .from(employees)
      .all()
      .map((p) => [p.id, { active: p.active, managerId: p.managerId }] as const),
  );
  // The latest delegation in force wins when someone set several.
  const delegated = new Map(
    db
      .select({ fromId: delegations.fromId, toId: delegations.toId })
      .from(delegations)
      .where(gte(delegations.until, today))
      .orderBy(asc(delegations.id))
      .all()
      .map((d) => [d.fromId, d.toId] as const),
  );
  return { people, roles: { hr: roleMembers(db, 'hr'), admin: roleMembers(db, 'admin') }, delegations: delegated };
}

/** Whom the rule names, or why nobody. A unit without a head is "nobody" (no walking up the tree): the fallback order decides. */
export function ruleResult(
  db: Db,
  rule: ApproverRule,
  ctx: { applicantId: number; targetUnitId?: number },
): RuleResult {
  switch (rule.type) {
    case 'manager': {
      const m = getPerson(db, ctx.applicantId)?.managerId ?? null;
      return m === null ? { kind: 'nobody', why: { reason: 'no_manager' } } : { kind: 'people', people: [m] };
    }
    case 'unitHead': {
      const unitId =
        rule.unit === 'applicant'
          ? (getPerson(db, ctx.applicantId)?.unitId ?? null)
          : rule.unit === 'target'
            ? (ctx.targetUnitId ?? null)
            : rule.unit;
      const unit = unitId === null ? undefined : allUnits(db).find((u) => u.id === unitId);
      const head = unit?.headEmployeeId ?? null;
      return head === null
        ? { kind: 'nobody', why: { reason: 'no_head', unitId: unit?.id } }
        : { kind: 'people', people: [head] };
    }
    case 'role': {
      const [first, ...rest] = roleMembers(db, rule.role);
      return first === undefined
        ? { kind: 'nobody', why: { reason: 'no_members', role: rule.role } }
        : { kind: 'people', people: [first, ...rest] };
    }
    case 'person':
      return { kind: 'people', people: [rule.employeeId] };
  }
}

export function routeApprovers(
  db: Db,
  rule: ApproverRule,
  ctx: { applicantId: number; targetUnitId?: number; today: string },
): Routing {
  return routeStep(ruleResult(db, rule, ctx), ctx.applicantId, loadOrgFacts(db, ctx.today));
}

export function routeEscalation(
  db: Db,
  req: { principals: readonly number[]; approvers: readonly number[]; applicantId: number },
  today: string,
): Escalation {
  return escalationRoute(req.principals, req.approvers, req.applicantId, loadOrgFacts(db, today));
}

/** Active HR people other than the applicant, else admins (ratings use it to find a rater for someone without one). */
export function hrFallback(db: Db, applicantId: number): number[] {
  const hr = roleMembers(db, 'hr').filter((id) => id !== applicantId);
  return hr.length ? hr : roleMembers(db, 'admin').filter((id) => id !== applicantId);
}

/** Whether a rule can resolve to anyone at all in the current org (for validating flow definitions). */
export function ruleResolvable(db: Db, rule: ApproverRule): boolean {
  switch (rule.type) {
    case 'role':
      return roleMembers(db, rule.role).length > 0;
    case 'person':
      return Boolean(getPerson(db, rule.employeeId)?.active);
    case 'unitHead':
      return typeof rule.unit !== 'number' || allUnits(db).some((u) => u.id === rule.unit);
    case 'manager':
      return true;
  }
}
