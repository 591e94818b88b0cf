// The status page's checks and its one action: who may open it (read from the org, decided by
// status-access.ts), auditing a view, and proposing the conversation a signal calls for — a performance talk
// (growth/talks.ts) for the person's manager, once per person, cycle and dimension (the talks' own unique key:
// a talk the cycle's close already made is the same conversation, not a second one).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, performanceTalks } from '../../db/schema.js';
import { hrFallback } from '../approvals/approvers.js';
import { audit } from '../audit.js';
import { getTalk, type Talk } from '../growth/talks.js';
import { TALK_DUE_DAYS } from '../growth/repeated-drop.js';
import { getPerson, type Person } from '../org/employees.js';
import { allUnits } from '../org/units.js';
import { managerChainOf, mayViewStatus, statusAccess, unitHeadsAbove, type StatusAccess } from './status-access.js';
import type { PersonStatus } from './status.js';

const DAY = 86_400_000;

/** The viewer's access to the person's status page; undefined when there is no such person. */
export async function statusAccessFor(db: Db, viewer: Person, subjectId: number): Promise<StatusAccess | undefined> {
  const subject = await getPerson(db, subjectId);
  if (!subject) return undefined;
  const people = new Map<number, { managerId: number | null }>([[subject.id, subject]]);
  // Walk the manager links one read at a time (a chain is a handful of people).
  for (let m = subject.managerId; m !== null && !people.has(m);) {
    const p = await getPerson(db, m);
    if (!p) break;
    people.set(p.id, p);
    m = p.managerId;
  }
  return statusAccess({
    viewer,
    subject,
    managerChain: managerChainOf(people, subject.id),
    unitHeads: unitHeadsAbove(await allUnits(db), subject.unitId),
  });
}

/** The active people whose page the viewer may open, by name, with their unit's name (none for an employee). */
export async function statusPeople(
  db: Db,
  viewer: Person,
): Promise<{ id: number; name: string; unit: string | null }[]> {
  const people = await db
    .select({ id: employees.id, name: employees.name, unitId: employees.unitId, managerId: employees.managerId })
    .from(employees)
    .where(eq(employees.active, true))
    .orderBy(asc(employees.name));
  const units = await allUnits(db);
  const byId = new Map(people.map((p) => [p.id, p]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return people
    .filter((p) =>
      mayViewStatus(
        statusAccess({
          viewer,
          subject: p,
          managerChain: managerChainOf(byId, p.id),
          unitHeads: unitHeadsAbove(units, p.unitId),
        }),
      ),
    )
    .filter((p) => p.id !== viewer.id)
    .map((p) => ({ id: p.id, name: p.name, unit: p.unitId === null ? null : (unitName.get(p.unitId) ?? null) }));
}

export async function auditStatusView(db: Db, viewer: Person, subjectId: number): Promise<void> {
  await audit(db, { kind: 'employee', employeeId: viewer.id }, 'person.status.view', `employee:${subjectId}`);
}

export type ProposeError = 'no_signal' | 'no_manager';

/**
 * Propose the conversation for a signal on the page: only a signal the facts support now (the page's own
 * computation, never the caller's word), for its cycle and dimension. `created` is false when that
 * conversation already exists (made at the cycle's close or proposed before).
 */
export async function proposeTalk(
  db: Db,
  input: { viewer: Person; status: PersonStatus; cycleId: number; dimension: string; now: Date },
): Promise<{ ok: true; talk: Talk; created: boolean } | { ok: false; code: ProposeError }> {
  const { status, viewer } = input;
  const signal = status.signals.find((s) => s.cycleId === input.cycleId && s.dimension === input.dimension);
  if (!signal) return { ok: false, code: 'no_signal' };
  if (signal.talk) return { ok: true, talk: (await getTalk(db, signal.talk.id))!, created: false };
  const person = (await getPerson(db, status.person.id))!;
  const manager = person.managerId !== null ? await getPerson(db, person.managerId) : undefined;
  const managerId = manager?.active ? manager.id : (await hrFallback(db, person.id))[0];
  if (managerId === undefined) return { ok: false, code: 'no_manager' };
  const row = (
    await db
      .insert(performanceTalks)
      .values({
        cycleId: signal.cycleId,
        employeeId: person.id,
        managerId,
        dimension: signal.dimension,
        scores: JSON.stringify(signal.scores),
        dueAt: new Date(input.now.getTime() + TALK_DUE_DAYS * DAY).toISOString(),
        createdAt: input.now.toISOString(),
      })
      .onConflictDoNothing()
      .returning({ id: performanceTalks.id })
  )[0];
  if (!row) {
    // Made by someone else between the page's read and this press: the same conversation.
    const existing = (
      await db
        .select({ id: performanceTalks.id })
        .from(performanceTalks)
        .where(
          and(
            eq(performanceTalks.cycleId, signal.cycleId),
            eq(performanceTalks.employeeId, person.id),
            eq(performanceTalks.dimension, signal.dimension),
          ),
        )
    )[0];
    const talk = existing ? await getTalk(db, existing.id) : undefined;
    if (talk) return { ok: true, talk, created: false };
    return { ok: false, code: 'no_signal' };
  }
  await audit(db, { kind: 'employee', employeeId: viewer.id }, 'talk.propose', `talk:${row.id}`, {
    subjectId: person.id,
    rule: signal.rule,
    dimension: signal.dimension,
  });
  return { ok: true, talk: (await getTalk(db, row.id))!, created: true };
}
