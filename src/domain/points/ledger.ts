// The points ledger: append-only entries (award, redemption hold, redemption release, adjustment);
// a balance is the sum of a person's entries and never goes negative.
import { and, desc, eq, gte, inArray, lt, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { employees, ledgerEntries, type LEDGER_KINDS } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';

export type LedgerKind = (typeof LEDGER_KINDS)[number];

export async function balanceOf(db: Db, employeeId: number): Promise<number> {
  const row = (
    await db
      .select({ total: sum(ledgerEntries.points) })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.employeeId, employeeId))
      .limit(1)
  )[0];
  return Number(row?.total ?? 0);
}

/** Append an entry; refuses (and writes nothing) if it would take the balance below zero. */
export async function appendEntry(
  db: Db,
  e: { employeeId: number; kind: LedgerKind; points: number; source: string; note?: string; at?: Date },
): Promise<{ ok: true; id: number; balance: number } | { ok: false; code: 'insufficient_balance' | 'not_integer' }> {
  if (!Number.isInteger(e.points)) return { ok: false, code: 'not_integer' };
  const balance = (await balanceOf(db, e.employeeId)) + e.points;
  if (balance < 0) return { ok: false, code: 'insufficient_balance' };
  const row = returnedRow(
    await db
      .insert(ledgerEntries)
      .values({
        employeeId: e.employeeId,
        kind: e.kind,
        points: e.points,
        source: e.source,
        note: e.note ?? null,
        ...(e.at ? { at: e.at.toISOString() } : {}),
      })
      .returning({ id: ledgerEntries.id }),
    'insert ledgerEntries',
  );
  return { ok: true, id: row.id, balance };
}

export async function recentEntries(db: Db, employeeId: number, limit = 10) {
  return await db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.employeeId, employeeId))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit);
}

/** Points earned (awards and adjustments, not redemptions) per person in [since, until), among some people. */
export async function leaderboard(
  db: Db,
  opts: { since?: Date; until?: Date; employeeIds?: number[]; limit?: number },
): Promise<{ employeeId: number; name: string; points: number }[]> {
  const earned = sql<number>`sum(${ledgerEntries.points})`;
  return (
    await db
      .select({ employeeId: ledgerEntries.employeeId, name: employees.name, points: earned })
      .from(ledgerEntries)
      .innerJoin(employees, eq(employees.id, ledgerEntries.employeeId))
      .where(
        and(
          inArray(ledgerEntries.kind, ['award', 'adjustment']),
          opts.since ? gte(ledgerEntries.at, opts.since.toISOString()) : undefined,
          opts.until ? lt(ledgerEntries.at, opts.until.toISOString()) : undefined,
          opts.employeeIds ? inArray(ledgerEntries.employeeId, opts.employeeIds) : undefined,
        ),
      )
      .groupBy(ledgerEntries.employeeId, employees.name)
      .having(sql`${earned} > 0`)
      .orderBy(desc(earned), ledgerEntries.employeeId)
      .limit(opts.limit ?? 10)
  ).map((r) => ({ ...r, points: Number(r.points) }));
}
