// The audit log a page at a time, for HR's audit page: the rows matching the filters (newest first, with the
// actor's name), the filter options (every action and every actor in the log) and how many rows match.
// `until` pins the listing to the rows that existed when it was first opened (see the route).
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { auditLog, employees } from '../db/schema.js';

const DAY = 86_400_000;

export interface AuditFilter {
  action?: string;
  actorId?: number;
  /** yyyy-mm-dd, inclusive. */
  from?: string;
  /** yyyy-mm-dd, inclusive. */
  to?: string;
  /** Only rows older than this id. */
  before?: number;
  /** Only rows up to this id; the newest row's when absent. */
  until?: number;
  offset: number;
  limit: number;
}

export interface AuditPageRow {
  id: number;
  at: string;
  actorKind: 'employee' | 'system';
  actorId: number | null;
  actor: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

export interface AuditPageData {
  rows: AuditPageRow[];
  actions: string[];
  actors: { id: number; name: string }[];
  total: number;
  until: number;
}

export async function auditPage(db: Db, q: AuditFilter): Promise<AuditPageData> {
  const until =
    q.until ??
    Number(
      (
        await db
          .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)` })
          .from(auditLog)
          .limit(1)
      )[0]?.id ?? 0,
    );
  const where = and(
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.actorId ? eq(auditLog.actorEmployeeId, q.actorId) : undefined,
    q.from ? gte(auditLog.at, `${q.from}T00:00:00.000Z`) : undefined,
    // `to` is inclusive: everything before the next day.
    q.to ? lt(auditLog.at, new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY).toISOString()) : undefined,
    q.before ? lt(auditLog.id, q.before) : undefined,
    lte(auditLog.id, until),
  );
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorEmployeeId,
      actor: employees.name,
      action: auditLog.action,
      subject: auditLog.subject,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(employees, eq(employees.id, auditLog.actorEmployeeId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(q.limit)
    .offset(q.offset);
  const actions = (await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)).map(
    (r) => r.action,
  );
  const actors = await db
    .selectDistinct({ id: employees.id, name: employees.name })
    .from(auditLog)
    .innerJoin(employees, eq(employees.id, auditLog.actorEmployeeId))
    .orderBy(employees.name);
  const total = Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(where)
        .limit(1)
    )[0]?.n ?? 0,
  );
  return { rows, actions, actors, total, until };
}
