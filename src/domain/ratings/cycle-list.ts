// HR's list of rating cycles (the newest first) and how many cycles each scheme was used by — the
// overview on the HR ratings page and the scheme list. Reads only.
import { count, desc } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ratingCycles } from '../../db/schema.js';
import { getCycle, type Cycle } from './cycles.js';

/** The `limit` most recent cycles, newest first. */
export function recentCycles(db: Db, limit: number): Cycle[] {
  return db
    .select({ id: ratingCycles.id })
    .from(ratingCycles)
    .orderBy(desc(ratingCycles.id))
    .limit(limit)
    .all()
    .map((r) => getCycle(db, r.id)!);
}

/** Scheme id → how many cycles were opened with it (schemes never used are absent). */
export function cyclesPerScheme(db: Db): Map<number, number> {
  return new Map(
    db
      .select({ id: ratingCycles.schemeId, n: count() })
      .from(ratingCycles)
      .groupBy(ratingCycles.schemeId)
      .all()
      .map((r) => [r.id, r.n]),
  );
}
