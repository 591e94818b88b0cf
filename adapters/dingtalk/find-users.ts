// Finding DingTalk users for people who never wrote to the bot. DingTalk has no look-up by e-mail (only
// by mobile — topapi/v2/user/getbymobile — or unionid, neither of which we hold), so this walks the
// organisation the way the directory sync does: department/listsub from the root, then user/list per
// department (100 per page), whose records carry `email` and `org_email`, building e-mail → userid.
// One walk, sequential (well under the 20 QPS per API), reused for a few minutes while it finds everyone
// asked; a throttled call (90002 / 90018 / 90019 / HTTP 429) is waited out and retried a bounded number of
// times. Leavers are no longer listed, so DingTalk cannot tell "left" from "never joined": both are not_found.
import type { FoundPerson, NotFoundReason, PersonToFind } from '../../src/bot/port.js';
import { DeliveryError } from '../../src/bot/port.js';
import type { CallWrapper, DingTalkDirectory, UserRecord } from './directory.js';
import type { RecentWalk } from '../../src/bot/recent-walk.js';

export interface FindOptions {
  /** Calls per request when DingTalk keeps throttling: the first try and the retries. */
  maxAttempts?: number;
  /** A wait longer than this (e.g. the monthly quota, 90020) is not waited for: everyone gets 'error'. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { maxAttempts: 3, maxWaitMs: 60_000 } as const;
/** What the app needs for the walk: the contact read permissions for departments and members, and the
 *  personal-information field permission without which user/list leaves the e-mails out. */
export const CONTACT_PERMISSION =
  'DingTalk app permissions 通讯录部门信息读权限 and 成员信息读权限 (read departments and members)';
export const EMAIL_PERMISSION = "DingTalk app permission 邮箱等个人信息 (members' e-mail fields)";
/** 60011 "没有调用该接口的权限" (also as errcode 88 with sub_code 60011, "鉴权异常"). */
const PERMISSION_CODES = new Set([60011, 88]);

type Answer = { found: true; platformUserId: string } | { found: false; reason: NotFoundReason; detail?: string };

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const normalise = (email: string): string => email.trim().toLowerCase();

/** The oapi errcode a DeliveryError from api-client.ts names ("dingtalk oapi: errcode N"). */
function errcodeOf(err: unknown): number | undefined {
  const m = err instanceof Error ? /errcode (-?\d+)/.exec(err.message) : null;
  return m ? Number(m[1]) : undefined;
}

class GaveUp extends Error {}

/** Waits out a throttled call (DeliveryError 'rate_limited') and retries it, a bounded number of times. */
function retrying(opts: Required<FindOptions>): CallWrapper {
  return async (run) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof DeliveryError) || err.kind !== 'rate_limited') throw err;
        const wait = err.retryAfterMs ?? 1000;
        if (attempt >= opts.maxAttempts || wait > opts.maxWaitMs) throw new GaveUp(`rate limited (${err.message})`);
        await opts.sleep(wait);
      }
    }
  };
}

/** E-mail → answer, from everyone listed. A person matches by org_email or email. Pure. */
export function indexByEmail(members: readonly UserRecord[]): Map<string, Answer> {
  const ids = new Map<string, Set<string>>();
  for (const m of members) {
    for (const raw of [m.org_email, m.email]) {
      if (!raw?.trim()) continue;
      const key = normalise(raw);
      ids.set(key, (ids.get(key) ?? new Set()).add(m.userid));
    }
  }
  const out = new Map<string, Answer>();
  for (const [email, set] of ids) {
    const list = [...set];
    out.set(
      email,
      list.length === 1
        ? { found: true, platformUserId: list[0]! }
        : { found: false, reason: 'ambiguous', detail: list.join(', ') },
    );
  }
  return out;
}

async function walk(
  directory: DingTalkDirectory,
  emails: readonly string[],
  opts: Required<FindOptions>,
  recent?: RecentWalk<UserRecord[]>,
): Promise<{ members: UserRecord[] } | { failed: Answer }> {
  const cached = recent?.get();
  if (cached) {
    const index = indexByEmail(cached);
    if (emails.every((e) => index.get(e)?.found)) return { members: cached };
  }
  const wrap = retrying(opts);
  try {
    const depts = await directory.departmentIds(wrap);
    const members = await directory.members(depts, wrap);
    recent?.set(members);
    return { members };
  } catch (err) {
    if (err instanceof GaveUp) return { failed: { found: false, reason: 'error', detail: err.message } };
    const code = errcodeOf(err);
    if (code !== undefined && PERMISSION_CODES.has(code))
      return { failed: { found: false, reason: 'forbidden', detail: CONTACT_PERMISSION } };
    return { failed: { found: false, reason: 'error', detail: err instanceof Error ? err.message : 'request failed' } };
  }
}

/** PlatformAdapter.findUsers for DingTalk: one answer per person, never a throw for a person DingTalk lacks. */
export async function findDingTalkUsers(
  directory: DingTalkDirectory,
  people: readonly PersonToFind[],
  options: FindOptions = {},
  recent?: RecentWalk<UserRecord[]>,
): Promise<FoundPerson[]> {
  const opts: Required<FindOptions> = { ...DEFAULTS, sleep: sleepFor, ...options };
  const emails = [...new Set(people.flatMap((p) => (p.email?.trim() ? [normalise(p.email)] : [])))];
  const res = emails.length > 0 ? await walk(directory, emails, opts, recent) : { members: [] };
  const index = 'members' in res ? indexByEmail(res.members) : new Map<string, Answer>();
  // Without the e-mail field permission DingTalk lists everyone but with no e-mail at all.
  const emailsHidden = 'members' in res && res.members.length > 0 && index.size === 0;
  return people.map((p): FoundPerson => {
    if (!p.email?.trim()) return { employeeId: p.employeeId, found: false, reason: 'no_email' };
    if ('failed' in res) return { employeeId: p.employeeId, ...res.failed };
    if (emailsHidden) return { employeeId: p.employeeId, found: false, reason: 'forbidden', detail: EMAIL_PERMISSION };
    return { employeeId: p.employeeId, ...(index.get(normalise(p.email)) ?? { found: false, reason: 'not_found' }) };
  });
}
