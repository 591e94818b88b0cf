// HR's list of rating cycles (the newest first) and how many cycles each scheme was used by — the
// overview on the HR ratings page and the scheme list. Reads only.
import { count, desc } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingCycles } from '../../db/schema.js';
import { getCycle, type Cycle } from './cycles.js';

/** The `limit` most recent cycles, newest first. */
export async function recentCycles(db: Db, limit: number): Promise<Cycle[]> {
  const rows = await db.select({ id: ratingCycles.id }).from(ratingCycles).orderBy(desc(ratingCycles.id)).limit(limit);
  return await Promise.all(rows.map(async (r) => (await getCycle(db, r.id))!));
}

/** Scheme id → how many cycles were opened with it (schemes never used are absent). */
export async function cyclesPerScheme(db: Db): Promise<Map<number, number>> {
  return new Map(
    (await db.select({ id: ratingCycles.schemeId, n: count() }).from(ratingCycles).groupBy(ratingCycles.schemeId)).map(
      (r) => [r.id, r.n],
    ),
  );
}
