// The fake DingTalk server APIs, with DingTalk's answer shapes:
// - api.dingtalk.com/v1.0: token in x-acs-dingtalk-access-token; success = HTTP 200 + body; errors = HTTP
//   4xx/5xx + {requestid, code, message}. A bad or expired token is HTTP 400
//   {"code":"InvalidAuthentication","requestid":…,"message":"不合法的access_token"} (as reported in
//   satorijs/satori#240 and apache/ozhera#74).
// - oapi.dingtalk.com/topapi: token in ?access_token=; always HTTP 200 with {errcode, errmsg, result,
//   request_id}; errcode 40014 "不合法的access_token", 60003 dept not found, 60121 user not found,
//   40078 unknown auth code.
import { randomUUID } from 'node:crypto';
import { EmulatedRateLimits, type EmuRate } from '../rate-limits.js';
import { attendanceList, type EmuPunch } from './attendance.js';

export interface EmuDept {
  dept_id: number;
  name: string;
  parent_id?: number;
  managers?: string[];
}
export interface EmuUser {
  userid: string;
  name: string;
  email?: string;
  org_email?: string;
  dept_id_list: number[];
  manager_userid?: string;
  /** Approved leave (考勤 假勤审批), epoch ms, as attendance/getleavestatus reports it. */
  leaves?: { start: number; end: number }[];
}
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
export type Throttle = 'http429' | 'qps' | 'errcode90018' | 'errcode90002';
export interface Card {
  outTrackId: string;
  cardTemplateId: string;
  openSpaceId: string;
  cardParamMap: Record<string, string>;
  updates: number;
  callbackType?: string;
}

const rid = () => randomUUID().replace(/-/g, '').slice(0, 16);

// DingTalk's documented limits on what a message may hold (adapters/dingtalk/limits.ts cites each), checked
// here on their own — not with the adapter's checker — so a test fails where DingTalk would refuse:
// - robot msgKey/msgParam ("机器人发送消息的类型"): the required params of each type, button titles ≤ 20
//   characters, titles ≤ 64, links ≤ 500, and the message ≤ 20,000 bytes;
// - our card template (README "The card template contract"): its `actions` loop shows 12 buttons. DingTalk
//   itself would take a 13th and not show it; the emulator refuses it, so a lost button fails a test.
// DingTalk documents no answer for an over-size enterprise robot message; the emulator answers as DingTalk's
// v1.0 answers other bad parameters (HTTP 400 {code: "invalidParameter"}) with the group webhook robot's
// documented words for the size (errcode 460101 "message too long, exceed 20000 bytes").
const MAX_MESSAGE_BYTES = 20_000;
const MAX_ACTION_TITLE = 20;
const MAX_CARD_TITLE = 64;
const MAX_URL = 500;
const MAX_TEMPLATE_BUTTONS = 12;
const chars = (s: string) => [...s].length;
const ROBOT_PARAMS: Record<string, string[]> = {
  sampleText: ['content'],
  sampleMarkdown: ['title', 'text'],
  sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
  sampleActionCard6: ['title', 'text', 'buttonTitle1', 'buttonUrl1', 'buttonTitle2', 'buttonUrl2'],
  ...Object.fromEntries(
    [2, 3, 4, 5].map((n) => [
      `sampleActionCard${n}`,
      ['title', 'text', ...Array.from({ length: n }, (_, i) => [`actionTitle${i + 1}`, `actionURL${i + 1}`]).flat()],
    ]),
  ),
};

/** Why DingTalk would refuse this robot message, or undefined. */
export function robotRefusal(msgKey: string, msgParam: Record<string, unknown>, raw: string): string | undefined {
  const required = ROBOT_PARAMS[msgKey];
  if (!required) return `msgKey ${msgKey} 不存在`;
  const missing = required.find((k) => typeof msgParam[k] !== 'string' || msgParam[k] === '');
  if (missing) return `参数 ${missing} 缺失`;
  if (Buffer.byteLength(raw, 'utf8') > MAX_MESSAGE_BYTES) return 'message too long, exceed 20000 bytes';
  for (const [k, v] of Object.entries(msgParam)) {
    if (typeof v !== 'string') continue;
    if (/^(singleTitle|actionTitle\d|buttonTitle\d)$/.test(k) && chars(v) > MAX_ACTION_TITLE)
      return `${k} 最长${MAX_ACTION_TITLE}个字符`;
    if (k === 'title' && chars(v) > MAX_CARD_TITLE) return `title 最长${MAX_CARD_TITLE}个字符`;
    if (/^(singleURL|actionURL\d|buttonUrl\d)$/.test(k) && chars(v) > MAX_URL) return `${k} 最长${MAX_URL}个字符`;
  }
  return undefined;
}

/** Why this template card would be refused or lose something, or undefined. */
export function cardRefusal(map: Record<string, string>): string | undefined {
  if (Buffer.byteLength(JSON.stringify(map), 'utf8') > MAX_MESSAGE_BYTES)
    return 'cardData too long, exceed 20000 bytes';
  let actions: unknown;
  try {
    actions = JSON.parse(map.actions ?? '[]');
  } catch {
    return 'actions 不是 JSON';
  }
  if (!Array.isArray(actions)) return 'actions 不是数组';
  if (actions.length > MAX_TEMPLATE_BUTTONS)
    return `actions: ${actions.length} 个按钮，模板只显示 ${MAX_TEMPLATE_BUTTONS} 个`;
  return undefined;
}
const v1Error = (status: number, code: string, message: string): Answer => ({
  status,
  body: { requestid: rid(), code, message },
});
const oapiOk = (result: unknown): Answer => ({
  status: 200,
  body: { errcode: 0, errmsg: 'ok', result, request_id: rid() },
});
const oapiErr = (errcode: number, errmsg: string): Answer => ({
  status: 200,
  body: { errcode, errmsg, request_id: rid() },
});

export class OpenApi {
  tokenExpiresIn = 7200;
  tokensIssued = 0;
  /** Users' page size in user/list answers (DingTalk's max is 100; small here to exercise paging). */
  userPageSize = 2;
  depts: EmuDept[] = [{ dept_id: 1, name: 'Company' }];
  users: EmuUser[] = [];
  /** Punch results attendance/list reports (attendance.ts). */
  punches: EmuPunch[] = [];
  /** oapi paths the app has no permission for: answered errcode 88 / sub_code 60011, as DingTalk does. */
  readonly deniedApis = new Set<string>();
  /** Without the 邮箱等个人信息 field permission user/list and user/get leave email and org_email out. */
  emailFieldPermission = true;
  readonly authCodes = new Map<string, string>();
  readonly cards = new Map<string, Card>();
  readonly robotMessages: {
    kind: 'user' | 'group' | 'session';
    to: string[];
    msgKey: string;
    msgParam: Record<string, unknown>;
  }[] = [];
  /** Sessions whose sessionWebhook has expired. */
  readonly expiredSessions = new Set<string>();
  private readonly tokens = new Map<string, number>(); // token → expiry (ms)
  private readonly throttles: { path: string; kind: Throttle; left: number }[] = [];

  constructor(
    private readonly appKey: string,
    private readonly appSecret: string,
  ) {}

  /** Every token issued so far stops working (the next call gets DingTalk's "invalid token" answer). */
  expireAllTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }

  private limits: EmulatedRateLimits | undefined;

  /** Switch on DingTalk's "调用频率限制": each v1.0 server API at most 20 calls per second per app
   *  (standard edition), answered 403 Forbidden.AccessDenied.QpsLimitForApi. A refused call does nothing. */
  enforceRateLimits(rules: { perApi: EmuRate }): EmulatedRateLimits {
    return (this.limits = new EmulatedRateLimits(rules));
  }

  throttleNext(path: string, kind: Throttle, count = 1): void {
    this.throttles.push({ path, kind, left: count });
  }

  private throttled(path: string, api: 'v1' | 'oapi'): Answer | undefined {
    const t = this.throttles.find((x) => x.path === path && x.left > 0);
    if (!t) return undefined;
    t.left--;
    if (t.kind === 'http429')
      return {
        status: 429,
        body: { code: 'Throttling', message: 'Too many requests' },
        headers: { 'retry-after': '2' },
      };
    if (t.kind === 'qps') return v1Error(403, 'Forbidden.AccessDenied.QpsLimitForApi', '调用接口超过QPS限制');
    if (api === 'oapi' || t.kind === 'errcode90018' || t.kind === 'errcode90002') {
      return oapiErr(t.kind === 'errcode90002' ? 90002 : 90018, '接口调用超过限流');
    }
    return undefined;
  }

  private validToken(token: string | undefined): boolean {
    const exp = token ? this.tokens.get(token) : undefined;
    return exp !== undefined && Date.now() < exp;
  }

  accessToken(body: { appKey?: unknown; appSecret?: unknown }): Answer {
    if (body.appKey !== this.appKey || body.appSecret !== this.appSecret)
      return v1Error(400, 'invalidClientSecret', '无效的应用凭证');
    const token = `at-${randomUUID()}`;
    this.tokens.set(token, Date.now() + this.tokenExpiresIn * 1000);
    this.tokensIssued++;
    return { status: 200, body: { accessToken: token, expireIn: this.tokenExpiresIn } };
  }

  v1(method: string, path: string, token: string | undefined, body: Record<string, unknown>): Answer {
    if (!this.validToken(token)) return v1Error(400, 'InvalidAuthentication', '不合法的access_token');
    const limited = this.throttled(path, 'v1');
    if (limited) return limited;
    if (this.limits && !this.limits.admit({ perApi: path }).ok)
      return v1Error(403, 'Forbidden.AccessDenied.QpsLimitForApi', '调用接口超过QPS限制');
    const route = `${method} ${path}`;
    if (route === 'POST /v1.0/robot/oToMessages/batchSend') return this.batchSend(body);
    if (route === 'POST /v1.0/robot/groupMessages/send') return this.groupSend(body);
    if (route === 'POST /v1.0/card/instances/createAndDeliver') return this.createAndDeliver(body);
    if (route === 'PUT /v1.0/card/instances') return this.updateCard(body);
    return v1Error(404, 'NotFound', `no API ${route}`);
  }

  private parseParam(body: Record<string, unknown>): Record<string, unknown> | undefined {
    if (body.robotCode !== this.appKey || typeof body.msgKey !== 'string' || typeof body.msgParam !== 'string')
      return undefined;
    try {
      return JSON.parse(body.msgParam) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private batchSend(body: Record<string, unknown>): Answer {
    const msgParam = this.parseParam(body);
    const userIds = body.userIds;
    if (!msgParam || !Array.isArray(userIds) || userIds.length === 0)
      return v1Error(400, 'invalidParameter', '参数错误');
    if (userIds.length > 20) return v1Error(400, 'invalidParameter.userIds.length', 'userIds 最多 20 个');
    const refused = robotRefusal(body.msgKey as string, msgParam, body.msgParam as string);
    if (refused) return this.refuse(refused);
    const known = new Set(this.users.map((u) => u.userid));
    const invalid = (userIds as string[]).filter((id) => this.users.length > 0 && !known.has(id));
    this.robotMessages.push({ kind: 'user', to: userIds as string[], msgKey: body.msgKey as string, msgParam });
    return {
      status: 200,
      body: { processQueryKey: `pqk-${rid()}`, invalidStaffIdList: invalid, flowControlledStaffIdList: [] },
    };
  }

  private groupSend(body: Record<string, unknown>): Answer {
    const msgParam = this.parseParam(body);
    if (!msgParam || typeof body.openConversationId !== 'string') return v1Error(400, 'invalidParameter', '参数错误');
    const refused = robotRefusal(body.msgKey as string, msgParam, body.msgParam as string);
    if (refused) return this.refuse(refused);
    this.robotMessages.push({ kind: 'group', to: [body.openConversationId], msgKey: body.msgKey as string, msgParam });
    return { status: 200, body: { processQueryKey: `pqk-${rid()}` } };
  }

  /** Every refusal, for a test to assert there was none. */
  readonly refusals: string[] = [];
  private refuse(why: string): Answer {
    this.refusals.push(why);
    return v1Error(400, 'invalidParameter', why);
  }

  private static paramMap(body: Record<string, unknown>): Record<string, string> | undefined {
    const cardData = body.cardData as { cardParamMap?: unknown } | undefined;
    const map = cardData?.cardParamMap;
    if (!map || typeof map !== 'object') return undefined;
    // Card data values are strings; complex values must be JSON strings.
    if (Object.values(map).some((v) => typeof v !== 'string')) return undefined;
    return map as Record<string, string>;
  }

  private createAndDeliver(body: Record<string, unknown>): Answer {
    const map = OpenApi.paramMap(body);
    const { outTrackId, cardTemplateId, openSpaceId } = body as Record<string, unknown>;
    if (
      !map ||
      typeof outTrackId !== 'string' ||
      typeof cardTemplateId !== 'string' ||
      typeof openSpaceId !== 'string'
    ) {
      return v1Error(400, 'invalidParameter', '参数错误');
    }
    const m = /^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.(.+)$/.exec(openSpaceId);
    if (!m) return v1Error(400, 'invalidParameter.openSpaceId', 'openSpaceId 格式错误');
    const deliverModel = m[1] === 'IM_ROBOT' ? body.imRobotOpenDeliverModel : body.imGroupOpenDeliverModel;
    if (!deliverModel) return v1Error(400, 'invalidParameter.deliverModel', '缺少投放参数');
    const refused = cardRefusal(map);
    if (refused) return this.refuse(refused);
    this.cards.set(outTrackId, {
      outTrackId,
      cardTemplateId,
      openSpaceId,
      cardParamMap: map,
      updates: 0,
      callbackType: body.callbackType as string | undefined,
    });
    return {
      status: 200,
      body: {
        success: true,
        result: {
          outTrackId,
          deliverResults: [{ spaceType: m[1], spaceId: m[2], success: true, carrierId: `carrier-${rid()}` }],
        },
      },
    };
  }

  private updateCard(body: Record<string, unknown>): Answer {
    const map = OpenApi.paramMap(body);
    const card = typeof body.outTrackId === 'string' ? this.cards.get(body.outTrackId) : undefined;
    if (!map) return v1Error(400, 'invalidParameter', '参数错误');
    if (!card) return v1Error(400, 'param.cardInstanceNotExist', '卡片实例不存在');
    const refused = cardRefusal(map);
    if (refused) return this.refuse(refused);
    card.cardParamMap = map;
    card.updates++;
    return { status: 200, body: { success: true, result: true } };
  }

  /** POST {sessionWebhook}: {msgtype:'text', text:{content}} or {msgtype:'markdown', markdown:{title,text}}. */
  sessionReply(session: string, body: Record<string, unknown>): Answer {
    if (!session || this.expiredSessions.has(session)) return oapiErr(300001, 'session 不存在或已过期');
    const msgtype = body.msgtype;
    const content = typeof msgtype === 'string' ? body[msgtype] : undefined;
    if (!content || typeof content !== 'object') return oapiErr(40035, '缺少参数 msgtype');
    this.robotMessages.push({
      kind: 'session',
      to: [session],
      msgKey: msgtype as string,
      msgParam: content as Record<string, unknown>,
    });
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }

  oapi(path: string, token: string | undefined, body: Record<string, unknown>): Answer {
    if (!this.validToken(token)) return oapiErr(40014, '不合法的access_token');
    const limited = this.throttled(path, 'oapi');
    if (limited) return limited;
    if (this.deniedApis.has(path)) {
      return {
        status: 200,
        body: {
          errcode: 88,
          sub_code: '60011',
          sub_msg: '没有调用该接口的权限',
          errmsg: 'ding talk error[subcode=60011,submsg=没有调用该接口的权限]',
          request_id: rid(),
        },
      };
    }
    const mail = (u: EmuUser) => (this.emailFieldPermission ? { email: u.email, org_email: u.org_email } : {});
    const dept = (id: unknown) => this.depts.find((d) => d.dept_id === id);
    const user = (id: unknown) => this.users.find((u) => u.userid === id);
    switch (path) {
      case '/topapi/v2/department/listsub': {
        if (!dept(body.dept_id)) return oapiErr(60003, '部门不存在');
        return oapiOk(
          this.depts
            .filter((d) => d.parent_id === body.dept_id)
            .map((d) => ({
              dept_id: d.dept_id,
              name: d.name,
              parent_id: d.parent_id,
              auto_add_user: true,
              create_dept_group: false,
            })),
        );
      }
      case '/topapi/v2/department/get': {
        const d = dept(body.dept_id);
        if (!d) return oapiErr(60003, '部门不存在');
        return oapiOk({
          dept_id: d.dept_id,
          name: d.name,
          parent_id: d.parent_id,
          dept_manager_userid_list: d.managers ?? [],
          order: 0,
          group_contain_sub_dept: false,
        });
      }
      case '/topapi/v2/user/list': {
        if (!dept(body.dept_id)) return oapiErr(60003, '部门不存在');
        const size = Math.min(Number(body.size) || 100, 100, this.userPageSize);
        const cursor = Number(body.cursor) || 0;
        const members = this.users.filter((u) => u.dept_id_list.includes(body.dept_id as number));
        const page = members.slice(cursor, cursor + size);
        const more = cursor + size < members.length;
        return oapiOk({
          has_more: more,
          ...(more ? { next_cursor: cursor + size } : {}),
          list: page.map((u) => ({
            userid: u.userid,
            unionid: `u-${u.userid}`,
            name: u.name,
            ...mail(u),
            dept_id_list: u.dept_id_list,
            active: true,
            admin: false,
            boss: false,
            leader: this.depts.some((d) => d.dept_id === body.dept_id && d.managers?.includes(u.userid)),
          })),
        });
      }
      case '/topapi/v2/user/get': {
        const u = user(body.userid);
        if (!u) return oapiErr(60121, '找不到该用户');
        return oapiOk({
          userid: u.userid,
          unionid: `u-${u.userid}`,
          name: u.name,
          ...mail(u),
          dept_id_list: u.dept_id_list,
          manager_userid: u.manager_userid,
          active: true,
          admin: false,
          boss: false,
          leader_in_dept: u.dept_id_list.map((id) => ({
            dept_id: id,
            leader: Boolean(dept(id)?.managers?.includes(u.userid)),
          })),
        });
      }
      case '/topapi/v2/user/getuserinfo': {
        const userid = typeof body.code === 'string' ? this.authCodes.get(body.code) : undefined;
        const u = user(userid);
        if (!userid || !u) return oapiErr(40078, '不存在的临时授权码');
        this.authCodes.delete(body.code as string); // codes are single-use
        return oapiOk({
          userid,
          name: u.name,
          device_id: 'dev-1',
          sys: false,
          sys_level: 0,
          associated_unionid: '',
          unionid: `u-${userid}`,
        });
      }
      case '/topapi/attendance/getleavestatus': {
        // userid_list: comma-separated, ≤ 100; a window of ≤ 180 days; offset + size (≤ 20) page the result.
        const ids = typeof body.userid_list === 'string' ? body.userid_list.split(',').filter(Boolean) : [];
        const start = Number(body.start_time);
        const end = Number(body.end_time);
        const size = Number(body.size);
        const offset = Number(body.offset) || 0;
        if (ids.length === 0 || ids.length > 100) return oapiErr(400002, 'userid_list 不合法');
        if (!(start < end) || end - start > 180 * 86_400_000) return oapiErr(400002, '查询时间范围不合法');
        if (!(size >= 1 && size <= 20)) return oapiErr(400002, 'size 不合法');
        const all = ids.flatMap((id) =>
          (user(id)?.leaves ?? [])
            .filter((l) => l.start < end && l.end > start)
            .map((l) => ({
              userid: id,
              start_time: l.start,
              end_time: l.end,
              duration_unit: 'percent_day',
              duration_percent: Math.round(((l.end - l.start) / 86_400_000) * 100),
              leave_code: 'd4edf257-e581-45f9-b9b9-35755b598952',
            })),
        );
        return oapiOk({ leave_status: all.slice(offset, offset + size), has_more: offset + size < all.length });
      }
      case '/attendance/list':
        return { status: 200, body: { ...attendanceList(body, this.punches), request_id: rid() } };
      default:
        return oapiErr(22, `不合法ApiName ${path}`);
    }
  }
}
