// DingTalk's organisation (oapi topapi) → a DirectorySnapshot, plus the H5 micro-app login.
// Departments: department/listsub from the root (dept 1) down, department/get for each to learn its
// managers (dept_manager_userid_list). People: user/list per department (cursor paging, size ≤ 100),
// then user/get for each person — the only call that carries manager_userid (直属主管). Leave: approved
// leave in the coming weeks from attendance/getleavestatus (考勤), when the app may read it.
import { z } from 'zod';
import type { AuthIdentity, DirectorySnapshot } from '../../src/bot/port.js';
import type { DingTalkApi } from './api-client.js';

const ROOT_DEPT = 1;
const PAGE_SIZE = 100; // user/list: "size … 最大值100"
const CONCURRENCY = 4; // parallel user/get calls: stays far below the 20 QPS per API
const LEAVE_USERS = 100; // getleavestatus: "userid_list … 最多100个"
const LEAVE_PAGE = 20; // getleavestatus: "size … 最大20"
const LEAVE_AHEAD_DAYS = 30; // how far ahead a sync looks (the API allows 180)
const DAY_MS = 86_400_000;

const listSubSchema = z.object({
  result: z.array(z.object({ dept_id: z.number(), name: z.string(), parent_id: z.number().optional() }).loose()),
});
const deptGetSchema = z.object({
  result: z
    .object({
      dept_id: z.number(),
      name: z.string(),
      parent_id: z.number().optional(),
      dept_manager_userid_list: z.array(z.string()).optional(),
    })
    .loose(),
});
const userRecord = z
  .object({
    userid: z.string().min(1),
    name: z.string(),
    email: z.string().optional(),
    org_email: z.string().optional(),
    dept_id_list: z.array(z.number()).default([]),
    manager_userid: z.string().optional(),
    leader_in_dept: z.array(z.object({ dept_id: z.number(), leader: z.boolean() })).optional(),
  })
  .loose();
const userListSchema = z.object({
  result: z.object({ has_more: z.boolean(), next_cursor: z.number().optional(), list: z.array(userRecord) }),
});
const userGetSchema = z.object({ result: userRecord });
const leaveStatusSchema = z.object({
  result: z.object({
    has_more: z.boolean(),
    leave_status: z
      .array(z.object({ userid: z.string(), start_time: z.number(), end_time: z.number() }).loose())
      .default([]),
  }),
});
const userInfoSchema = z.object({
  result: z.object({ userid: z.string().min(1), name: z.string().optional() }).loose(),
});

export type UserRecord = z.infer<typeof userRecord>;
/** Wraps each oapi call of a walk (findUsers waits out throttling with it); the sync calls directly. */
export type CallWrapper = <T>(run: () => Promise<T>) => Promise<T>;
const direct: CallWrapper = (run) => run();
interface Dept {
  id: number;
  parentId?: number;
  name: string;
  managers: string[];
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/**
 * One leave per person for the snapshot: the one under way now, else the next to start. Its last day is the day
 * of its end — less a millisecond, so a leave that ends at midnight ends the day before.
 */
export function leaveOf(
  entries: readonly { start_time: number; end_time: number }[],
  now: number,
  timeZone: string,
): { from: string; until: string } | undefined {
  const next = entries
    .filter((e) => e.end_time > now && e.end_time > e.start_time)
    .sort((a, b) => a.start_time - b.start_time)[0];
  return next && { from: dayIn(next.start_time, timeZone), until: dayIn(next.end_time - 1, timeZone) };
}

export class DingTalkDirectory {
  constructor(
    private readonly api: DingTalkApi,
    /** The company's zone: DingTalk gives leave as instants, the org model keeps days. */
    private readonly opts: { timeZone: string; now?: () => number } = { timeZone: 'Asia/Shanghai' },
  ) {}

  /**
   * Approved leave from now to LEAVE_AHEAD_DAYS ahead, by person. Undefined when the app may not read
   * attendance (or the call fails): the snapshot then leaves everyone's leave as it is.
   */
  private async leaves(
    userids: string[],
  ): Promise<Map<string, { start_time: number; end_time: number }[]> | undefined> {
    const now = (this.opts.now ?? Date.now)();
    const out = new Map<string, { start_time: number; end_time: number }[]>();
    try {
      for (let i = 0; i < userids.length; i += LEAVE_USERS) {
        const userid_list = userids.slice(i, i + LEAVE_USERS).join(',');
        for (let offset = 0; ; offset += LEAVE_PAGE) {
          const { result } = await this.api.oapi(
            '/topapi/attendance/getleavestatus',
            { userid_list, start_time: now, end_time: now + LEAVE_AHEAD_DAYS * DAY_MS, offset, size: LEAVE_PAGE },
            leaveStatusSchema,
          );
          for (const l of result.leave_status) out.set(l.userid, [...(out.get(l.userid) ?? []), l]);
          if (!result.has_more) break;
        }
      }
    } catch {
      return undefined;
    }
    return out;
  }

  /** Every department id, the root first: department/listsub breadth first. */
  async departmentIds(wrap: CallWrapper = direct): Promise<number[]> {
    const ids: number[] = [ROOT_DEPT];
    for (let i = 0; i < ids.length; i++) {
      const res = await wrap(() => this.api.oapi('/topapi/v2/department/listsub', { dept_id: ids[i] }, listSubSchema));
      for (const d of res.result) if (!ids.includes(d.dept_id)) ids.push(d.dept_id);
    }
    return ids;
  }

  /** Everyone listed in these departments, once each: user/list pages (which carry email and org_email). */
  async members(deptIds: readonly number[], wrap: CallWrapper = direct): Promise<UserRecord[]> {
    const seen = new Map<string, UserRecord>();
    for (const dept_id of deptIds) {
      let cursor = 0;
      for (;;) {
        const c = cursor;
        const { result } = await wrap(() =>
          this.api.oapi('/topapi/v2/user/list', { dept_id, cursor: c, size: PAGE_SIZE }, userListSchema),
        );
        for (const u of result.list) if (!seen.has(u.userid)) seen.set(u.userid, u);
        if (!result.has_more || result.next_cursor === undefined) break;
        cursor = result.next_cursor;
      }
    }
    return [...seen.values()];
  }

  private async departments(): Promise<Dept[]> {
    const ids = await this.departmentIds();
    return mapLimit(ids, CONCURRENCY, async (id) => {
      const { result: d } = await this.api.oapi('/topapi/v2/department/get', { dept_id: id }, deptGetSchema);
      return { id, parentId: d.parent_id, name: d.name, managers: d.dept_manager_userid_list ?? [] };
    });
  }

  private async users(depts: Dept[]): Promise<UserRecord[]> {
    const listed = await this.members(depts.map((d) => d.id));
    return mapLimit(
      listed.map((u) => u.userid),
      CONCURRENCY,
      async (userid) => (await this.api.oapi('/topapi/v2/user/get', { userid }, userGetSchema)).result,
    );
  }

  async fetchSnapshot(): Promise<DirectorySnapshot> {
    const depts = await this.departments();
    const users = await this.users(depts);
    const leaves = await this.leaves(users.map((u) => u.userid));
    const now = (this.opts.now ?? Date.now)();
    const byId = new Map(depts.map((d) => [d.id, d]));
    const known = new Set(users.map((u) => u.userid));
    // Whom a person reports to: DingTalk's 直属主管 when set, else the head of their first department —
    // or, for that head, the head of the nearest department above with someone else in charge.
    const managerOf = (u: UserRecord): string | undefined => {
      if (u.manager_userid && known.has(u.manager_userid)) return u.manager_userid;
      let dept = byId.get(u.dept_id_list[0] ?? ROOT_DEPT);
      for (let hops = 0; dept && hops <= depts.length; hops++) {
        const head = dept.managers.find((m) => known.has(m));
        if (head && head !== u.userid) return head;
        dept = dept.parentId !== undefined ? byId.get(dept.parentId) : undefined;
      }
      return undefined;
    };
    return {
      // The root department is the company itself, which the org model already has.
      units: depts
        .filter((d) => d.id !== ROOT_DEPT)
        .map((d) => ({
          externalId: String(d.id),
          parentExternalId: d.parentId !== undefined && d.parentId !== ROOT_DEPT ? String(d.parentId) : undefined,
          name: d.name,
          leaderExternalUserId: d.managers.find((m) => known.has(m)),
        })),
      users: users.map((u) => {
        // Only a leave DingTalk reports is set: one entered in Vitality (CSV, the org page) is not cleared by
        // a sync that sees none, and it ends by its own dates.
        const leave = leaves && leaveOf(leaves.get(u.userid) ?? [], now, this.opts.timeZone);
        return {
          externalUserId: u.userid,
          name: u.name,
          email: u.org_email || u.email || undefined,
          unitExternalIds: u.dept_id_list.filter((id) => id !== ROOT_DEPT).map(String),
          managerExternalUserId: managerOf(u),
          // Everyone DingTalk lists is in the organisation (its `active` field means "has activated the
          // DingTalk account", not employment); leavers are simply no longer listed.
          active: true,
          ...(leave ? { leave } : {}),
        };
      }),
    };
  }

  /** H5 micro-app login: the code from dd.runtime.permission.requestAuthCode → the user's identity. */
  async exchangeAuthCode(code: string): Promise<AuthIdentity> {
    const { result } = await this.api.oapi('/topapi/v2/user/getuserinfo', { code }, userInfoSchema);
    const id: AuthIdentity = { platformUserId: result.userid, displayName: result.name };
    try {
      const { result: u } = await this.api.oapi('/topapi/v2/user/get', { userid: result.userid }, userGetSchema);
      id.email = u.org_email || u.email || undefined;
      id.displayName = u.name || id.displayName;
    } catch {
      // The identity stands without the e-mail; linking then falls back to the platform id.
    }
    return id;
  }

  /** Lazy profile for a user the core does not know yet (links by e-mail). */
  async profile(userid: string): Promise<{ email?: string; displayName?: string }> {
    const { result: u } = await this.api.oapi('/topapi/v2/user/get', { userid }, userGetSchema);
    return { email: u.org_email || u.email || undefined, displayName: u.name };
  }
}
