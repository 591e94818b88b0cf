// Who approves a step. Rules resolve against the org at the moment the step starts; an approver who is
// the applicant is skipped up a level (never self-approval); an away approver's delegate stands in; a rule
// that finds nobody goes to HR with a note, so no request stalls silently.
import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { delegations, employeeRoles, employees } from '../../db/schema.js';
import { getPerson } from '../org/employees.js';
import { allUnits, type UnitNode } from '../org/units.js';
import type { ApproverRule } from './flow-schema.js';

export type RoutingNote = 'self_skipped' | 'fallback_hr' | 'delegated' | 'escalated';

export interface Resolved {
  approvers: number[];
  notes: RoutingNote[];
}

function activeIds(db: Db, ids: number[]): number[] {
  return ids.filter((id) => getPerson(db, id)?.active);
}

function roleMembers(db: Db, role: 'hr' | 'admin'): number[] {
  return db
    .select({ id: employees.id })
    .from(employeeRoles)
    .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
    .where(and(eq(employeeRoles.role, role), eq(employees.active, true)))
    .all()
    .map((r) => r.id);
}

/** The head of a unit, walking up while the head is missing, inactive or the applicant. */
function headUpwards(db: Db, units: UnitNode[], unitId: number | null, applicantId: number, notes: RoutingNote[]): number | undefined {
  for (let u = units.find((x) => x.id === unitId); u; u = units.find((x) => x.id === u!.parentId)) {
    if (u.headEmployeeId === null || !getPerson(db, u.headEmployeeId)?.active) continue;
    if (u.headEmployeeId === applicantId) {
      notes.push('self_skipped');
      continue;
    }
    return u.headEmployeeId;
  }
  return undefined;
}

/** The person's manager, walking up the manager chain past inactive people and the applicant. */
function managerUpwards(db: Db, personId: number, applicantId: number, notes: RoutingNote[]): number | undefined {
  const seen = new Set<number>();
  for (let m = getPerson(db, personId)?.managerId ?? null; m !== null && !seen.has(m); m = getPerson(db, m)?.managerId ?? null) {
    seen.add(m);
    const p = getPerson(db, m);
    if (!p?.active) continue;
    if (m === applicantId) {
      notes.push('self_skipped');
      continue;
    }
    return m;
  }
  return undefined;
}

export function hrFallback(db: Db, applicantId: number): number[] {
  const hr = roleMembers(db, 'hr').filter((id) => id !== applicantId);
  return hr.length ? hr : roleMembers(db, 'admin').filter((id) => id !== applicantId);
}

export function withDelegates(db: Db, ids: number[], today: string, notes: RoutingNote[]): number[] {
  return [
    ...new Set(
      ids.map((id) => {
        const d = db.select({ toId: delegations.toId }).from(delegations).where(and(eq(delegations.fromId, id), gte(delegations.until, today))).get();
        if (d && getPerson(db, d.toId)?.active) {
          notes.push('delegated');
          return d.toId;
        }
        return id;
      }),
    ),
  ];
}

export function resolveApprovers(db: Db, rule: ApproverRule, ctx: { applicantId: number; targetUnitId?: number; today: string }): Resolved {
  const notes: RoutingNote[] = [];
  const applicant = getPerson(db, ctx.applicantId);
  let ids: number[] = [];
  switch (rule.type) {
    case 'manager': {
      const m = managerUpwards(db, ctx.applicantId, ctx.applicantId, notes);
      ids = m === undefined ? [] : [m];
      break;
    }
    case 'unitHead': {
      const unitId = rule.unit === 'applicant' ? (applicant?.unitId ?? null) : rule.unit === 'target' ? (ctx.targetUnitId ?? null) : rule.unit;
      const h = headUpwards(db, allUnits(db), unitId, ctx.applicantId, notes);
      ids = h === undefined ? [] : [h];
      break;
    }
    case 'role':
      ids = roleMembers(db, rule.role).filter((id) => {
        if (id === ctx.applicantId) notes.push('self_skipped');
        return id !== ctx.applicantId;
      });
      break;
    case 'person': {
      if (rule.employeeId === ctx.applicantId) {
        notes.push('self_skipped');
        const m = managerUpwards(db, ctx.applicantId, ctx.applicantId, notes);
        ids = m === undefined ? [] : [m];
      } else ids = activeIds(db, [rule.employeeId]);
      break;
    }
  }
  if (ids.length === 0) {
    notes.push('fallback_hr');
    ids = hrFallback(db, ctx.applicantId);
  }
  return { approvers: withDelegates(db, ids, ctx.today, notes).filter((id) => id !== ctx.applicantId), notes };
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
