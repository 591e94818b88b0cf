// A local fake of Feishu's Open API on 127.0.0.1 (port 0): tenant token, im/v1/messages create + patch,
// contact departments/users with paging, OAuth code exchange. Answers in Feishu's real shapes
// ({code, msg, data}; the token endpoints are flat) and records every call. Rate limiting on demand:
// HTTP 429 + x-ogw-ratelimit-* headers + code 99991400, as Feishu's gateway answers.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedRateLimits, type EmuRate } from '../rate-limits.js';
import { feishuAttendanceRoute, type EmuUserTask } from './attendance.js';
import { attachWsGateway, type WsGateway } from './ws-gateway.js';

export interface EmuDepartment {
  open_department_id: string;
  name: string;
  parent_department_id: string;
  leader_user_id?: string;
}
export interface EmuUser {
  open_id: string;
  name: string;
  email?: string;
  department_ids: string[];
  leader_user_id?: string;
  status?: { is_resigned?: boolean; is_frozen?: boolean; is_activated?: boolean };
  /** The user's time zone as Feishu's contact API returns it (an IANA name the user or admin set). */
  time_zone?: string;
}
export interface EmuMessage {
  message_id: string;
  chat_id: string;
  receive_id: string;
  receive_id_type: string;
  msg_type: string;
  content: string;
  uuid?: string;
  patches: string[];
}
export interface EmuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  auth?: string;
}
interface Failure {
  match: RegExp;
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface FeishuEmulator {
  url: string;
  appId: string;
  appSecret: string;
  calls: EmuCall[];
  messages: Map<string, EmuMessage>;
  departments: EmuDepartment[];
  users: EmuUser[];
  /** Attendance results (user_tasks/query), by employee id (attendance.ts). */
  userTasks: EmuUserTask[];
  authCodes: Map<string, string>;
  tokensIssued: number;
  /** Largest page the emulator returns, whatever page_size asks (forces paging in tests). */
  maxPageSize: number;
  /** Answer the next `times` calls whose path matches with 429 / code 99991400. */
  rateLimitNext(match: RegExp, times?: number, resetSeconds?: number): void;
  /** Switch on message create's limits: per app (1000/min and 50/s — a bucket of 1000/60 per second with
   *  a burst of 50) answered 429 + 99991400 + x-ogw-ratelimit-reset, and 5 QPS per receive_id answered
   *  code 230020. A refused call sends nothing. */
  enforceRateLimits(rules: { app: EmuRate; perReceiver: EmuRate }): EmulatedRateLimits;
  /** Answer the next call whose path matches with this status and {code, msg}. */
  failNext(match: RegExp, status: number, code: number, msg: string): void;
  callsTo(pathPart: string): EmuCall[];
  /** Scopes the app has not been granted: an API needing one answers 99991672 naming it. */
  revokedScopes: Set<string>;
  /** Every card send or patch refused for the card's own limits (elements, body size, attributes). */
  refusals: { path: string; code: number; msg: string }[];
  /** The long-connection gateway (POST /callback/ws/endpoint + a WebSocket at /ws). */
  ws: WsGateway;
  close(): Promise<void>;
}

const ok = (data: unknown) => ({ code: 0, msg: 'success', data });
const id = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; bytes: number }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  const raw = buf.toString('utf8');
  if (!raw) return { body: undefined, bytes: 0 };
  try {
    return { body: JSON.parse(raw) as unknown, bytes: buf.length };
  } catch {
    return { body: raw, bytes: buf.length };
  }
}

/** Feishu's card limits, counted the way Feishu counts (written here on their own, not borrowed from the
 *  adapter, so the emulator checks the adapter rather than agreeing with it):
 *  - 200 elements per card, every tagged node counted — components, columns and every plain_text (card JSON
 *    2.0 structure, https://open.feishu.cn/document/feishu-cards/card-json-v2-structure; over it Feishu answers
 *    230099 with card error 300305, as issue 18 reports);
 *  - a 30 KB request body (send message, https://open.feishu.cn/document/server-docs/im-v1/message/create:
 *    230025 "The length of the message content reaches its limit");
 *  - JSON 2.0 refuses attributes a component does not support ("传入不支持的属性将报错", JSON 2.0 release
 *    notes): a form's submit button configured with `behaviors` (Lark's card guide gives it
 *    `form_action_type` and `name` only) is refused with 230099. */
export const EMU_CARD_LIMITS = { elements: 200, bodyBytes: 30 * 1024 } as const;

export function emuCountTagged(x: unknown): number {
  if (Array.isArray(x)) {
    let n = 0;
    for (const y of x) n += emuCountTagged(y);
    return n;
  }
  if (typeof x !== 'object' || x === null) return 0;
  const r = x as Record<string, unknown>;
  let n = typeof r['tag'] === 'string' ? 1 : 0;
  for (const key of Object.keys(r)) n += emuCountTagged(r[key]);
  return n;
}

function formButtonWithBehaviors(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(formButtonWithBehaviors);
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  if (r['tag'] === 'button' && r['form_action_type'] !== undefined && r['behaviors'] !== undefined) return true;
  return Object.values(r).some(formButtonWithBehaviors);
}

/** Why Feishu would refuse this card in a request of `bodyBytes`, as its {code, msg}; undefined when accepted. */
export function emuCardRefusal(card: unknown, bodyBytes: number): { code: number; msg: string } | undefined {
  if (bodyBytes > EMU_CARD_LIMITS.bodyBytes)
    return { code: 230025, msg: 'The length of the message content reaches its limit.' };
  const n = emuCountTagged(card);
  if (n > EMU_CARD_LIMITS.elements)
    return {
      code: 230099,
      msg: `Failed to create card content, ext=ErrCode: 300305; ErrMsg: card element count ${n} exceeds the limit of ${EMU_CARD_LIMITS.elements}; `,
    };
  if (formButtonWithBehaviors(card))
    return {
      code: 230099,
      msg: 'Failed to create card content, ext=ErrMsg: unsupported property behaviors on a form button; ',
    };
  return undefined;
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function paged<T>(items: T[], query: Record<string, string>, max: number) {
  const size = Math.min(Number(query['page_size'] ?? 20) || 20, max);
  const start = Number(query['page_token'] ?? 0) || 0;
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return { has_more: more, ...(more ? { page_token: String(start + size) } : {}), items: slice };
}

export async function startFeishuEmulator(
  opts: { appId?: string; appSecret?: string; tokenExpire?: number } = {},
): Promise<FeishuEmulator> {
  const failures: Failure[] = [];
  const tokens = new Set<string>();
  const userTokens = new Map<string, string>();
  const uuids = new Map<string, string>();
  let limits: EmulatedRateLimits | undefined;
  const emu: Omit<FeishuEmulator, 'url' | 'close' | 'ws'> = {
    appId: opts.appId ?? 'cli_a1b2c3d4e5f60718',
    appSecret: opts.appSecret ?? 'emu-secret',
    calls: [],
    messages: new Map(),
    departments: [],
    users: [],
    userTasks: [],
    authCodes: new Map(),
    tokensIssued: 0,
    maxPageSize: 50,
    revokedScopes: new Set(),
    refusals: [],
    rateLimitNext(match, times = 1, resetSeconds = 2) {
      for (let i = 0; i < times; i++) {
        failures.push({
          match,
          status: 429,
          body: { code: 99991400, msg: 'request trigger frequency limit' },
          headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(resetSeconds) },
        });
      }
    },
    failNext(match, status, code, msg) {
      failures.push({ match, status, body: { code, msg } });
    },
    enforceRateLimits(rules) {
      return (limits = new EmulatedRateLimits(rules));
    },
    callsTo(pathPart) {
      return this.calls.filter((c) => c.path.includes(pathPart));
    },
  };

  const authorized = (req: IncomingMessage) => {
    const h = req.headers['authorization'];
    return typeof h === 'string' && tokens.has(h.replace(/^Bearer /, ''));
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(u.searchParams.entries());
    const { body, bytes: bodyBytes } = await readBody(req);
    const path = u.pathname;
    emu.calls.push({
      method: req.method ?? 'GET',
      path,
      query,
      body,
      ...(req.headers['authorization'] ? { auth: req.headers['authorization'] } : {}),
    });
    if (wsParts.endpoint(req, res, body)) return;

    const f = failures.findIndex((x) => x.match.test(path));
    if (f >= 0) {
      const [failure] = failures.splice(f, 1);
      return send(res, failure!.status, failure!.body, failure!.headers);
    }

    if (req.method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const b = rec(body);
      if (b['app_id'] !== emu.appId || b['app_secret'] !== emu.appSecret) {
        return send(res, 400, { code: 10014, msg: 'app secret invalid' });
      }
      const t = id('t-');
      tokens.add(t);
      emu.tokensIssued++;
      // A short expire defeats the SDK's token cache (it keeps a token until expire - 3 min).
      return send(res, 200, { code: 0, msg: 'ok', tenant_access_token: t, expire: opts.tokenExpire ?? 120 });
    }

    if (req.method === 'POST' && path === '/open-apis/authen/v2/oauth/token') {
      const b = rec(body);
      const openId = typeof b['code'] === 'string' ? emu.authCodes.get(b['code']) : undefined;
      if (b['client_id'] !== emu.appId || b['client_secret'] !== emu.appSecret) {
        return send(res, 400, {
          code: 20002,
          error: 'invalid_client',
          error_description: 'The client secret is invalid.',
        });
      }
      if (b['grant_type'] !== 'authorization_code' || !openId) {
        return send(res, 400, {
          code: 20003,
          error: 'invalid_grant',
          error_description: 'The authorization code is not found.',
        });
      }
      emu.authCodes.delete(b['code'] as string); // codes are single-use
      const at = id('u-');
      userTokens.set(at, openId);
      return send(res, 200, {
        code: 0,
        access_token: at,
        expires_in: 7200,
        refresh_token: id('ur-'),
        refresh_token_expires_in: 604800,
        token_type: 'Bearer',
        scope: '',
      });
    }

    if (req.method === 'GET' && path === '/open-apis/authen/v1/user_info') {
      const at = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
      const openId = userTokens.get(at);
      const user = emu.users.find((x) => x.open_id === openId);
      if (!user) return send(res, 401, { code: 20005, msg: 'invalid access token' });
      return send(
        res,
        200,
        ok({
          name: user.name,
          en_name: user.name,
          open_id: user.open_id,
          union_id: `on_${user.open_id}`,
          email: user.email,
          enterprise_email: user.email,
          tenant_key: 'tk_emu',
        }),
      );
    }

    if (path.startsWith('/open-apis/') && !authorized(req)) {
      return send(res, 400, {
        code: 99991663,
        msg: 'Invalid access token for authorization. Please make a request with token attached.',
      });
    }

    if (req.method === 'POST' && path === '/open-apis/im/v1/messages') {
      const b = rec(body);
      const admission = limits
        ? limits.admit({ app: 'all', perReceiver: String(b['receive_id']) })
        : { ok: true as const };
      if (!admission.ok && admission.rule === 'perReceiver')
        return send(res, 400, { code: 230020, msg: 'The request you send is too frequent.' });
      if (!admission.ok) {
        const reset = String(Math.max(1, Math.ceil(admission.retryAfterMs / 1000)));
        return send(
          res,
          429,
          { code: 99991400, msg: 'request trigger frequency limit' },
          { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': reset },
        );
      }
      const type = query['receive_id_type'];
      if (
        !type ||
        typeof b['receive_id'] !== 'string' ||
        typeof b['content'] !== 'string' ||
        typeof b['msg_type'] !== 'string'
      ) {
        return send(res, 400, { code: 230001, msg: 'Your request contains an invalid request parameter.' });
      }
      let parsedContent: unknown;
      try {
        parsedContent = JSON.parse(b['content']);
      } catch {
        return send(res, 400, {
          code: 230001,
          msg: 'Your request contains an invalid request parameter, ext=invalid content.',
        });
      }
      if (b['msg_type'] === 'interactive') {
        const refusal = emuCardRefusal(parsedContent, bodyBytes);
        if (refusal) {
          emu.refusals.push({ path, ...refusal });
          return send(res, 400, refusal);
        }
      }
      if (b['msg_type'] === 'text' && bodyBytes > 150 * 1024) {
        return send(res, 400, { code: 230025, msg: 'The length of the message content reaches its limit.' });
      }
      const uuid = typeof b['uuid'] === 'string' ? b['uuid'] : undefined;
      let msg = uuid ? emu.messages.get(uuids.get(uuid) ?? '') : undefined;
      if (!msg) {
        msg = {
          message_id: id('om_'),
          chat_id: type === 'chat_id' ? b['receive_id'] : `oc_p2p_${b['receive_id']}`,
          receive_id: b['receive_id'],
          receive_id_type: type,
          msg_type: b['msg_type'],
          content: b['content'],
          ...(uuid ? { uuid } : {}),
          patches: [],
        };
        emu.messages.set(msg.message_id, msg);
        if (uuid) uuids.set(uuid, msg.message_id);
      }
      const now = String(Date.now());
      return send(
        res,
        200,
        ok({
          message_id: msg.message_id,
          root_id: '',
          parent_id: '',
          thread_id: '',
          msg_type: msg.msg_type,
          create_time: now,
          update_time: now,
          deleted: false,
          updated: false,
          chat_id: msg.chat_id,
          sender: { id: emu.appId, id_type: 'app_id', sender_type: 'app', tenant_key: 'tk_emu' },
          body: { content: msg.content },
          mentions: [],
          upper_message_id: '',
        }),
      );
    }

    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (req.method === 'PATCH' && patch) {
      const msg = emu.messages.get(decodeURIComponent(patch[1]!));
      const content = rec(body)['content'];
      if (!msg)
        return send(res, 400, {
          code: 230001,
          msg: 'Your request contains an invalid request parameter, ext=invalid message_id.',
        });
      if (msg.msg_type !== 'interactive') return send(res, 400, { code: 230001, msg: 'This message is not a card.' });
      if (typeof content !== 'string')
        return send(res, 400, { code: 230001, msg: 'Your request contains an invalid request parameter.' });
      let parsedContent: unknown;
      try {
        parsedContent = JSON.parse(content);
      } catch {
        return send(res, 400, {
          code: 230001,
          msg: 'Your request contains an invalid request parameter, ext=invalid content.',
        });
      }
      const refusal = emuCardRefusal(parsedContent, bodyBytes);
      if (refusal) {
        emu.refusals.push({ path, ...refusal });
        return send(res, 400, refusal);
      }
      msg.patches.push(content);
      return send(res, 200, ok({}));
    }

    const children = /^\/open-apis\/contact\/v3\/departments\/([^/]+)\/children$/.exec(path);
    if (req.method === 'GET' && children) {
      const parent = decodeURIComponent(children[1]!);
      const all = query['fetch_child'] === 'true';
      const under = (d: EmuDepartment): boolean => {
        if (d.parent_department_id === parent) return true;
        if (!all) return false;
        const p = emu.departments.find((x) => x.open_department_id === d.parent_department_id);
        return p ? under(p) : false;
      };
      const items = emu.departments.filter(under).map((d) => ({
        name: d.name,
        i18n_name: { zh_cn: d.name, en_us: d.name, ja_jp: '' },
        parent_department_id: d.parent_department_id,
        department_id: d.open_department_id.replace('od-', 'D'),
        open_department_id: d.open_department_id,
        ...(d.leader_user_id ? { leader_user_id: d.leader_user_id } : {}),
        chat_id: '',
        order: '0',
        unit_ids: [],
        status: { is_deleted: false },
      }));
      return send(res, 200, ok(paged(items, query, emu.maxPageSize)));
    }

    const shape = (x: EmuUser) => ({
      union_id: `on_${x.open_id}`,
      user_id: x.open_id.replace('ou_', ''),
      open_id: x.open_id,
      name: x.name,
      en_name: x.name,
      ...(x.email ? { email: x.email, enterprise_email: x.email } : {}),
      department_ids: x.department_ids,
      ...(x.leader_user_id ? { leader_user_id: x.leader_user_id } : {}),
      ...(x.time_zone ? { time_zone: x.time_zone } : {}),
      status: {
        is_frozen: false,
        is_resigned: false,
        is_activated: true,
        is_exited: false,
        is_unjoin: false,
        ...x.status,
      },
    });

    if (req.method === 'GET' && path === '/open-apis/contact/v3/users/find_by_department') {
      const dept = query['department_id'] ?? '';
      const items = emu.users.filter((x) => x.department_ids.includes(dept) && !x.status?.is_resigned).map(shape);
      return send(res, 200, ok(paged(items, query, emu.maxPageSize)));
    }

    if (req.method === 'POST' && path === '/open-apis/contact/v3/users/batch_get_id') {
      // Scope contact:user.id:readonly; ≤ 50 emails; one user_list entry per e-mail asked, with user_id only
      // when found (a resigned user only with include_resigned). The id is the user_id_type asked for.
      const scope = 'contact:user.id:readonly';
      if (emu.revokedScopes.has(scope)) {
        return send(res, 400, {
          code: 99991672,
          msg: `Access denied. One of the following scopes is required: [${scope}].应用未开通所需的权限：[${scope}]`,
          error: {
            log_id: id('log'),
            permission_violations: [{ type: 'action_scope_required', subject: scope }],
            helps: [
              {
                url: `https://open.feishu.cn/app/${emu.appId}/auth?q=${scope}&op_from=openapi`,
                description: `Learn more about scopes and how to add them: [${scope}]`,
              },
            ],
          },
        });
      }
      const b = rec(body);
      const emails = Array.isArray(b['emails']) ? b['emails'].filter((e): e is string => typeof e === 'string') : [];
      if (emails.length > 50)
        return send(res, 400, {
          code: 99992402,
          msg: 'field validation failed',
          error: { field_violations: [{ field: 'emails', description: 'the max len is 50' }] },
        });
      const idType = query['user_id_type'] ?? 'open_id';
      const idOf = (x: EmuUser) =>
        idType === 'union_id' ? `on_${x.open_id}` : idType === 'user_id' ? x.open_id.replace('ou_', '') : x.open_id;
      const user_list = emails.map((email) => {
        const x = emu.users.find(
          (u) =>
            u.email?.toLowerCase() === email.toLowerCase() &&
            (b['include_resigned'] === true || !u.status?.is_resigned),
        );
        if (!x) return { email };
        return {
          user_id: idOf(x),
          email,
          status: {
            is_frozen: false,
            is_resigned: false,
            is_activated: true,
            is_exited: false,
            is_unjoin: false,
            ...x.status,
          },
        };
      });
      return send(res, 200, ok({ user_list }));
    }

    const attendance = feishuAttendanceRoute(req.method ?? 'GET', u, body, emu.users, emu.userTasks);
    if (attendance) return send(res, attendance.status, attendance.body);

    const oneUser = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && oneUser) {
      const user = emu.users.find((x) => x.open_id === decodeURIComponent(oneUser[1]!));
      if (!user) return send(res, 400, { code: 41050, msg: 'no user authority error' });
      return send(res, 200, ok({ user: shape(user) }));
    }

    return send(res, 404, { code: 404, msg: `emulator: no route ${req.method} ${path}` });
  };

  const server: Server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => send(res, 500, { code: 500, msg: String(e) }));
  });
  let url = '';
  const wsParts = attachWsGateway(server, emu, () => url);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(emu, {
    url,
    ws: wsParts.gateway,
    close: async () => {
      await wsParts.gateway.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  });
}
