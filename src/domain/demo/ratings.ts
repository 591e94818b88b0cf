// Two closed rating cycles of the team scheme over the whole company, a quarter apart: every manager rated
// their people (HR stands in where the rule names nobody), the cycle closed with composites, and the low and
// dropped dimensions got course recommendations — one of which was taken up and approved as training.
import { act, loadRequest } from '../approvals/requests.js';
import { enrolInRecommendation } from '../ratings/courses.js';
import { and, asc, eq } from 'drizzle-orm';
import { employees, ratingAssignments } from '../../db/schema.js';
import { closeCycle, commentField, openCycle, ratingField, submitRatings, type Closed } from '../ratings/cycles.js';
import { allUnits, rootUnitId } from '../org/units.js';
import { must, type DemoContext } from './context.js';
import type { Rng } from './prng.js';

const DAY = 24 * 60 * 60 * 1000;

const CYCLES = [
  { openedDaysAgo: 118, ratedDaysAgo: 108, closedDaysAgo: 100 },
  { openedDaysAgo: 45, ratedDaysAgo: 36, closedDaysAgo: 30 },
];

// Scores a manager gave on purpose, to tell a story: a cashier's collaboration was low in the first cycle;
// in the second a server's emotional expression dropped (a recommendation he took up) and a tester's attitude.
const GIVEN: Record<number, Record<string, Record<string, number>>> = {
  0: { 'lu.kai': { collaboration: 2 } },
  1: { 'han.bing': { expression: 2 }, 'wu.hao': { attitude: 2 } },
};

const FEEDBACK = [
  '执行力强，交代的事情都能按时完成。',
  '和同事配合默契，愿意分享经验。',
  'Clear communicator; keeps the team calm on busy days.',
  '建议多参与跨部门讨论。',
  '本季度进步明显，继续保持。',
];

export async function seedRatings(ctx: DemoContext, rng: Rng): Promise<void> {
  const { db } = ctx;
  // What each person got last cycle, so the second cycle moves gently from it (integer scores make any
  // random fall a "drop" the scheme recommends a course for; only the story's drops should be).
  const last = new Map<string, number>();
  const userOf = new Map(
    (await db.select({ id: employees.id, email: employees.email }).from(employees)).map((e) => [
      e.id,
      e.email?.split('@')[0] ?? '',
    ]),
  );
  let closed: Closed | undefined;

  CYCLES.forEach((c, index) => {
    let cycleId = 0;
    let raters: number[] = [];
    const openedAt = ctx.ago(c.openedDaysAgo, 1);
    ctx.at(openedAt, `open rating cycle ${index + 1}`, async () => {
      const root = rootUnitId(await allUnits(db))!;
      const r = must(
        await openCycle(db, {
          schemeRef: 'team',
          unitId: root,
          closesAt: ctx.ago(c.closedDaysAgo),
          now: openedAt,
          actor: { kind: 'employee', employeeId: (await ctx.person('lin.xiaowen')).id },
        }),
        `opening rating cycle ${index + 1}`,
      );
      cycleId = r.cycle.id;
      raters = [...r.raters].sort((a, b) => a - b);
    });
    const ratedAt = ctx.ago(c.ratedDaysAgo, 3);
    ctx.at(ratedAt, `ratings of cycle ${index + 1}`, async () => {
      for (const [i, raterId] of raters.entries()) {
        // The rater's own assignments (what raterTasks shows them), read directly: the seed needs only the keys.
        const mine = await db
          .select({ subjectId: ratingAssignments.subjectId, dimension: ratingAssignments.dimension })
          .from(ratingAssignments)
          .where(and(eq(ratingAssignments.cycleId, cycleId), eq(ratingAssignments.raterId, raterId)))
          .orderBy(asc(ratingAssignments.subjectId), asc(ratingAssignments.dimension));
        const values: Record<string, string> = {};
        for (const a of mine) {
          const key = `${a.subjectId}:${a.dimension}`;
          const before = last.get(key);
          const drawn = before === undefined ? rng.int(3, 5) : Math.min(5, before + (rng.chance(0.2) ? 1 : 0));
          const value = GIVEN[index]?.[userOf.get(a.subjectId) ?? '']?.[a.dimension] ?? drawn;
          last.set(key, value);
          values[ratingField(a.subjectId, a.dimension)] = String(value);
        }
        for (const subjectId of new Set(mine.map((a) => a.subjectId)))
          if (rng.chance(0.25)) values[commentField(subjectId)] = rng.pick(FEEDBACK);
        // Raters do not all rate on the same day.
        const at = new Date(ratedAt.getTime() + (i % 4) * DAY);
        ctx.at(at, `rater ${raterId} in cycle ${index + 1}`, async () => {
          must(await submitRatings(db, { cycleId, raterId, values, now: at }), `rating in cycle ${index + 1}`);
        });
      }
    });
    const closedAt = ctx.ago(c.closedDaysAgo);
    ctx.at(closedAt, `close rating cycle ${index + 1}`, async () => {
      closed = must(
        await closeCycle(db, {
          cycleId,
          now: closedAt,
          actor: { kind: 'employee', employeeId: (await ctx.person('lin.xiaowen')).id },
        }),
        `closing rating cycle ${index + 1}`,
      );
    });
  });

  // Han Bing takes up the course recommended for his emotional expression; his store manager approves.
  const enrolAt = ctx.ago(CYCLES[1]!.closedDaysAgo - 2, 2);
  let requestId = 0;
  ctx.at(enrolAt, 'enrolling in a recommended course', async () => {
    const hanBing = (await ctx.person('han.bing')).id;
    const rec = closed?.recommendations.find((r) => r.employeeId === hanBing);
    if (!rec) throw new Error('demo history: the second cycle recommended no course to han.bing');
    requestId = must(
      await enrolInRecommendation(db, { recommendationId: rec.id, employeeId: hanBing, now: enrolAt }),
      'enrolling in a course',
    ).request.id;
  });
  const approveAt = new Date(enrolAt.getTime() + DAY - 4 * 60 * 60 * 1000);
  ctx.at(approveAt, 'approving the training', async () => {
    const req = (await loadRequest(db, requestId))!;
    must(
      await act(db, { requestId, event: { type: 'approve', actorId: req.approvers[0]! }, now: approveAt }),
      'approving the training',
    );
  });
}
