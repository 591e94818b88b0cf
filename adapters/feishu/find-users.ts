// Finding Feishu users for people who never wrote to the bot, by e-mail: POST
// /open-apis/contact/v3/users/batch_get_id with up to 50 `emails` per call, user_id_type=open_id,
// include_resigned so a leaver is told apart from a stranger. Needs the scope contact:user.id:readonly;
// only people inside the app's contact data range (通讯录权限范围) come back. Limited to 50/s and
// 1000/min per app: calls go one after another, and a throttled call (HTTP 429 / code 99991400) waits
// x-ogw-ratelimit-reset and is retried a bounded number of times.
// https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/contact-v3/user/batch_get_id
import { z } from 'zod';
import type { FoundPerson, NotFoundReason, PersonToFind } from '../../src/bot/port.js';
import type { FeishuClient } from './client.js';
import { checkBody, FeishuApiError, fromThrown } from './errors.js';

export interface FindOptions {
  /** Calls per chunk when Feishu keeps throttling: the first try and the retries. */
  maxAttempts?: number;
  /** A reset further away than this is not waited for: the people get 'error' and the next lookup retries. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { maxAttempts: 3, maxWaitMs: 60_000 } as const;
/** batch_get_id: "emails … 最多 50 条". */
const CHUNK = 50;
/** The scope batch_get_id needs. */
export const ID_SCOPE = 'contact:user.id:readonly';
/** 99991672: the app lacks an API scope (the answer names it in error.permission_violations). */
const SCOPE_MISSING = 99991672;
/** 41050: "no user authority error" — the person is outside the app's contact data range. */
const NO_USER_AUTHORITY = 41050;
const THROTTLE_DEFAULT_MS = 1000;

const answerSchema = z
  .object({
    data: z
      .object({
        user_list: z
          .array(
            z
              .object({
                user_id: z.string().optional(),
                email: z.string().optional(),
                status: z
                  .object({
                    is_resigned: z.boolean().optional(),
                    is_frozen: z.boolean().optional(),
                    is_exited: z.boolean().optional(),
                  })
                  .loose()
                  .optional(),
              })
              .loose(),
          )
          .default([]),
      })
      .loose()
      .default({ user_list: [] }),
  })
  .loose();
type Entry = z.infer<typeof answerSchema>['data']['user_list'][number];

/** The scopes a 99991672 answer names (body.error.permission_violations[].subject), from the thrown error. */
const violationsSchema = z
  .object({
    response: z
      .object({
        data: z
          .object({
            error: z.object({ permission_violations: z.array(z.object({ subject: z.string() }).loose()) }).loose(),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();

type Answer = { found: true; platformUserId: string } | { found: false; reason: NotFoundReason; detail?: string };
type Failure = { kind: 'throttled'; retryAfterMs: number } | { kind: 'final'; answer: Answer; stopAll: boolean };

export function classify(thrown: unknown): Failure {
  const err = thrown instanceof FeishuApiError ? thrown : fromThrown('contact.v3.user.batchGetId', thrown);
  if (err.rateLimited) return { kind: 'throttled', retryAfterMs: err.retryAfterMs ?? THROTTLE_DEFAULT_MS };
  if (err.code === SCOPE_MISSING) {
    const v = violationsSchema.safeParse(thrown);
    const scopes = v.success ? v.data.response.data.error.permission_violations.map((p) => p.subject) : [];
    return {
      kind: 'final',
      answer: { found: false, reason: 'forbidden', detail: scopes.length > 0 ? scopes.join(' or ') : ID_SCOPE },
      stopAll: true,
    };
  }
  if (err.code === NO_USER_AUTHORITY) {
    return {
      kind: 'final',
      answer: {
        found: false,
        reason: 'forbidden',
        detail: 'contact data range (通讯录权限范围) does not include these people',
      },
      stopAll: false,
    };
  }
  return { kind: 'final', answer: { found: false, reason: 'error', detail: err.message }, stopAll: false };
}

/** Answers for one chunk's e-mails from batch_get_id's user_list. Pure. */
export function answersFor(emails: readonly string[], list: readonly Entry[]): Map<string, Answer> {
  const byEmail = new Map<string, Entry[]>();
  for (const e of list) {
    if (!e.email || !e.user_id) continue;
    const key = e.email.trim().toLowerCase();
    byEmail.set(key, [...(byEmail.get(key) ?? []), e]);
  }
  const out = new Map<string, Answer>();
  for (const email of emails) {
    const hits = byEmail.get(email) ?? [];
    const ids = [...new Set(hits.map((h) => h.user_id!))];
    const live = hits.filter((h) => !(h.status?.is_resigned || h.status?.is_frozen || h.status?.is_exited));
    const liveIds = [...new Set(live.map((h) => h.user_id!))];
    if (ids.length === 0) out.set(email, { found: false, reason: 'not_found' });
    else if (liveIds.length > 1) out.set(email, { found: false, reason: 'ambiguous', detail: liveIds.join(', ') });
    else if (liveIds.length === 1) out.set(email, { found: true, platformUserId: liveIds[0]! });
    else out.set(email, { found: false, reason: 'inactive', detail: ids.join(', ') });
  }
  return out;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const normalise = (email: string): string => email.trim().toLowerCase();

async function lookupChunk(
  client: FeishuClient,
  emails: string[],
  opts: Required<FindOptions>,
): Promise<{ answers: Map<string, Answer>; stopAll?: Answer }> {
  for (let attempt = 1; ; attempt++) {
    let failure: Failure;
    try {
      const body: unknown = await client.sdk.contact.v3.user.batchGetId({
        data: { emails, include_resigned: true },
        params: { user_id_type: 'open_id' },
      });
      checkBody('contact.v3.user.batchGetId', body);
      const parsed = answerSchema.safeParse(body);
      if (!parsed.success) throw new FeishuApiError('contact.v3.user.batchGetId', 200, 0, 'unexpected answer shape');
      return { answers: answersFor(emails, parsed.data.data.user_list) };
    } catch (e) {
      failure = classify(e);
    }
    if (failure.kind === 'throttled') {
      if (attempt < opts.maxAttempts && failure.retryAfterMs <= opts.maxWaitMs) {
        await opts.sleep(failure.retryAfterMs);
        continue;
      }
      failure = {
        kind: 'final',
        answer: {
          found: false,
          reason: 'error',
          detail: `rate limited (reset in ${Math.ceil(failure.retryAfterMs / 1000)} s)`,
        },
        stopAll: false,
      };
    }
    const answer = failure.answer;
    return { answers: new Map(emails.map((e) => [e, answer])), ...(failure.stopAll ? { stopAll: answer } : {}) };
  }
}

/** PlatformAdapter.findUsers for Feishu: one answer per person, never a throw for a person Feishu lacks. */
export async function findFeishuUsers(
  client: FeishuClient,
  people: readonly PersonToFind[],
  options: FindOptions = {},
): Promise<FoundPerson[]> {
  const opts: Required<FindOptions> = { ...DEFAULTS, sleep: sleepFor, ...options };
  const emails = [...new Set(people.flatMap((p) => (p.email?.trim() ? [normalise(p.email)] : [])))];
  const answers = new Map<string, Answer>();
  let stop: Answer | undefined;
  for (let i = 0; i < emails.length; i += CHUNK) {
    const chunk = emails.slice(i, i + CHUNK);
    if (stop) {
      // A missing scope fails every further call the same way: do not make them.
      for (const e of chunk) answers.set(e, stop);
      continue;
    }
    const res = await lookupChunk(client, chunk, opts);
    for (const [e, a] of res.answers) answers.set(e, a);
    stop = res.stopAll;
  }
  return people.map((p): FoundPerson => {
    if (!p.email?.trim()) return { employeeId: p.employeeId, found: false, reason: 'no_email' };
    return {
      employeeId: p.employeeId,
      ...(answers.get(normalise(p.email)) ?? { found: false, reason: 'error', detail: 'not looked up' }),
    };
  });
}
