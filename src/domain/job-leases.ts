// Leases on scheduled jobs: when several instances share the database, the minute tick and the nightly jobs run
// on one of them at a time. A process takes a job's lease for a while (a little under the job's period); another
// process takes it only once it has expired, so a live holder keeps it by renewing it at every run and a dead
// one's lapses within one period. One statement each (an upsert), so two processes asking at the same moment
// cannot both win: on SQLite the write lock orders them, on PostgreSQL the primary key's conflict does.
import { and, eq, lt, or } from 'drizzle-orm';
import { jobLeases } from '../db/schema.js';
import type { Db } from './unit-of-work.js';

/**
 * Take (or renew) the lease on job `name` for `owner` until now + ttlMs: true when owner holds it afterwards,
 * false when another owner's lease is still live.
 */
export async function takeLease(db: Db, name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
  const until = now.getTime() + ttlMs;
  const held = await db
    .insert(jobLeases)
    .values({ name, owner, until })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { owner, until },
      setWhere: or(lt(jobLeases.until, now.getTime()), eq(jobLeases.owner, owner)),
    })
    .returning({ owner: jobLeases.owner });
  return held.length > 0;
}

/** Give the lease on job `name` back, if owner holds it, so another process may take it at once. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.delete(jobLeases).where(and(eq(jobLeases.name, name), eq(jobLeases.owner, owner)));
}
