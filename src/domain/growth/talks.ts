// Performance conversations: when a cycle closes, each person whose dimension dropped in two consecutive
// cycles of the scheme (repeated-drop.ts) gets a conversation their manager is asked to hold within
// TALK_DUE_DAYS, once per cycle, person and dimension (re-running creates nothing new). The manager (HR when
// the person has none) marks it done from the chat card or the mini-app.
import { and, desc, eq, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { performanceTalks, ratingCycles, ratingResults } from '../../db/schema.js';
import { hrFallback } from '../approvals/approvers.js';
import { audit } from '../audit.js';
import { getPerson, type Person } from '../org/employees.js';
import type { SchemeDefinition } from '../ratings/scheme.js';
import { repeatedDrops, TALK_DUE_DAYS } from './repeated-drop.js';

const DAY = 24 * 60 * 60 * 1000;

export interface Talk {
  id: number;
  cycleId: number;
  employeeId: number;
  managerId: number;
  dimension: string;
  /** The dimension's scores in the three cycles, oldest first. */
  scores: number[];
  dueAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
}

type TalkRow = typeof performanceTalks.$inferSelect;
const talkOf = (r: TalkRow): Talk => ({
  id: r.id,
  cycleId: r.cycleId,
  employeeId: r.employeeId,
  managerId: r.managerId,
  dimension: r.dimension,
  scores: JSON.parse(r.scores) as number[],
  dueAt: r.dueAt,
  status: r.status,
  doneAt: r.doneAt,
});

/** A person's scores in the closed cycles of one scheme up to and including `cycleId`, the last `n`, oldest first. */
async function scoreHistory(db: Db, employeeId: number, schemeKey: string, closedAt: string, n: number) {
  const rows = await db
    .select({ scores: ratingResults.scores, snapshot: ratingCycles.schemeSnapshot })
    .from(ratingResults)
    .innerJoin(ratingCycles, eq(ratingCycles.id, ratingResults.cycleId))
    .where(
      and(
        eq(ratingResults.employeeId, employeeId),
        isNotNull(ratingCycles.closedAt),
        lt(ratingCycles.closedAt, closedAt),
      ),
    )
    .orderBy(desc(ratingCycles.closedAt), desc(ratingCycles.id));
  return rows
    .filter((r) => (JSON.parse(r.snapshot) as SchemeDefinition).key === schemeKey)
    .slice(0, n)
    .map((r) => JSON.parse(r.scores) as Record<string, number>)
    .reverse();
}

/**
 * The conversations a closed cycle calls for that do not exist yet (created now, in the caller's transaction).
 * Idempotent: a second call for the same cycle creates and returns nothing.
 */
export async function createTalks(db: Db, input: { cycleId: number; now: Date }): Promise<Talk[]> {
  const cycle = (await db.select().from(ratingCycles).where(eq(ratingCycles.id, input.cycleId)).limit(1))[0];
  if (!cycle?.closedAt) return [];
  const scheme = JSON.parse(cycle.schemeSnapshot) as SchemeDefinition;
  const results = await db
    .select({ employeeId: ratingResults.employeeId, scores: ratingResults.scores })
    .from(ratingResults)
    .where(eq(ratingResults.cycleId, cycle.id))
    .orderBy(ratingResults.employeeId);
  const dueAt = new Date(new Date(cycle.closedAt).getTime() + TALK_DUE_DAYS * DAY).toISOString();
  const created: Talk[] = [];
  for (const r of results) {
    const earlier = await scoreHistory(db, r.employeeId, scheme.key, cycle.closedAt, 2);
    const drops = repeatedDrops([...earlier, JSON.parse(r.scores) as Record<string, number>]);
    if (drops.length === 0) continue;
    const person = await getPerson(db, r.employeeId);
    const manager = person?.managerId != null ? await getPerson(db, person.managerId) : undefined;
    const managerId = manager?.active ? manager.id : (await hrFallback(db, r.employeeId))[0];
    if (managerId === undefined) continue;
    for (const d of drops) {
      const row = (
        await db
          .insert(performanceTalks)
          .values({
            cycleId: cycle.id,
            employeeId: r.employeeId,
            managerId,
            dimension: d.dimension,
            scores: JSON.stringify(d.scores),
            dueAt,
            createdAt: input.now.toISOString(),
          })
          .onConflictDoNothing()
          .returning()
      )[0];
      if (row) created.push(talkOf(row));
    }
  }
  if (created.length)
    await audit(db, { kind: 'system' }, 'talk.create', `cycle:${cycle.id}`, { talks: created.length });
  return created;
}

export async function getTalk(db: Db, id: number): Promise<Talk | undefined> {
  const r = (await db.select().from(performanceTalks).where(eq(performanceTalks.id, id)).limit(1))[0];
  return r ? talkOf(r) : undefined;
}

/** The conversations a manager is asked to hold: open ones first (soonest due), then done ones. */
export async function talksOf(db: Db, managerId: number): Promise<Talk[]> {
  const rows = await db.select().from(performanceTalks).where(eq(performanceTalks.managerId, managerId));
  return rows
    .map(talkOf)
    .sort((a, b) =>
      a.status !== b.status ? (a.status === 'open' ? -1 : 1) : a.dueAt.localeCompare(b.dueAt) || a.id - b.id,
    );
}

export type TalkError = 'not_found' | 'already_done';

/** Mark a conversation held: only the manager it was given to (anyone else's answers like a missing one). */
export async function markTalkDone(
  db: Db,
  input: { talkId: number; actor: Person; now: Date },
): Promise<{ ok: true; talk: Talk } | { ok: false; code: TalkError }> {
  const talk = await getTalk(db, input.talkId);
  if (!talk || talk.managerId !== input.actor.id) return { ok: false, code: 'not_found' };
  if (talk.status === 'done') return { ok: false, code: 'already_done' };
  const doneAt = input.now.toISOString();
  await db.update(performanceTalks).set({ status: 'done', doneAt }).where(eq(performanceTalks.id, talk.id));
  await audit(db, { kind: 'employee', employeeId: input.actor.id }, 'talk.done', `talk:${talk.id}`, {
    subjectId: talk.employeeId,
    dimension: talk.dimension,
  });
  return { ok: true, talk: { ...talk, status: 'done', doneAt } };
}
