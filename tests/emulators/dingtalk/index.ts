// A local DingTalk on 127.0.0.1 (random port): the Stream gateway + WebSocket (stream-server.ts) and the
// OpenAPI/oapi fake (open-api.ts) behind one base URL, recording every API call.
//   const emu = await startDingTalkEmulator({ clientId: 'dingapp', clientSecret: 's' });
//   env: DINGTALK_API_URL = DINGTALK_OAPI_URL = emu.url, DINGTALK_GATEWAY_URL = emu.gatewayUrl
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApi } from './open-api.js';
import { StreamServer } from './stream-server.js';
import { TOPIC_CARD, TOPIC_ROBOT } from '../../../adapters/dingtalk/normalize.js';

export interface EmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** Unacked CALLBACK frames are pushed again after this long (default 300 ms). */
  redeliverAfterMs?: number;
  /** Deliveries per frame before the emulator gives up (default 3). */
  maxDeliveries?: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export interface DingTalkEmulator {
  url: string;
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  api: OpenApi;
  stream: StreamServer;
  calls: RecordedCall[];
  callsTo(path: string): RecordedCall[];
  pushRobotMessage(data: Record<string, unknown>): string;
  /** A sessionWebhook URL served by this emulator (robot messages carry one per conversation). */
  sessionWebhook(session: string): string;
  pushCardCallback(data: Record<string, unknown>): string;
  /** The next request to `path` is recorded only once the returned function is called (a slow DingTalk, held
   *  for as long as a test needs). */
  holdNext(path: string): () => void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startDingTalkEmulator(opts: EmulatorOptions = {}): Promise<DingTalkEmulator> {
  const clientId = opts.clientId ?? 'dingemulatorapp';
  const clientSecret = opts.clientSecret ?? 'emulator-secret';
  const api = new OpenApi(clientId, clientSecret);
  const stream = new StreamServer(clientId, opts.redeliverAfterMs ?? 300, opts.maxDeliveries ?? 3);
  const calls: RecordedCall[] = [];
  const holds = new Map<string, Promise<void>[]>();
  let base = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readJson(req);
      const hold = holds.get(url.pathname)?.shift();
      if (hold) await hold;
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        calls.push({ method: req.method ?? '', path: url.pathname, body, status });
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (body === undefined || typeof body !== 'object' || body === null)
        return send(400, { code: 'InvalidParameter', message: 'body is not JSON' });
      const b = body as Record<string, unknown>;
      if (url.pathname === '/v1.0/gateway/connections/open' && req.method === 'POST') {
        if (b.clientId !== clientId || b.clientSecret !== clientSecret)
          return send(401, { requestid: 'emu', code: 'authFailed', message: '鉴权失败' });
        const a = stream.openConnection(b, base.replace(/^http/, 'ws'));
        return send(a.status, a.body);
      }
      if (url.pathname === '/v1.0/oauth2/accessToken' && req.method === 'POST') {
        const a = api.accessToken(b);
        return send(a.status, a.body);
      }
      if (url.pathname.startsWith('/v1.0/')) {
        const token = req.headers['x-acs-dingtalk-access-token'];
        const a = api.v1(req.method ?? '', url.pathname, typeof token === 'string' ? token : undefined, b);
        return send(a.status, a.body, a.headers);
      }
      if (url.pathname === '/robot/sendBySession' && req.method === 'POST') {
        const a = api.sessionReply(url.searchParams.get('session') ?? '', b);
        return send(a.status, a.body);
      }
      if ((url.pathname.startsWith('/topapi/') || url.pathname === '/attendance/list') && req.method === 'POST') {
        const a = api.oapi(url.pathname, url.searchParams.get('access_token') ?? undefined, b);
        return send(a.status, a.body, a.headers);
      }
      return send(404, { code: 'NotFound', message: url.pathname });
    })();
  });
  server.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    gatewayUrl: `${base}/v1.0/gateway/connections/open`,
    clientId,
    clientSecret,
    api,
    stream,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    pushRobotMessage: (data) => stream.push(TOPIC_ROBOT, JSON.stringify(data)),
    sessionWebhook: (session) => `${base}/robot/sendBySession?session=${encodeURIComponent(session)}`,
    pushCardCallback: (data) => stream.push(TOPIC_CARD, JSON.stringify(data)),
    holdNext: (path) => {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      holds.set(path, [...(holds.get(path) ?? []), held]);
      return release;
    },
    close: async () => {
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A robot message as DingTalk sends it (1:1 unless conversationType '2'). */
export function robotMessage(p: {
  userId: string;
  nick?: string;
  text: string;
  msgId?: string;
  group?: string;
  robotCode: string;
  sessionWebhook?: string;
}): Record<string, unknown> {
  const now = Date.now();
  return {
    conversationId: p.group ?? `cid-1to1-${p.userId}`,
    conversationType: p.group ? '2' : '1',
    ...(p.group ? { conversationTitle: 'Team', isInAtList: true } : {}),
    chatbotCorpId: 'dingcorp',
    chatbotUserId: '$:LWCP_v1:$bot',
    msgId: p.msgId ?? `msg${now}${Math.random().toString(36).slice(2, 8)}`,
    senderNick: p.nick ?? p.userId,
    isAdmin: false,
    senderStaffId: p.userId,
    sessionWebhookExpiredTime: now + 90 * 60_000,
    createAt: now,
    senderCorpId: 'dingcorp',
    senderId: `$:LWCP_v1:$${p.userId}`,
    // Default: a URL nobody serves (the adapter must not need it); pass emu.sessionWebhook(…) to use it.
    sessionWebhook: p.sessionWebhook ?? 'http://127.0.0.1:9/robot/sendBySession?session=x',
    robotCode: p.robotCode,
    msgtype: 'text',
    text: { content: p.text },
  };
}

/** A card callback as DingTalk sends it: content/value = {"cardPrivateData":{actionIds, params}}. */
export function cardCallback(p: {
  userId: string;
  outTrackId: string;
  params: Record<string, unknown>;
  group?: string;
}): Record<string, unknown> {
  const content = JSON.stringify({ cardPrivateData: { actionIds: ['action'], params: p.params } });
  return {
    extension: '{}',
    corpId: 'dingcorp',
    spaceType: p.group ? 'IM_GROUP' : 'IM_ROBOT',
    spaceId: p.group ?? p.userId,
    userIdType: 1,
    type: 'actionCallback',
    userId: p.userId,
    content,
    value: content,
    outTrackId: p.outTrackId,
  };
}
