// Reads of the demo organisation and its approvals that many sandbox and platform tests make on the harness's
// database. `readsOf(() => h)` is called where the file's harness variable is declared (before the harness
// starts), so every read looks the harness up when it runs.
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
  id: (user: string) => number;
  /** The id of a value tag by its Chinese name. */
  tagId: (nameZh: string) => number;
  /** A person's points: the sum of their ledger entries. */
  balance: (employeeId: number) => number;
  /** The newest approval request's id (0 when there is none). */
  latestRequest: () => number;
  /** An approval request's state. */
  request: (requestId: number) => RequestRow;
  /** The decisions on a request, oldest first. */
  decisions: (requestId: number) => Decision[];
}

export function readsOf(harness: () => Harness): HarnessReads {
  const sqlite = () => harness().sqlite;
  return {
    id: async (user) => (await harness().employeeByEmail(`${user}@qingyun.example`))!.id,
    tagId: (nameZh) =>
      (sqlite().prepare('select id from value_tags where name_zh = ?').get(nameZh) as { id: number }).id,
    balance: (employeeId) =>
      (
        sqlite()
          .prepare('select coalesce(sum(points), 0) as b from ledger_entries where employee_id = ?')
          .get(employeeId) as { b: number }
      ).b,
    latestRequest: () =>
      (sqlite().prepare('select coalesce(max(id), 0) as id from approval_requests').get() as { id: number }).id,
    request: (requestId) =>
      sqlite()
        .prepare('select status, step_index as step, approvers, version from approval_requests where id = ?')
        .get(requestId) as RequestRow,
    decisions: (requestId) =>
      sqlite()
        .prepare('select kind, actor_id as actor, comment from approval_decisions where request_id = ? order by id')
        .all(requestId) as Decision[],
  };
}
