// Who is told what when a conversation batch is released (issue 23 item 1), from releaseDue's result.
//
// The team side is named: the thread's starter and every team member who wrote in it hear of an author reply or
// close. The author cannot be addressed — nothing links them to the thread — so a team reply is announced to
// everyone who answered the wave and whose answers fall in the comment's published group (the group passed the
// comment threshold, so at least that many people get the same notice, the author among them). A person gets at
// most one such notice per wave per tick, however many comments of their group got a reply: one notice per
// thread would let the count of notices say which groups got how many replies, and would be noise.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { commentMessages, commentThreads, employees, surveyParticipation } from '../../db/schema.js';
import type { ReleasedBatch } from './conversations.js';
import { groupOf } from './publication.js';
import { getWave } from './waves.js';

export interface TeamNotice {
  employeeId: number;
  waveId: number;
  threadId: number;
}

export interface AuthorNotice {
  employeeId: number;
  waveId: number;
  /** Threads of the person's comment group with a team reply in this release. */
  threads: number;
}

export interface ReleaseNotices {
  team: TeamNotice[];
  author: AuthorNotice[];
}

/** The notices of one tick's released batches (several when the tick catches up: they are merged). */
export async function releaseNotices(db: Db, batches: readonly ReleasedBatch[]): Promise<ReleaseNotices> {
  const forTeam = [...new Set(batches.flatMap((b) => b.forTeam))];
  const forAuthor = [...new Set(batches.flatMap((b) => b.forAuthor))];
  const ids = [...new Set([...forTeam, ...forAuthor])];
  if (ids.length === 0) return { team: [], author: [] };
  const threads = new Map(
    (
      await db
        .select({
          id: commentThreads.id,
          waveId: commentThreads.waveId,
          unitId: commentThreads.unitId,
          startedBy: commentThreads.startedBy,
        })
        .from(commentThreads)
        .where(inArray(commentThreads.id, ids))
    ).map((t) => [t.id, t]),
  );

  // People who have left (or were erased) are told nothing.
  const active = async (ids: number[]): Promise<Set<number>> =>
    ids.length === 0
      ? new Set()
      : new Set(
          (
            await db
              .select({ id: employees.id })
              .from(employees)
              .where(and(inArray(employees.id, ids), eq(employees.active, true)))
          ).map((e) => e.id),
        );

  const team: TeamNotice[] = [];
  if (forTeam.length) {
    const senders = await db
      .selectDistinct({ threadId: commentMessages.threadId, senderId: commentMessages.senderId })
      .from(commentMessages)
      .where(
        and(
          inArray(commentMessages.threadId, forTeam),
          eq(commentMessages.side, 'team'),
          isNotNull(commentMessages.senderId),
        ),
      );
    for (const id of forTeam) {
      const t = threads.get(id);
      if (!t) continue;
      const people = new Set([t.startedBy, ...senders.filter((s) => s.threadId === id).map((s) => s.senderId!)]);
      for (const employeeId of [...people].sort((a, b) => a - b))
        team.push({ employeeId, waveId: t.waveId, threadId: id });
    }
  }

  const author: AuthorNotice[] = [];
  const byWave = new Map<number, (number | null)[]>();
  for (const id of forAuthor) {
    const t = threads.get(id);
    if (t) byWave.set(t.waveId, [...(byWave.get(t.waveId) ?? []), t.unitId]);
  }
  for (const [waveId, groups] of [...byWave.entries()].sort(([a], [b]) => a - b)) {
    const wave = await getWave(db, waveId);
    if (!wave?.published) continue;
    const answered = await db
      .select({ employeeId: surveyParticipation.employeeId, unitId: surveyParticipation.unitId })
      .from(surveyParticipation)
      .where(and(eq(surveyParticipation.waveId, waveId), eq(surveyParticipation.answered, true)));
    for (const p of answered.sort((a, b) => a.employeeId - b.employeeId)) {
      // The same grouping as the comment's at close (waves.ts publishWave): the nearest unit at or above the
      // person's launch unit whose comment list was published.
      const group = groupOf(wave.tree, wave.published.comments, p.unitId) ?? null;
      const n = groups.filter((g) => g === group).length;
      if (group !== null && n > 0) author.push({ employeeId: p.employeeId, waveId, threads: n });
    }
  }
  const here = await active([...new Set([...team, ...author].map((n) => n.employeeId))]);
  return { team: team.filter((n) => here.has(n.employeeId)), author: author.filter((n) => here.has(n.employeeId)) };
}
