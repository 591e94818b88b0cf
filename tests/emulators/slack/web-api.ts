// A local fake of the Slack Web API on 127.0.0.1 (port 0 = random). It records every call and answers
// with Slack's documented response shapes (https://docs.slack.dev/reference/methods/<method>):
// `{ ok: true, ... }` on success, `{ ok: false, error }` with HTTP 200 on API errors, and HTTP 429 with a
// Retry-After header and `{ ok: false, error: 'ratelimited' }` when asked to throttle.
// The WebClient posts application/x-www-form-urlencoded bodies in which objects (blocks, view) are JSON
// strings, and the token in an Authorization: Bearer header; both are decoded before recording.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedRateLimits, type EmuRate } from '../rate-limits.js';
import { messageRefusal, viewProblems } from './block-kit-check.js';
import { attachSocketMode, type SocketModeEmulator } from './socket-mode.js';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** HTTP status answered, and the Slack error code when the answer was `ok: false`. */
  status: number;
  error?: string;
  /** When the emulator received the call (Date.now()). */
  at: number;
  /** The JSON body the emulator answered with (e.g. chat.postMessage's `ts`). */
  response?: Record<string, unknown>;
}
/** The channel a chat.postMessage landed in: a post to a user id lands in the DM with them (Slack's answer
 *  names it). A call that was refused (429, an error) has no answer: its channel as asked. */
export function postedChannel(c: Pick<RecordedCall, 'args' | 'response'>): string {
  const answered = c.response?.channel;
  return typeof answered === 'string' ? answered : String(c.args.channel);
}

export interface EmulatedUser {
  id: string;
  email: string;
  name: string;
  locale?: string;
  /** A deactivated member: users.list and users.info still list them, with `deleted: true`. */
  deleted?: boolean;
  /** A bot user (no e-mail in its profile). */
  isBot?: boolean;
}
/** How the next call fails: an API error, a 429, or — `lostAnswerStatus` — carried out by "Slack" but the
 *  answer lost (the caller sees this HTTP status instead, as after a gateway timeout). */
export type Failure = { error: string } | { rateLimitedSeconds: number } | { lostAnswerStatus: number };

export interface SlackEmulator {
  /** SLACK_API_URL for the server: http://127.0.0.1:<port>/api */
  url: string;
  baseUrl: string;
  botToken: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  addUser(u: EmulatedUser): void;
  /** A message the bot posted earlier (as if by chat.postMessage, unrecorded): its ts. For a bench that presses
   *  buttons on many cards without posting each through the server first. */
  addMessage(channel: string, text: string, blocks: unknown): string;
  /** The next call(s) to `method` fail this way (queued, one failure per call); `after` lets that many
   *  calls to it pass first (e.g. fail the second page of a walk). */
  failNext(method: string, failure: Failure, after?: number): void;
  /** The next call to `method` is recorded but not answered until the returned function is called (a slow
   *  Slack, held for as long as a test needs). */
  holdNext(method: string): () => void;
  /** A response_url that points back at this emulator; posts to it are recorded as method 'response_url'. */
  responseUrl(id?: string): string;
  /** A Sign in with Slack code the emulator will accept for this user. */
  addAuthCode(code: string, userId: string): void;
  /** Socket Mode: apps.connections.open hands out a WebSocket URL on this emulator. */
  socketMode: SocketModeEmulator;
  /** The bot token's scopes (default: all the app's manifest asks for). Without `users:read.email`,
   *  users.lookupByEmail answers missing_scope and users.list / users.info leave `profile.email` out. */
  setScopes(scopes: string[]): void;
  /** users.list returns at most this many members per page, whatever `limit` asks (forces paging). */
  usersPageSize: number;
  /** Switch on chat.postMessage's limits: a workspace-wide cap (Slack publishes no number; the same
   *  setting as SLACK_RATE_PER_SECOND) and 1/s per channel with a short burst. A call over either is
   *  answered 429 + Retry-After (whole seconds) + `ratelimited`, and carried out by nobody. */
  enforceRateLimits(rules: { workspace: EmuRate; perChannel: EmuRate }): EmulatedRateLimits;
  close(): Promise<void>;
}

/** The scopes the emulated bot token holds unless a test takes some away. */
export const DEFAULT_SCOPES = ['chat:write', 'commands', 'im:history', 'im:write', 'users:read', 'users:read.email'];

const TEAM_ID = 'T0VITALITY';
export const EMU_BOT_USER_ID = 'U0BOT';
export const EMU_BOT_ID = 'B0BOT';

function decodeArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSlackEmulator(opts: { botToken?: string } = {}): Promise<SlackEmulator> {
  const botToken = opts.botToken ?? 'xoxb-emulator';
  const calls: RecordedCall[] = [];
  const users = new Map<string, EmulatedUser>();
  const failures = new Map<string, { failure: Failure; after: number }[]>();
  const holds = new Map<string, Promise<void>[]>();
  const messages = new Map<
    string,
    { channel: string; ts: string; text: unknown; blocks: unknown; metadata?: unknown }
  >();
  const authCodes = new Map<string, string>();
  const accessTokens = new Map<string, string>();
  let seq = 0;
  let limits: EmulatedRateLimits | undefined;
  let baseUrl = '';
  let scopes = new Set(DEFAULT_SCOPES);
  const pageSize = { value: 200 };
  // users.lookupByEmail and users.list need these (https://docs.slack.dev/reference/methods/users.lookupByEmail,
  // …/users.list); missing_scope names the one needed and the ones provided.
  const missingScope = (needed: string) => ({
    ok: false,
    error: 'missing_scope',
    needed,
    provided: [...scopes].join(','),
  });
  // Slack's own member list always holds Slackbot (not a bot user, no e-mail) and the app's bot user.
  const builtIn: EmulatedUser[] = [
    { id: 'USLACKBOT', email: '', name: 'Slackbot' },
    { id: EMU_BOT_USER_ID, email: '', name: 'vitality', isBot: true },
  ];

  const nextTs = (): string => {
    seq += 1;
    return `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
  };

  const userJson = (u: EmulatedUser) => ({
    id: u.id,
    team_id: TEAM_ID,
    name: u.email ? u.email.split('@')[0] : u.name.toLowerCase(),
    real_name: u.name,
    deleted: u.deleted ?? false,
    is_bot: u.isBot ?? false,
    is_app_user: false,
    tz: 'Asia/Shanghai',
    locale: u.locale ?? 'en-US',
    // The e-mail is only there for a token with users:read.email.
    profile: {
      ...(u.email && scopes.has('users:read.email') ? { email: u.email } : {}),
      real_name: u.name,
      display_name: u.name,
    },
  });

  function answer(method: string, a: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const isOpenId = method.startsWith('openid.connect.');
    if (method === 'apps.connections.open') {
      // Needs the app-level token (xapp-), not the bot token.
      if (!token?.startsWith('xapp-')) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `${baseUrl.replace(/^http/, 'ws')}/link/?ticket=t${++seq}&app_id=A0VITALITY` };
    }
    if (!isOpenId && token !== botToken) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://vitality.slack.com/',
          team: 'Vitality',
          user: 'vitality',
          team_id: TEAM_ID,
          user_id: EMU_BOT_USER_ID,
          bot_id: EMU_BOT_ID,
        };
      case 'conversations.open': {
        const id = String(a.users ?? '');
        if (!users.has(id)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${id}` } };
      }
      case 'chat.postMessage': {
        // A user id as the channel posts to the app's DM with that user; Slack answers with the DM's id.
        const asked = String(a.channel ?? '');
        const channel = /^[UW][A-Z0-9]+$/.test(asked) ? (users.has(asked) ? `D${asked}` : '') : asked;
        if (!/^[CDG][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
        const refusedPost = messageRefusal(a.blocks);
        if (refusedPost) return { ok: false, ...refusedPost };
        const ts = nextTs();
        messages.set(`${channel}/${ts}`, {
          channel,
          ts,
          text: a.text,
          blocks: a.blocks,
          ...(a.metadata ? { metadata: a.metadata } : {}),
        });
        return {
          ok: true,
          channel,
          ts,
          message: {
            type: 'message',
            text: a.text,
            user: EMU_BOT_USER_ID,
            bot_id: EMU_BOT_ID,
            ts,
            team: TEAM_ID,
            blocks: a.blocks ?? [],
          },
        };
      }
      case 'chat.update': {
        const key = `${String(a.channel)}/${String(a.ts)}`;
        if (!messages.has(key)) return { ok: false, error: 'message_not_found' };
        const refusedUpdate = messageRefusal(a.blocks);
        if (refusedUpdate) return { ok: false, ...refusedUpdate };
        messages.set(key, { ...messages.get(key)!, text: a.text, blocks: a.blocks });
        return {
          ok: true,
          channel: a.channel,
          ts: a.ts,
          text: a.text,
          message: { text: a.text, user: EMU_BOT_USER_ID, blocks: a.blocks ?? [] },
        };
      }
      case 'conversations.history': {
        // Newest first; message metadata only with include_all_metadata (https://docs.slack.dev/reference/methods/conversations.history).
        const channel = String(a.channel ?? '');
        const withMeta = a.include_all_metadata === true || a.include_all_metadata === 'true';
        const limit = Number(a.limit ?? 100);
        const list = [...messages.values()]
          .filter((m) => m.channel === channel)
          .reverse()
          .slice(0, limit);
        if (list.length === 0 && !/^D/.test(channel)) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          has_more: false,
          messages: list.map((m) => ({
            type: 'message',
            user: EMU_BOT_USER_ID,
            bot_id: EMU_BOT_ID,
            ts: m.ts,
            text: m.text,
            blocks: m.blocks ?? [],
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          })),
        };
      }
      case 'users.info': {
        const u = users.get(String(a.user ?? ''));
        return u ? { ok: true, user: userJson(u) } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        if (!scopes.has('users:read.email')) return missingScope('users:read.email');
        const email = String(a.email ?? '').toLowerCase();
        // "If the user has been deactivated, users_not_found will be returned instead of a user object."
        const u = [...users.values()].find((x) => x.email.toLowerCase() === email && !x.deleted);
        return u ? { ok: true, user: userJson(u) } : { ok: false, error: 'users_not_found' };
      }
      case 'users.list': {
        // Cursor pagination: next_cursor is "" on the last page (https://docs.slack.dev/apis/web-api/pagination).
        if (!scopes.has('users:read')) return missingScope('users:read');
        const all = [...builtIn, ...users.values()];
        let start = 0;
        if (a.cursor) {
          const m = /^user:(.+)$/.exec(Buffer.from(String(a.cursor), 'base64').toString('utf8'));
          start = m ? all.findIndex((u) => u.id === m[1]) : -1;
          if (start < 0) return { ok: false, error: 'invalid_cursor' };
        }
        const size = Math.min(Number(a.limit ?? 0) || all.length, pageSize.value);
        const page = all.slice(start, start + size);
        const next = all[start + size];
        return {
          ok: true,
          members: page.map(userJson),
          cache_ts: Math.floor(Date.now() / 1000),
          response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
        };
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        // views.open and views.push need a trigger_id; views.update a view_id or external_id
        // (https://docs.slack.dev/reference/methods/views.update).
        if ((method === 'views.open' || method === 'views.push') && !a.trigger_id)
          return { ok: false, error: 'invalid_trigger_id' };
        if (method === 'views.update' && !a.view_id && !a.external_id) return { ok: false, error: 'invalid_arguments' };
        const problems = viewProblems(a.view);
        if (problems.length > 0)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        const view = (a.view ?? {}) as Record<string, unknown>;
        seq += 1;
        return {
          ok: true,
          view: {
            id: `V${seq}`,
            team_id: TEAM_ID,
            ...view,
            state: { values: {} },
            hash: `${seq}.hash`,
            app_id: 'A0VITALITY',
            bot_id: EMU_BOT_ID,
          },
        };
      }
      case 'openid.connect.token': {
        const userId = authCodes.get(String(a.code ?? ''));
        if (!userId || !a.client_id || !a.client_secret) return { ok: false, error: 'invalid_code' };
        authCodes.delete(String(a.code));
        const access = `xoxp-${userId}-${seq++}`;
        accessTokens.set(access, userId);
        return { ok: true, access_token: access, token_type: 'Bearer', id_token: 'eyJ.emulated.jwt' };
      }
      case 'openid.connect.userInfo': {
        const u = users.get(accessTokens.get(token ?? '') ?? '');
        if (!u) return { ok: false, error: 'invalid_auth' };
        return {
          ok: true,
          sub: u.id,
          'https://slack.com/user_id': u.id,
          'https://slack.com/team_id': TEAM_ID,
          email: u.email,
          email_verified: true,
          name: u.name,
          locale: u.locale ?? 'en-US',
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const raw = await readBody(req);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '').split('?')[0] ?? '';
      const args = decodeArgs(String(req.headers['content-type'] ?? ''), raw);
      if (path.startsWith('/response/')) {
        calls.push({
          method: 'response_url',
          args: { ...args, _id: path.slice('/response/'.length) },
          status: 200,
          at: Date.now(),
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const auth = String(req.headers.authorization ?? '');
      const token = auth.startsWith('Bearer ')
        ? auth.slice(7)
        : typeof args.token === 'string'
          ? args.token
          : undefined;
      const call: RecordedCall = { method, args, status: 200, at: Date.now() };
      if (token) call.token = token;
      calls.push(call);
      const hold = holds.get(method)?.shift();
      if (hold) await hold;
      const queued = failures.get(method);
      let failure: Failure | undefined;
      if (queued?.[0] && queued[0].after > 0) queued[0].after -= 1;
      else failure = queued?.shift()?.failure;
      if (failure && 'rateLimitedSeconds' in failure) {
        call.status = 429;
        call.error = 'ratelimited';
        send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.rateLimitedSeconds) });
        return;
      }
      // A post to a user id lands in the DM with them: the same channel for Slack's per-channel limit.
      const admission =
        limits && method === 'chat.postMessage'
          ? limits.admit({ workspace: 'all', perChannel: String(args.channel).replace(/^([UW])/, 'D$1') })
          : { ok: true as const };
      if (!admission.ok) {
        call.status = 429;
        call.error = 'ratelimited';
        send(
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000))) },
        );
        return;
      }
      if (failure && 'lostAnswerStatus' in failure) {
        call.response = answer(method, args, token);
        call.status = failure.lostAnswerStatus;
        send(failure.lostAnswerStatus, { ok: false, error: 'internal_error' });
        return;
      }
      const body = failure ? { ok: false, error: failure.error } : answer(method, args, token);
      if (typeof body.error === 'string') call.error = body.error;
      call.response = body;
      send(200, body);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  const socketMode = attachSocketMode(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${baseUrl}/api`,
    baseUrl,
    botToken,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    addUser: (u) => users.set(u.id, u),
    addMessage: (channel, text, blocks) => {
      const ts = nextTs();
      messages.set(`${channel}/${ts}`, { channel, ts, text, blocks });
      return ts;
    },
    holdNext: (method) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      holds.set(method, [...(holds.get(method) ?? []), held]);
      return release;
    },
    failNext: (method, failure, after = 0) =>
      failures.set(method, [...(failures.get(method) ?? []), { failure, after }]),
    responseUrl: (id = String(++seq)) => `${baseUrl}/response/${id}`,
    enforceRateLimits: (rules) => (limits = new EmulatedRateLimits(rules)),
    addAuthCode: (code, userId) => authCodes.set(code, userId),
    socketMode,
    setScopes: (list) => {
      scopes = new Set(list);
    },
    get usersPageSize() {
      return pageSize.value;
    },
    set usersPageSize(n: number) {
      pageSize.value = n;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        socketMode.disconnectAll();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
