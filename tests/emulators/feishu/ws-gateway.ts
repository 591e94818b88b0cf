// Long-connection emulation: the endpoint the SDK's WSClient asks for (POST /callback/ws/endpoint with
// {AppID, AppSecret} -> {code, data: {URL, ClientConfig}}) and a WebSocket server that pushes event frames
// and collects the client's answers (a data frame echoing the message_id, payload {code, data: base64}).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type Frame, header } from './ws-frames.js';

export interface WsGateway {
  connections(): number;
  /** Push one event as a data frame; resolves with the client's answer ({code, data?}). */
  push(event: Record<string, unknown>): Promise<{ code: number; data?: unknown }>;
  close(): Promise<void>;
}

export function attachWsGateway(server: Server, app: { appId: string; appSecret: string }, url: () => string) {
  const wss = new WebSocketServer({ server, path: '/ws' });
  const sockets = new Set<WebSocket>();
  const waiting = new Map<string, (f: Frame) => void>();

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw: Buffer) => {
      const f = decodeFrame(new Uint8Array(raw));
      const type = header(f, 'type');
      if (f.method === 0 && type === 'ping') {
        const pong = JSON.stringify({
          PingInterval: 120,
          ReconnectCount: -1,
          ReconnectInterval: 120,
          ReconnectNonce: 30,
        });
        ws.send(
          encodeFrame({ ...f, headers: [{ key: 'type', value: 'pong' }], payload: new TextEncoder().encode(pong) }),
        );
        return;
      }
      const id = header(f, 'message_id');
      if (f.method === 1 && id) waiting.get(id)?.(f);
    });
  });

  /** Handles POST /callback/ws/endpoint; returns false for other requests. */
  function endpoint(req: IncomingMessage, res: ServerResponse, body: unknown): boolean {
    if (req.method !== 'POST' || req.url !== '/callback/ws/endpoint') return false;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    res.writeHead(200, { 'content-type': 'application/json' });
    if (b['AppID'] !== app.appId || b['AppSecret'] !== app.appSecret) {
      res.end(JSON.stringify({ code: 1000040343, msg: 'app secret invalid' }));
    } else {
      res.end(
        JSON.stringify({
          code: 0,
          msg: 'ok',
          data: {
            URL: `${url().replace(/^http/, 'ws')}/ws?device_id=emu-device&service_id=1`,
            ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 },
          },
        }),
      );
    }
    return true;
  }

  const gateway: WsGateway = {
    connections: () => sockets.size,
    push(event) {
      const [ws] = sockets;
      if (!ws) return Promise.reject(new Error('no long connection'));
      const id = randomBytes(8).toString('hex');
      const frame: Frame = {
        SeqID: 0,
        LogID: 0,
        service: 1,
        method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: id },
          { key: 'sum', value: '1' },
          { key: 'seq', value: '0' },
          { key: 'trace_id', value: randomBytes(8).toString('hex') },
        ],
        payload: new TextEncoder().encode(JSON.stringify(event)),
      };
      return new Promise((resolve) => {
        waiting.set(id, (answer) => {
          waiting.delete(id);
          const p = JSON.parse(new TextDecoder().decode(answer.payload ?? new Uint8Array())) as {
            code: number;
            data?: string;
          };
          resolve({
            code: p.code,
            ...(p.data ? { data: JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as unknown } : {}),
          });
        });
        ws.send(encodeFrame(frame));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
  return { gateway, endpoint };
}
