// The Feishu contact directory as a DirectorySnapshot. The root department ("0") is the tenant itself:
// top-level departments get no parent and "0" is never a unit. Users are listed per department
// (find_by_department returns direct members only) and merged by open_id. Resigned users disappear from
// departments, so a leaver is simply absent (src/domain/org deactivates them); a user still listed with
// status.is_resigned / is_frozen is reported inactive. A user's time_zone, when set, becomes their time zone.
import type { DirectorySnapshot, DirectorySource } from '../../src/bot/port.js';
import type { FeishuClient, FeishuUser } from './client.js';

const ROOT = '0';

export function toSnapshot(
  departments: Awaited<ReturnType<FeishuClient['listDepartments']>>,
  usersByDept: Map<string, FeishuUser[]>,
): DirectorySnapshot {
  const live = departments.filter((d) => !d.status?.is_deleted);
  const known = new Set(live.map((d) => d.open_department_id));
  const units: DirectorySnapshot['units'] = live.map((d) => ({
    externalId: d.open_department_id,
    name: d.name,
    ...(d.parent_department_id && d.parent_department_id !== ROOT && known.has(d.parent_department_id)
      ? { parentExternalId: d.parent_department_id }
      : {}),
    ...(d.leader_user_id ? { leaderExternalUserId: d.leader_user_id } : {}),
  }));

  const users = new Map<string, DirectorySnapshot['users'][number]>();
  for (const [deptId, list] of usersByDept) {
    for (const u of list) {
      const prev = users.get(u.open_id);
      const depts = new Set([...(prev?.unitExternalIds ?? []), ...(u.department_ids ?? [deptId])]);
      const email = u.enterprise_email || u.email;
      users.set(u.open_id, {
        externalUserId: u.open_id,
        name: u.name || u.en_name || u.open_id,
        ...(email ? { email: email.toLowerCase() } : {}),
        unitExternalIds: [...depts].filter((id) => id !== ROOT && known.has(id)),
        ...(u.leader_user_id ? { managerExternalUserId: u.leader_user_id } : {}),
        active: !(u.status?.is_resigned || u.status?.is_frozen),
        // Delivery at a local hour reads it; the domain refuses a zone that does not exist (and says who).
        ...(u.time_zone ? { timezone: u.time_zone } : {}),
      });
    }
  }
  return { units, users: [...users.values()] };
}

export function feishuDirectory(client: FeishuClient): DirectorySource {
  return {
    async fetchSnapshot() {
      const departments = await client.listDepartments();
      const byDept = new Map<string, FeishuUser[]>();
      // Sequential on purpose: contact APIs are limited per app (find_by_department ~ 50/s) and a directory
      // sync is not latency-sensitive.
      for (const id of [ROOT, ...departments.filter((d) => !d.status?.is_deleted).map((d) => d.open_department_id)]) {
        byDept.set(id, await client.listUsers(id));
      }
      return toSnapshot(departments, byDept);
    },
  };
}
