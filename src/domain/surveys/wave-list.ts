// Lists of waves for HR's pages: the latest waves (the launch page's list, the follow-up form's wave
// choice) and, per schedule, when it last launched one.
import { desc, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { surveyWaves } from '../../db/schema.js';

export interface WaveRow {
  id: number;
  templateId: number;
  openedAt: string;
  closesAt: string;
  closedAt: string | null;
}

/** The newest waves first (by opening, then id). */
export async function latestWaves(db: Db, limit: number): Promise<WaveRow[]> {
  return await db
    .select({
      id: surveyWaves.id,
      templateId: surveyWaves.templateId,
      openedAt: surveyWaves.openedAt,
      closesAt: surveyWaves.closesAt,
      closedAt: surveyWaves.closedAt,
    })
    .from(surveyWaves)
    .orderBy(desc(surveyWaves.openedAt), desc(surveyWaves.id))
    .limit(limit);
}

/** Schedule id → when it last launched a wave (the last wave it actually launched). */
export async function lastScheduledRuns(db: Db): Promise<Map<number, string>> {
  const lastRuns = new Map<number, string>();
  for (const w of await db
    .select({ scheduleId: surveyWaves.scheduleId, openedAt: surveyWaves.openedAt })
    .from(surveyWaves)
    .where(isNotNull(surveyWaves.scheduleId))
    .orderBy(desc(surveyWaves.openedAt))) {
    if (w.scheduleId !== null && !lastRuns.has(w.scheduleId)) lastRuns.set(w.scheduleId, w.openedAt);
  }
  return lastRuns;
}
