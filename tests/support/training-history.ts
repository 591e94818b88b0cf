// A rating history for training tests, built through the domain on a harness: closed cycles of the team
// scheme over one store with given attitude scores, and enrolments in the recommended attitude course.
import { act, loadRequest } from '../../src/domain/approvals/requests.js';
import { enrolInRecommendation } from '../../src/domain/ratings/courses.js';
import { closeCycle, openCycle, submitRatings, type Closed } from '../../src/domain/ratings/cycles.js';
import type { Harness } from './harness.js';

export const HR = 'lin.xiaowen';
export const STORE = '深圳南山店';

export const personId = async (h: Harness, user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
export const unitIdOf = async (h: Harness, name: string) =>
  (await h.sql.row<{ id: number }>('select id from org_units where name = ?', name))!.id;

/** An open cycle of the team scheme over the store with each person's attitude rated as given (its id). */
export async function ratedAttitudeCycle(
  h: Harness,
  attitude: Record<string, number>,
  openAt: string,
  closesAt: string,
): Promise<number> {
  const db = h.app.db;
  const actor = { kind: 'employee' as const, employeeId: await personId(h, HR) };
  const opened = await openCycle(db, {
    schemeRef: 'team',
    unitId: await unitIdOf(h, STORE),
    closesAt: new Date(closesAt),
    now: new Date(openAt),
    actor,
  });
  if (!opened.ok) throw new Error(opened.code);
  const byRater = new Map<number, Record<string, string>>();
  for (const [user, score] of Object.entries(attitude)) {
    const subject = await personId(h, user);
    const { rater } = (await h.sql.row<{ rater: number }>(
      "select rater_id as rater from rating_assignments where cycle_id = ? and subject_id = ? and dimension = 'attitude'",
      opened.cycle.id,
      subject,
    ))!;
    byRater.set(rater, { ...byRater.get(rater), [`r_${subject}_attitude`]: String(score) });
  }
  for (const [raterId, values] of byRater) {
    const r = await submitRatings(db, { cycleId: opened.cycle.id, raterId, values, now: new Date(openAt) });
    if (!r.ok) throw new Error(r.code);
  }
  return opened.cycle.id;
}

/** A closed cycle of the team scheme over the store: each person's attitude as given, rated by their rater. */
export async function attitudeCycle(
  h: Harness,
  attitude: Record<string, number>,
  openAt: string,
  closeAt: string,
): Promise<Closed> {
  const cycleId = await ratedAttitudeCycle(h, attitude, openAt, closeAt);
  const actor = { kind: 'employee' as const, employeeId: await personId(h, HR) };
  const closed = await closeCycle(h.app.db, { cycleId, now: new Date(closeAt), actor });
  if (!closed.ok) throw new Error(closed.code);
  return closed;
}

/** Ask for the recommended attitude course (the recommendation's id); approve the request unless told not to. */
export async function enrolInAttitudeCourse(h: Harness, user: string, closed: Closed, approve = true): Promise<number> {
  const employeeId = await personId(h, user);
  const rec = closed.recommendations.find((r) => r.employeeId === employeeId && r.dimension === 'attitude');
  if (!rec) throw new Error(`no attitude recommendation for ${user}`);
  const r = await enrolInRecommendation(h.app.db, { recommendationId: rec.id, employeeId, now: new Date() });
  if (!r.ok) throw new Error(r.code);
  if (approve) {
    const req = (await loadRequest(h.app.db, r.request.id))!;
    const a = await act(h.app.db, {
      requestId: req.id,
      event: { type: 'approve', actorId: req.approvers[0]! },
      now: new Date(),
    });
    if (!a.ok) throw new Error(a.code);
  }
  return rec.id;
}
