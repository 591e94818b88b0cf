// Finding Slack users for people who never wrote to the bot, by their work e-mail.
// A few people: users.lookupByEmail each (Tier 3, 50+ per minute; needs users:read.email).
// Many people: one paginated users.list walk (Tier 2, 20+ per minute, limit ≤ 200 per page) building an
// e-mail → member map — fewer calls than one lookup per person, and the only way to see two members
// sharing an e-mail. https://docs.slack.dev/reference/methods/users.lookupByEmail, …/users.list.
// The WebClient rejects rate-limited calls at once (client.ts); here a 429 is waited out (Retry-After)
// and retried, a bounded number of times, inside the one findUsers call.
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { FoundPerson, NotFoundReason, PersonToFind } from '../../src/bot/port.js';
import type { RecentWalk } from '../../src/bot/recent-walk.js';

type WebClient = webApi.WebClient;

export interface FindOptions {
  /** Up to this many distinct e-mails are looked up one by one; more take the users.list walk. */
  bulkThreshold?: number;
  /** Calls per request (page or e-mail) when Slack keeps answering 429: the first try and the retries. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited for: the people get 'error' and the next lookup retries. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { bulkThreshold: 20, maxAttempts: 3, maxWaitMs: 60_000 } as const;
/** users.list page size: Slack recommends no more than 200. */
const PAGE_LIMIT = 200;
/** The scope users.lookupByEmail needs, and without which users.list leaves profile.email out. */
const EMAIL_SCOPE = 'users:read.email';
/** Errors about the token itself: every further call would fail the same way. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'ekm_access_denied',
]);

const member = z
  .object({
    id: z.string().min(1),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    profile: z.object({ email: z.string().optional() }).loose().optional(),
  })
  .loose();
export type Member = z.infer<typeof member>;
const listPage = z
  .object({
    members: z.array(member).default([]),
    response_metadata: z.object({ next_cursor: z.string().optional() }).loose().optional(),
  })
  .loose();
const lookupAnswer = z.object({ user: member }).loose();

/** What a failed call tells us: wait and retry, give up for these people, or give up for everyone. */
type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'not_found' }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'fatal'; detail: string }
  | { kind: 'error'; detail: string };

const thrownSchema = z
  .object({
    code: z.string().optional(),
    retryAfter: z.number().optional(),
    data: z.object({ error: z.string().optional(), needed: z.string().optional() }).loose().optional(),
    statusCode: z.number().optional(),
    message: z.string().optional(),
  })
  .loose();

/** Read a WebClient error (ErrorCode values of @slack/web-api). */
export function classify(err: unknown): Failure {
  const e = thrownSchema.safeParse(err);
  const d = e.success ? e.data : {};
  if (d.code === 'slack_webapi_rate_limited_error')
    return { kind: 'rate_limited', retryAfterMs: (d.retryAfter ?? 1) * 1000 };
  if (d.code === 'slack_webapi_platform_error') {
    const error = d.data?.error ?? 'unknown_error';
    // users.lookupByEmail answers users_not_found for a deactivated member too (its documentation).
    if (error === 'users_not_found' || error === 'user_not_found') return { kind: 'not_found' };
    if (error === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000 };
    if (error === 'missing_scope') return { kind: 'forbidden', detail: d.data?.needed ?? EMAIL_SCOPE };
    if (TOKEN_ERRORS.has(error)) return { kind: 'fatal', detail: error };
    return { kind: 'error', detail: error };
  }
  if (d.code === 'slack_webapi_http_error') return { kind: 'error', detail: `HTTP ${d.statusCode ?? 0}` };
  return { kind: 'error', detail: d.message ?? 'request failed' };
}

const normalise = (email: string): string => email.trim().toLowerCase();
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One Web API request, with a 429 waited out and retried a bounded number of times. */
async function withRetry<T>(
  opts: Required<FindOptions>,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: Failure }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await run() };
    } catch (err) {
      const f = classify(err);
      if (f.kind !== 'rate_limited') return { ok: false, failure: f };
      if (attempt >= opts.maxAttempts || f.retryAfterMs > opts.maxWaitMs) {
        return {
          ok: false,
          failure: { kind: 'error', detail: `rate limited (Retry-After ${Math.ceil(f.retryAfterMs / 1000)} s)` },
        };
      }
      await opts.sleep(f.retryAfterMs);
    }
  }
}

type Answer = { found: true; platformUserId: string } | { found: false; reason: NotFoundReason; detail?: string };

function fromFailure(f: Failure): Answer {
  if (f.kind === 'not_found')
    return { found: false, reason: 'not_found', detail: 'no active Slack member has this e-mail' };
  if (f.kind === 'forbidden') return { found: false, reason: 'forbidden', detail: f.detail };
  if (f.kind === 'rate_limited') return { found: false, reason: 'error', detail: 'rate limited' };
  return { found: false, reason: 'error', detail: f.detail };
}

/** A member as an answer for the e-mail it was found by. */
function fromMember(m: Member): Answer {
  if (m.deleted) return { found: false, reason: 'inactive', detail: m.id };
  if (m.is_bot) return { found: false, reason: 'not_found', detail: `${m.id} is a bot` };
  return { found: true, platformUserId: m.id };
}

async function lookupEach(web: WebClient, emails: string[], opts: Required<FindOptions>): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  let stop: Answer | undefined;
  for (const email of emails) {
    if (stop) {
      out.set(email, stop);
      continue;
    }
    const res = await withRetry(opts, () => web.users.lookupByEmail({ email }));
    if (res.ok) {
      const parsed = lookupAnswer.safeParse(res.value);
      out.set(
        email,
        parsed.success ? fromMember(parsed.data.user) : { found: false, reason: 'error', detail: 'unexpected answer' },
      );
      continue;
    }
    const answer = fromFailure(res.failure);
    out.set(email, answer);
    // A missing scope or a bad token fails every further lookup the same way: do not make them.
    if (res.failure.kind === 'forbidden' || res.failure.kind === 'fatal') stop = answer;
  }
  return out;
}

/** E-mail → the answer for it, from the whole member list. */
export function indexMembers(members: readonly Member[]): {
  byEmail: Map<string, Answer>;
  humansWithoutEmail: number;
  humans: number;
} {
  const active = new Map<string, string[]>();
  const inactive = new Map<string, string>();
  let humans = 0;
  let humansWithoutEmail = 0;
  for (const m of members) {
    if (m.is_bot || m.id === 'USLACKBOT') continue;
    humans++;
    const raw = m.profile?.email;
    if (!raw) {
      humansWithoutEmail++;
      continue;
    }
    const email = normalise(raw);
    if (m.deleted) inactive.set(email, m.id);
    else active.set(email, [...(active.get(email) ?? []), m.id]);
  }
  const byEmail = new Map<string, Answer>();
  for (const [email, id] of inactive) byEmail.set(email, { found: false, reason: 'inactive', detail: id });
  for (const [email, ids] of active) {
    byEmail.set(
      email,
      ids.length === 1
        ? { found: true, platformUserId: ids[0]! }
        : { found: false, reason: 'ambiguous', detail: ids.join(', ') },
    );
  }
  return { byEmail, humans, humansWithoutEmail };
}

async function walkMembers(
  web: WebClient,
  emails: string[],
  opts: Required<FindOptions>,
  recent?: RecentWalk<Member[]>,
): Promise<Map<string, Answer>> {
  const recentMembers = recent?.get();
  const findsAll = recentMembers && indexMembers(recentMembers).byEmail;
  const cached = findsAll && emails.every((e) => findsAll.get(e)?.found) ? recentMembers : undefined;
  const members: Member[] = cached ? [...cached] : [];
  let cursor: string | undefined;
  let failure: Failure | undefined;
  if (!cached) {
    do {
      const c = cursor;
      const res = await withRetry(opts, () => web.users.list({ limit: PAGE_LIMIT, ...(c ? { cursor: c } : {}) }));
      if (!res.ok) {
        failure = res.failure;
        break;
      }
      const page = listPage.safeParse(res.value);
      if (!page.success) {
        failure = { kind: 'error', detail: 'unexpected users.list answer' };
        break;
      }
      members.push(...page.data.members);
      cursor = page.data.response_metadata?.next_cursor || undefined;
    } while (cursor);
  }
  if (!cached && !failure) recent?.set(members);

  const { byEmail, humans, humansWithoutEmail } = indexMembers(members);
  const out = new Map<string, Answer>();
  // Without users:read.email Slack lists members but leaves every profile.email out.
  const noEmailScope = !failure && humans > 0 && humansWithoutEmail === humans;
  for (const email of emails) {
    const hit = byEmail.get(email);
    // A walk cut short still proves whom it found; the rest are unknown, not absent.
    if (hit?.found) out.set(email, hit);
    else if (failure)
      out.set(email, fromFailure(failure.kind === 'not_found' ? { kind: 'error', detail: 'not found' } : failure));
    else if (noEmailScope) out.set(email, { found: false, reason: 'forbidden', detail: EMAIL_SCOPE });
    else out.set(email, hit ?? { found: false, reason: 'not_found' });
  }
  return out;
}

/** PlatformAdapter.findUsers for Slack: one answer per person, never a throw for a person Slack lacks. */
export async function findSlackUsers(
  web: WebClient,
  people: readonly PersonToFind[],
  options: FindOptions = {},
  recent?: RecentWalk<Member[]>,
): Promise<FoundPerson[]> {
  const opts: Required<FindOptions> = { ...DEFAULTS, sleep: sleepFor, ...options };
  const emails = [...new Set(people.flatMap((p) => (p.email?.trim() ? [normalise(p.email)] : [])))];
  const answers =
    emails.length === 0
      ? new Map<string, Answer>()
      : emails.length <= opts.bulkThreshold
        ? await lookupEach(web, emails, opts)
        : await walkMembers(web, emails, opts, recent);
  return people.map((p): FoundPerson => {
    if (!p.email?.trim()) return { employeeId: p.employeeId, found: false, reason: 'no_email' };
    const a = answers.get(normalise(p.email)) ?? { found: false, reason: 'error', detail: 'not looked up' };
    return { employeeId: p.employeeId, ...a };
  });
}
