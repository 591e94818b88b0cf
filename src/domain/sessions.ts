// Mini-app sessions as server-side records, so they can be ended: sign-out revokes one, "sign out
// everywhere" all of a person's, and every request checks the record (idle and absolute lifetimes). Only
// the sha256 of a session id is stored: a copy of the database cannot be turned back into cookies.
import { changedRows } from '../db/rows.js';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { sessions } from '../db/schema.js';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  maxMs: number;
}

export interface SessionRecord {
  id: string;
  employeeId: number;
  csrf: string;
}

export type SessionLookup =
  { ok: true; session: SessionRecord } | { ok: false; reason: 'invalid' | 'expired' | 'revoked' };

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
/** last_seen is written at most this often: a page load makes several API calls. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
  db: Db,
  input: { employeeId: number; via: string; now: Date; policy: SessionPolicy },
): Promise<SessionRecord> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const at = input.now.toISOString();
  await db.insert(sessions).values({
    idHash: hashOf(id),
    employeeId: input.employeeId,
    csrf,
    via: input.via,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(input.now.getTime() + input.policy.maxMs).toISOString(),
  });
  return { id, employeeId: input.employeeId, csrf };
}

export async function findSession(db: Db, id: string, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  const row = (
    await db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashOf(id)))
      .limit(1)
  )[0];
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  const last = Date.parse(row.lastSeenAt);
  if (Date.parse(row.expiresAt) <= now.getTime() || last + policy.idleMs <= now.getTime())
    return { ok: false, reason: 'expired' };
  if (now.getTime() - last >= TOUCH_EVERY_MS)
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.idHash, row.idHash));
  return { ok: true, session: { id, employeeId: row.employeeId, csrf: row.csrf } };
}

export async function revokeSession(db: Db, id: string, now: Date): Promise<boolean> {
  return (
    changedRows(
      await db
        .update(sessions)
        .set({ revokedAt: now.toISOString() })
        .where(and(eq(sessions.idHash, hashOf(id)), isNull(sessions.revokedAt))),
    ) > 0
  );
}

/** Every live session of a person; returns how many were ended. */
export async function revokeAllFor(db: Db, employeeId: number, now: Date): Promise<number> {
  return changedRows(
    await db
      .update(sessions)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(sessions.employeeId, employeeId), isNull(sessions.revokedAt))),
  );
}

/** Forget sessions that ended (expired or revoked) before `before`. */
export async function pruneSessions(db: Db, before: Date): Promise<number> {
  const t = before.toISOString();
  return changedRows(await db.delete(sessions).where(or(lt(sessions.expiresAt, t), lt(sessions.revokedAt, t))));
}
