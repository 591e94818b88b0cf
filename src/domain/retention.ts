// Retention: how long Vitality keeps what it no longer needs, and the nightly prune that enforces it. The
// periods are tenant settings (HR/admin), each a whole number of days (exports: hours) with a floor where
// a shorter period would break something (inbound event ids must outlive every platform's redelivery).
import { changedRows } from '../db/rows.js';
import { and, eq, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { inboundEvents, outbox, ratingCycles, ratingFeedback, settings } from '../db/schema.js';
import { audit, pruneAuditBefore, type Actor } from './audit.js';
import { pruneSessions } from './sessions.js';

export const RETENTION_DEFAULTS = {
  /** Delivered or dead-lettered messages: their payload (cards with names) is blanked after this. */
  outboxDays: 30,
  /** How long an export link (and its file) lives. */
  exportHours: 24,
  /** Platform event ids for dedupe (Feishu redelivers for ~7 h; DingTalk and Slack less). */
  inboundDays: 7,
  /** Ended sessions, kept for the record. */
  sessionDays: 30,
  /** Audit rows; the chain stays verifiable from its new first row. */
  auditDays: 730,
  /** Raters' comments of closed rating cycles. */
  raterCommentDays: 365,
} as const;

export type Retention = { -readonly [K in keyof typeof RETENTION_DEFAULTS]: number };

const LIMITS: Record<keyof Retention, [min: number, max: number]> = {
  outboxDays: [1, 3650],
  exportHours: [1, 24 * 30],
  inboundDays: [1, 365],
  sessionDays: [1, 3650],
  auditDays: [30, 36500],
  raterCommentDays: [1, 36500],
};

export const retentionSchema = z.object(
  Object.fromEntries(Object.entries(LIMITS).map(([k, [min, max]]) => [k, z.number().int().min(min).max(max)])) as {
    [K in keyof Retention]: z.ZodNumber;
  },
);

export function retentionLimits(): Record<keyof Retention, [number, number]> {
  return LIMITS;
}

const KEY = 'retention';

export async function retention(db: Db): Promise<Retention> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).limit(1))[0];
  const parsed = row ? retentionSchema.partial().safeParse(JSON.parse(row.value)) : undefined;
  return { ...RETENTION_DEFAULTS, ...(parsed?.success ? parsed.data : {}) };
}

/** HR/admin (checked by the caller). All or nothing: one bad value changes no value. */
export async function setRetention(
  db: Db,
  patch: Partial<Retention>,
  actor: Actor,
): Promise<
  { ok: true; retention: Retention } | { ok: false; fields: Partial<Record<keyof Retention, [number, number]>> }
> {
  const next = { ...(await retention(db)), ...patch };
  const checked = retentionSchema.safeParse(next);
  if (!checked.success) {
    const fields: Partial<Record<keyof Retention, [number, number]>> = {};
    for (const i of checked.error.issues) {
      const k = i.path[0] as keyof Retention;
      fields[k] = LIMITS[k];
    }
    return { ok: false, fields };
  }
  const value = JSON.stringify(checked.data);
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
  await audit(db, actor, 'settings.retention', KEY, { ...patch });
  return { ok: true, retention: checked.data };
}

export interface PruneReport {
  outboxBlanked: number;
  inboundDeleted: number;
  sessionsDeleted: number;
  auditDeleted: number;
  raterCommentsDeleted: number;
}

/** Inbound event ids past retention.inboundDays (also run by the minute tick, so dedupe rows never pile up). */
export async function pruneInbound(db: Db, now: Date): Promise<number> {
  return changedRows(
    await db
      .delete(inboundEvents)
      .where(
        lt(inboundEvents.receivedAt, new Date(now.getTime() - (await retention(db)).inboundDays * DAY).toISOString()),
      ),
  );
}

const PRUNED = JSON.stringify({ kind: 'pruned' });
const DAY = 24 * 60 * 60 * 1000;

/** Remove what is past its period, and nothing else; runs in the caller's transaction. Audited. */
export async function pruneByRetention(db: Db, now: Date): Promise<PruneReport> {
  const r = await retention(db);
  const before = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const outboxBlanked = changedRows(
    await db
      .update(outbox)
      .set({ message: PRUNED })
      .where(
        and(
          inArray(outbox.status, ['sent', 'dead']),
          lt(outbox.createdAt, before(r.outboxDays)),
          ne(outbox.message, PRUNED),
        ),
      ),
  );
  const inboundDeleted = await pruneInbound(db, now);
  const sessionsDeleted = await pruneSessions(db, new Date(now.getTime() - r.sessionDays * DAY));
  const oldCycles = (
    await db
      .select({ id: ratingCycles.id })
      .from(ratingCycles)
      .where(and(isNotNull(ratingCycles.closedAt), lt(ratingCycles.closedAt, before(r.raterCommentDays))))
  ).map((c) => c.id);
  const raterCommentsDeleted = oldCycles.length
    ? changedRows(await db.delete(ratingFeedback).where(inArray(ratingFeedback.cycleId, oldCycles)))
    : 0;
  const auditDeleted = await pruneAuditBefore(db, before(r.auditDays));
  const report = { outboxBlanked, inboundDeleted, sessionsDeleted, auditDeleted, raterCommentsDeleted };
  await audit(db, { kind: 'system' }, 'retention.prune', undefined, { ...report });
  return report;
}
