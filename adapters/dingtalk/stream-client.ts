// dingtalk-stream's DWClient with the few changes this project needs, made by overriding methods rather
// than forking the package (checked against dingtalk-stream 2.1.5, see PLATFORM-NOTES):
// - getEndpoint() POSTs to a configurable gateway URL (the SDK hard-codes api.dingtalk.com) and sets the
//   private `dw_url` the unmodified connect() uses; reconnects call it again.
// - onDownStream() survives a frame that is not JSON (the SDK would throw inside the socket listener).
// - onCallback() ACKs a CALLBACK frame on a topic nobody listens to (the SDK would leave it unacked and
//   DingTalk would redeliver it for a minute).
// - connect() does nothing after stop() (the SDK's reconnect timers are not cleared by disconnect(), and
//   its _connect() resets the "user disconnected" flag) and runs one at a time.
// - the state of the connection (and the last gateway error, which connect() swallows) is kept for
//   health() / readyz.
// - a SYSTEM `disconnect` frame (DingTalk is about to close this connection, some 10 s later) opens the next
//   connection at once, with a new gateway ticket, instead of waiting for the close (the SDK only marks itself
//   disconnected, so frames pushed meanwhile arrived ~11 s late). The old socket is drained: frames still
//   arriving on it are handled and ACKed on it, and a frame that comes on both is handled once.
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type WebSocket from 'ws';
import { z } from 'zod';
import type { Logger } from 'pino';

/** A draining socket the server has not closed by then is closed by us. */
const DRAIN_MAX_MS = 30_000;
/** Message ids remembered during a handover, to handle a frame delivered on both sockets once. */
const SEEN_MAX = 1_000;
const frameHeadSchema = z
  .object({
    type: z.string(),
    headers: z.object({ messageId: z.string().optional(), topic: z.string().optional() }).loose(),
  })
  .loose();

const gatewaySchema = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) });

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  gatewayUrl: string;
  logger: Logger;
}

export class VitalityStreamClient extends DWClient {
  private stopped = false;
  private connecting = false;
  private lastError: string | undefined;
  private readonly gatewayUrl: string;
  private readonly log: Logger;
  private readonly topics = new Set<string>();
  /** Sockets told to `disconnect`, still delivering until the server closes them. */
  private readonly draining = new Set<WebSocket>();
  /** A frame's messageId → the socket it came on, while a handover is in progress (for the ACK and dedupe). */
  private readonly seen = new Map<string, WebSocket>();

  constructor(opts: StreamClientOptions) {
    // keepAlive: ping every 8 s and terminate a socket whose pongs stop, so a half-open connection
    // (NAT timeout, laptop sleep) is noticed and the SDK's auto-reconnect kicks in.
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret, keepAlive: true, ua: 'vitality' });
    this.gatewayUrl = opts.gatewayUrl;
    this.log = opts.logger;
    // The SDK copies its default config shallowly, so every DWClient in a process shares (and keeps
    // pushing into) one module-level subscriptions array that also subscribes to all EVENTs. Own it.
    this.config.subscriptions = [];
  }

  override registerCallbackListener(topic: string, callback: (v: DWClientDownStream) => void): this {
    this.topics.add(topic);
    return super.registerCallbackListener(topic, callback);
  }

  override async getEndpoint(): Promise<this> {
    const cfg = this.getConfig();
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          clientId: cfg.clientId,
          clientSecret: cfg.clientSecret,
          ua: cfg.ua,
          subscriptions: cfg.subscriptions,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      const body: unknown = await res.json().catch(() => undefined);
      const parsed = gatewaySchema.safeParse(body);
      if (!res.ok || !parsed.success) throw new Error(`gateway answered HTTP ${res.status}`);
      // `dw_url` is private in the SDK's typings but is what its connect() opens.
      Reflect.set(this, 'dw_url', `${parsed.data.endpoint}?ticket=${encodeURIComponent(parsed.data.ticket)}`);
      return this;
    } catch (err) {
      this.lastError = `gateway: ${err instanceof Error ? err.message : String(err)}`;
      this.log.warn({ err: this.lastError }, 'dingtalk stream: cannot open a connection, retrying');
      throw err;
    }
  }

  override async _connect(): Promise<void> {
    // stop() may land while the gateway call is in flight: do not open a socket after it.
    if (this.stopped) throw new Error('stopped');
    // Each successful open starts a new heartbeat interval in the SDK; clear the previous one so a
    // reconnected client does not run two timers against one socket.
    const previous: unknown = Reflect.get(this, 'heartbeatIntervallId');
    if (previous) clearInterval(previous as NodeJS.Timeout);
    try {
      await super._connect();
      this.lastError = undefined;
      this.log.info('dingtalk stream: connected');
    } catch (err) {
      this.lastError = `socket: ${err instanceof Error ? err.message : String(err)}`;
      throw err;
    }
  }

  override async connect(): Promise<void> {
    // The SDK schedules a reconnect both from a failed connect() and from the socket's 'close' event, so
    // one failure can start two connects; a second one would leave an orphan socket that still receives
    // frames but ACKs them on the other connection. One at a time.
    if (this.stopped || this.connecting || this.connected) return;
    this.connecting = true;
    try {
      await super.connect();
    } finally {
      this.connecting = false;
    }
  }

  stop(): void {
    this.stopped = true;
    const hb: unknown = Reflect.get(this, 'heartbeatIntervallId');
    if (hb) clearInterval(hb as NodeJS.Timeout);
    this.disconnect();
    for (const old of this.draining) old.close();
  }

  private current(): WebSocket | undefined {
    return Reflect.get(this, 'socket') as WebSocket | undefined;
  }

  override onSystem(downstream: DWClientDownStream): void {
    if (downstream.headers?.topic === 'disconnect') this.handOver();
    else super.onSystem(downstream);
  }

  /** DingTalk's `disconnect`: open the next connection now; keep the current one draining until it closes. */
  private handOver(): void {
    const old = this.current();
    if (!old || this.draining.has(old)) return;
    this.log.info('dingtalk stream: server asked to disconnect; opening a new connection now');
    // The SDK's listeners would reconnect on close, ACK on the newest socket and terminate it on an error:
    // the old socket gets its own instead.
    old.removeAllListeners('message');
    old.removeAllListeners('close');
    old.removeAllListeners('error');
    old.removeAllListeners('pong');
    old.on('message', (raw: WebSocket.RawData) => this.fromDraining(old, raw));
    old.on('error', () => old.terminate());
    old.on('close', () => {
      this.draining.delete(old);
      if (this.draining.size === 0) this.seen.clear();
    });
    setTimeout(() => old.close(), DRAIN_MAX_MS).unref();
    this.draining.add(old);
    // Its heartbeat would ping whichever socket is current; the new connection starts its own.
    const hb: unknown = Reflect.get(this, 'heartbeatIntervallId');
    if (hb) clearInterval(hb as NodeJS.Timeout);
    Reflect.set(this, 'heartbeatIntervallId', undefined);
    this.connected = false;
    this.registered = false;
    void this.connect();
  }

  private fromDraining(old: WebSocket, raw: WebSocket.RawData): void {
    const text = Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw as ArrayBuffer).toString('utf8');
    const head = this.head(text);
    if (head?.type === 'SYSTEM') {
      // Keep answering its pings while it drains; nothing else on it matters any more.
      if (head.headers.topic === 'ping')
        old.send(
          JSON.stringify({
            code: 200,
            headers: head.headers,
            message: 'OK',
            data: (JSON.parse(text) as { data?: unknown }).data,
          }),
        );
      return;
    }
    this.dispatch(text, old);
  }

  private head(text: string): z.infer<typeof frameHeadSchema> | undefined {
    try {
      const parsed = frameHeadSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** A frame from `from`: during a handover, one already received on the other socket is ACKed and dropped. */
  private dispatch(text: string, from: WebSocket | undefined): void {
    const id = this.draining.size > 0 && from ? this.head(text)?.headers.messageId : undefined;
    if (id && from) {
      const first = this.seen.get(id);
      if (first && first !== from) {
        this.sendOn(from, id, { response: {} });
        return;
      }
      if (!first) {
        this.seen.set(id, from);
        if (this.seen.size > SEEN_MAX) this.seen.delete(this.seen.keys().next().value!);
      }
    }
    try {
      super.onDownStream(text);
    } catch (err) {
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'dingtalk stream: unreadable frame ignored',
      );
    }
  }

  override onDownStream(data: string): void {
    this.dispatch(String(data), this.current());
  }

  /** ACKs go back on the socket the frame came on (a draining one, during a handover). */
  override send(messageId: string, value: unknown): void {
    const from = this.seen.get(messageId);
    if (from && this.draining.has(from)) this.sendOn(from, messageId, value);
    else super.send(messageId, value);
  }

  private sendOn(socket: WebSocket, messageId: string, value: unknown): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(
      JSON.stringify({
        code: 200,
        headers: { contentType: 'application/json', messageId },
        message: 'OK',
        data: JSON.stringify(value),
      }),
    );
  }

  override onCallback(message: DWClientDownStream): void {
    if (this.topics.has(message.headers?.topic)) {
      super.onCallback(message);
      return;
    }
    if (message.headers?.messageId) this.socketCallBackResponse(message.headers.messageId, {});
    this.log.warn({ topic: message.headers?.topic }, 'dingtalk stream: callback on an unknown topic acked and ignored');
  }

  health(): { ok: boolean; detail?: string } {
    if (this.connected) return { ok: true };
    return { ok: false, detail: this.lastError ?? (this.stopped ? 'stopped' : 'connecting') };
  }
}
