// Reads of the demo organisation and its approvals that many sandbox and platform tests make on the harness's
// database (SQLite or PostgreSQL, through `h.sql`). `readsOf(() => h)` is called where the file's harness
// variable is declared (before the harness starts), so every read looks the harness up when it runs.
import type { Harness } from './harness.js';

export interface Decision {
  kind: string;
  actor: number | null;
  comment: string | null;
}

export interface RequestRow {
  status: string;
  step: number;
  /** JSON array of the employee ids the current step waits on. */
  approvers: string;
  version: number;
}

export interface HarnessReads {
  /** The id of a demo-org person by login (`he.jun` → he.jun@qingyun.example). */
  id: (user: string) => Promise<number>;
  /** The id of a value tag by its Chinese name. */
  tagId: (nameZh: string) => Promise<number>;
  /** A person's points: the sum of their ledger entries. */
  balance: (employeeId: number) => Promise<number>;
  /** The newest approval request's id (0 when there is none). */
  latestRequest: () => Promise<number>;
  /** An approval request's state. */
  request: (requestId: number) => Promise<RequestRow>;
  /** The decisions on a request, oldest first. */
  decisions: (requestId: number) => Promise<Decision[]>;
}

export function readsOf(harness: () => Harness): HarnessReads {
  const sql = () => harness().sql;
  return {
    id: async (user) => (await harness().employeeByEmail(`${user}@qingyun.example`))!.id,
    tagId: async (nameZh) =>
      (await sql().row<{ id: number }>('select id from value_tags where name_zh = ?', nameZh))!.id,
    balance: async (employeeId) =>
      Number(
        (await sql().row<{ b: number }>(
          'select coalesce(sum(points), 0) as b from ledger_entries where employee_id = ?',
          employeeId,
        ))!.b,
      ),
    latestRequest: async () =>
      (await sql().row<{ id: number }>('select coalesce(max(id), 0) as id from approval_requests'))!.id,
    request: async (requestId) =>
      (await sql().row<RequestRow>(
        'select status, step_index as step, approvers, version from approval_requests where id = ?',
        requestId,
      ))!,
    decisions: (requestId) =>
      sql().rows<Decision>(
        'select kind, actor_id as actor, comment from approval_decisions where request_id = ? order by id',
        requestId,
      ),
  };
}
