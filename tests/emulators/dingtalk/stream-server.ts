// The Stream Mode side of the DingTalk emulator: the gateway's connections/open answer and a WebSocket
// server that pushes frames in DingTalk's shape
//   {specVersion:'1.0', type:'CALLBACK', headers:{appId, connectionId, contentType, messageId, time, topic}, data:'<json>'}
// and expects each CALLBACK to be answered with an ACK frame
//   {code:200, headers:{contentType:'application/json', messageId}, message:'OK', data:'<json>'}.
// An unacknowledged frame is pushed again after `redeliverAfterMs` (DingTalk does it within ~60 s).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Frame {
  specVersion: string;
  type: 'SYSTEM' | 'EVENT' | 'CALLBACK';
  headers: Record<string, string>;
  data: string;
}
/** `onLeaving`: the ACK came on a socket told to `disconnect` (the one its frame was pushed on, if so). */
export interface Ack {
  messageId: string;
  code: number;
  message: string;
  data: unknown;
  onLeaving?: boolean;
}

interface Pending {
  frame: Frame;
  deliveries: number;
  acked: boolean;
  timer?: NodeJS.Timeout;
}

export class StreamServer {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sockets = new Set<WebSocket>();
  readonly acks: Ack[] = [];
  /** Answers that were not well-formed ACK frames. */
  readonly badAnswers: string[] = [];
  readonly subscriptions: { type: string; topic: string }[][] = [];
  /** How many sockets were accepted so far (reconnects count). */
  connectionsOpened = 0;
  gatewayDown = false;
  private readonly tickets = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  /** Sockets told to `disconnect`: nothing new is pushed to them, and they are closed after a grace period. */
  private readonly leaving = new Set<WebSocket>();
  private readonly leaveTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly appId: string,
    public redeliverAfterMs: number,
    public maxDeliveries: number,
  ) {}

  /** POST /v1.0/gateway/connections/open */
  openConnection(body: unknown, wsBase: string): { status: number; body: unknown } {
    if (this.gatewayDown) return { status: 503, body: { code: 'ServiceUnavailable', message: 'gateway down' } };
    const b = body as { clientId?: unknown; clientSecret?: unknown; subscriptions?: unknown };
    if (!Array.isArray(b?.subscriptions))
      return { status: 400, body: { code: 'InvalidParameter', message: 'subscriptions required' } };
    this.subscriptions.push(b.subscriptions as { type: string; topic: string }[]);
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { status: 200, body: { endpoint: `${wsBase}/connect`, ticket } };
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      this.connectionsOpened++;
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (raw) => this.onAnswer(String(raw), ws));
      // Frames pushed while no client was connected go out now.
      for (const p of this.pending.values()) if (!p.acked) this.deliver(p);
    });
  }

  private onAnswer(raw: string, ws: WebSocket): void {
    let msg: {
      code?: unknown;
      headers?: { messageId?: unknown; contentType?: unknown };
      message?: unknown;
      data?: unknown;
    };
    try {
      msg = JSON.parse(raw);
    } catch {
      this.badAnswers.push(raw);
      return;
    }
    const messageId = msg.headers?.messageId;
    if (
      msg.code !== 200 ||
      typeof messageId !== 'string' ||
      msg.headers?.contentType !== 'application/json' ||
      msg.message !== 'OK' ||
      typeof msg.data !== 'string'
    ) {
      this.badAnswers.push(raw);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(msg.data);
    } catch {
      data = msg.data;
    }
    this.acks.push({ messageId, code: 200, message: 'OK', data, ...(this.leaving.has(ws) ? { onLeaving: true } : {}) });
    const p = this.pending.get(messageId);
    if (p) {
      p.acked = true;
      clearTimeout(p.timer);
    }
  }

  private deliver(p: Pending): void {
    const open = [...this.sockets].find((s) => s.readyState === s.OPEN && !this.leaving.has(s));
    if (!open) return; // delivered when a client connects
    p.deliveries++;
    open.send(JSON.stringify({ ...p.frame, headers: { ...p.frame.headers, time: String(Date.now()) } }));
    clearTimeout(p.timer);
    if (p.frame.type === 'CALLBACK' && p.deliveries < this.maxDeliveries) {
      p.timer = setTimeout(() => {
        if (!p.acked) this.deliver(p);
      }, this.redeliverAfterMs);
    }
  }

  /** Push a CALLBACK frame; returns its messageId. */
  push(topic: string, data: string, type: Frame['type'] = 'CALLBACK', messageId = `msg-${randomUUID()}`): string {
    const frame: Frame = {
      specVersion: '1.0',
      type,
      headers: {
        appId: this.appId,
        connectionId: 'conn-emulator',
        contentType: 'application/json',
        messageId,
        time: String(Date.now()),
        topic,
      },
      data,
    };
    const p: Pending = { frame, deliveries: 0, acked: false };
    this.pending.set(messageId, p);
    this.deliver(p);
    return messageId;
  }

  /** Push a CALLBACK frame on a socket told to `disconnect` (one DingTalk had in flight when it said so); no
   *  redelivery. `messageId` may repeat a frame pushed with push(), to deliver it on both connections. */
  pushOnLeaving(topic: string, data: string, messageId = `msg-${randomUUID()}`): string {
    const leaving = [...this.leaving].find((s) => s.readyState === s.OPEN);
    if (!leaving) throw new Error('no socket is leaving');
    const frame: Frame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        appId: this.appId,
        connectionId: 'conn-emulator-old',
        contentType: 'application/json',
        messageId,
        time: String(Date.now()),
        topic,
      },
      data,
    };
    if (!this.pending.has(messageId)) this.pending.set(messageId, { frame, deliveries: 0, acked: false });
    this.pending.get(messageId)!.deliveries++;
    leaving.send(JSON.stringify(frame));
    return messageId;
  }

  /** Sockets told to `disconnect` that are still open. */
  leavingOpen(): number {
    return [...this.leaving].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Send text that is not a frame at all (to check the client survives it). */
  pushRaw(text: string): void {
    for (const s of this.sockets) s.send(text);
  }

  /** Push a frame again even though it was acked — DingTalk does this when an ACK is lost on the way. */
  redeliver(messageId: string): void {
    const p = this.pending.get(messageId);
    if (!p) throw new Error(`no frame ${messageId}`);
    this.deliver(p);
  }

  deliveries(messageId: string): number {
    return this.pending.get(messageId)?.deliveries ?? 0;
  }

  isAcked(messageId: string): boolean {
    return this.pending.get(messageId)?.acked ?? false;
  }

  /** DingTalk's planned disconnect: a SYSTEM frame on topic `disconnect` to every open socket; from then on
   *  frames go only to newer connections (held until one opens), and these sockets are closed `closeAfterMs`
   *  later (DingTalk: about 10 s). */
  sendDisconnect(closeAfterMs = 10_000): void {
    for (const s of this.sockets) {
      if (this.leaving.has(s)) continue;
      this.leaving.add(s);
      s.send(
        JSON.stringify({
          specVersion: '1.0',
          type: 'SYSTEM',
          headers: {
            appId: this.appId,
            connectionId: 'conn-emulator',
            contentType: 'application/json',
            messageId: `sys-${randomUUID()}`,
            time: String(Date.now()),
            topic: 'disconnect',
          },
          data: JSON.stringify({ reason: 'server maintenance' }),
        }),
      );
      const timer = setTimeout(() => {
        this.leaveTimers.delete(timer);
        s.close();
      }, closeAfterMs);
      this.leaveTimers.add(timer);
    }
  }

  /** Cut every connection without a close handshake, like a network drop. */
  dropAll(): void {
    for (const s of this.sockets) s.terminate();
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const t of this.leaveTimers) clearTimeout(t);
    for (const s of this.sockets) s.terminate();
    this.wss.close();
  }
}
