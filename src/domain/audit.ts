// The audit log: every configuration change, decision, export and view of sensitive data, sign-ins and
// sign-outs, refused attempts. Written in the same transaction as the change it records. No secrets and no
// survey answers in `detail`.
//
// Tamper-evident: the database refuses UPDATE and DELETE (triggers), and each row carries
// sha256(previous hash + its own fields), so an edited, inserted or removed row breaks the chain at that
// row — verifyAuditChain says where.
import { createHash } from 'node:crypto';
import { asc, desc, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { auditLog } from '../db/schema.js';

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

export function audit(db: Db, actor: Actor, action: string, subject?: string, detail?: Record<string, unknown>): void {
  // Runs inside the caller's transaction, so "the last row" cannot change between this read and the insert.
  const last = db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const fields: ChainedFields = {
    id: (last?.id ?? 0) + 1,
    at: new Date().toISOString(),
    actorKind: actor.kind,
    actorEmployeeId: actor.kind === 'employee' ? actor.employeeId : null,
    action,
    subject: subject ?? null,
    detail: detail ? JSON.stringify(detail) : null,
  };
  db.insert(auditLog)
    .values({ ...fields, actorKind: actor.kind, hash: rowHash(last?.hash ?? GENESIS, fields) })
    .run();
}

export type AuditCheck = { intact: true; rows: number } | { intact: false; rows: number; brokenAt: number };

/**
 * Walk the chain from the first hashed row (rows from before the chain existed have no hash). Broken at
 * row N: row N was edited, or a row before it was removed or inserted.
 */
export function verifyAuditChain(db: Db): AuditCheck {
  let prev = GENESIS;
  let rows = 0;
  let expectedId: number | undefined;
  for (const r of db.select().from(auditLog).where(isNotNull(auditLog.hash)).orderBy(asc(auditLog.id)).all()) {
    if ((expectedId !== undefined && r.id !== expectedId) || rowHash(prev, r) !== r.hash) return { intact: false, rows, brokenAt: r.id };
    prev = r.hash!;
    expectedId = r.id + 1;
    rows++;
  }
  return { intact: true, rows };
}
