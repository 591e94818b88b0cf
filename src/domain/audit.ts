// The audit log: every configuration change, decision, export and view of sensitive data. Written in
// the same transaction as the change it records. No secrets and no survey answers in `detail`.
import type { Db } from '../db/connection.js';
import { auditLog } from '../db/schema.js';

export type Actor = { kind: 'employee'; employeeId: number } | { kind: 'system' };

export function audit(db: Db, actor: Actor, action: string, subject?: string, detail?: Record<string, unknown>): void {
  db.insert(auditLog)
    .values({
      actorKind: actor.kind,
      actorEmployeeId: actor.kind === 'employee' ? actor.employeeId : null,
      action,
      subject: subject ?? null,
      detail: detail ? JSON.stringify(detail) : null,
    })
    .run();
}
