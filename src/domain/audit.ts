// The audit log: every configuration change, decision, export and view of sensitive data, sign-ins and
// sign-outs, refused attempts. Written in the same transaction as the change it records. No secrets and no
// survey answers in `detail`.
//
// Tamper-evident: the database refuses UPDATE and DELETE (triggers), and each row carries
// sha256(previous hash + its own fields), so an edited, inserted or removed row breaks the chain at that
// row — verifyAuditChain says where.
import { changedRows } from '../db/rows.js';
import { createHash } from 'node:crypto';
import { and, asc, desc, gte, isNotNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { auditLog, auditPrune } from '../db/schema.js';

export type Actor = { kind: 'employee'; employeeId: number } | { kind: 'system' };

const GENESIS = 'vitality-audit-v1';

interface ChainedFields {
  id: number;
  at: string;
  actorKind: string;
  actorEmployeeId: number | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** The hash of one row given the previous row's hash (pure; the field order is part of the format). */
export function rowHash(prev: string, r: ChainedFields): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.id, r.at, r.actorKind, r.actorEmployeeId, r.action, r.subject, r.detail]))
    .digest('hex');
}

export async function audit(
  db: Db,
  actor: Actor,
  action: string,
  subject?: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  // Runs inside the caller's transaction, so "the last row" cannot change between this read and the insert.
  const last = (
    await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1)
  )[0];
  const fields: ChainedFields = {
    id: (last?.id ?? 0) + 1,
    at: new Date().toISOString(),
    actorKind: actor.kind,
    actorEmployeeId: actor.kind === 'employee' ? actor.employeeId : null,
    action,
    subject: subject ?? null,
    detail: detail ? JSON.stringify(detail) : null,
  };
  await db.insert(auditLog).values({ ...fields, actorKind: actor.kind, hash: rowHash(last?.hash ?? GENESIS, fields) });
}

export type AuditCheck = { intact: true; rows: number } | { intact: false; rows: number; brokenAt: number };

/**
 * Walk the chain from the first hashed row (rows from before the chain existed have no hash). Broken at
 * row N: row N was edited, or a row before it was removed or inserted.
 */
export async function verifyAuditChain(db: Db): Promise<AuditCheck> {
  // After a retention prune the chain continues from the last pruned row's hash.
  const mark = (await db.select().from(auditPrune).orderBy(desc(auditPrune.id)).limit(1))[0];
  let prev = mark?.uptoHash ?? GENESIS;
  let rows = 0;
  let expectedId: number | undefined = mark ? mark.uptoId + 1 : undefined;
  for (const r of await db.select().from(auditLog).where(isNotNull(auditLog.hash)).orderBy(asc(auditLog.id))) {
    if ((expectedId !== undefined && r.id !== expectedId) || rowHash(prev, r) !== r.hash)
      return { intact: false, rows, brokenAt: r.id };
    prev = r.hash!;
    expectedId = r.id + 1;
    rows++;
  }
  return { intact: true, rows };
}

/**
 * Retention: remove the rows written before `beforeIso`, from the start of the log only. A mark with the
 * last removed row's hash is written first (the delete trigger allows nothing beyond the latest mark), so the
 * rest of the chain still verifies. Returns how many rows were removed.
 */
export async function pruneAuditBefore(db: Db, beforeIso: string): Promise<number> {
  // The longest prefix of rows all older than the cutoff: a row is never removed while an older-id row is kept.
  const firstKept = (
    await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(gte(auditLog.at, beforeIso))
      .orderBy(asc(auditLog.id))
      .limit(1)
  )[0];
  const last = (
    await db
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .where(and(isNotNull(auditLog.hash), firstKept ? lt(auditLog.id, firstKept.id) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];
  if (!last) return 0;
  await db.insert(auditPrune).values({ uptoId: last.id, uptoHash: last.hash!, at: new Date().toISOString() });
  return changedRows(await db.delete(auditLog).where(lte(auditLog.id, last.id)));
}
