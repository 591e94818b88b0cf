// A person's side of the surveys: the waves still waiting for their answer (the mini-app's home) and
// whether they were asked in a wave at all (the survey page refuses anyone else). Participation only —
// never what anybody answered.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyParticipation, surveyWaves } from '../../db/schema.js';

/** The open waves (not closed, deadline ahead) that asked this person and that they have not answered yet. */
export async function unansweredOpenWaves(
  db: Db,
  employeeId: number,
  now: Date,
): Promise<{ waveId: number; templateId: number; closesAt: string }[]> {
  return await db
    .select({ waveId: surveyWaves.id, templateId: surveyWaves.templateId, closesAt: surveyWaves.closesAt })
    .from(surveyParticipation)
    .innerJoin(surveyWaves, eq(surveyWaves.id, surveyParticipation.waveId))
    .where(
      and(
        eq(surveyParticipation.employeeId, employeeId),
        eq(surveyParticipation.answered, false),
        isNull(surveyWaves.closedAt),
        gt(surveyWaves.closesAt, now.toISOString()),
      ),
    );
}

/** Whether the wave asked this person, and if so whether they have answered; undefined when not asked. */
export async function participationIn(
  db: Db,
  waveId: number,
  employeeId: number,
): Promise<{ answered: boolean } | undefined> {
  return (
    await db
      .select({ answered: surveyParticipation.answered })
      .from(surveyParticipation)
      .where(and(eq(surveyParticipation.waveId, waveId), eq(surveyParticipation.employeeId, employeeId)))
      .limit(1)
  )[0];
}
