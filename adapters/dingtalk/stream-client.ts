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
import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import { z } from 'zod';
import type { Logger } from 'pino';

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
        body: JSON.stringify({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, ua: cfg.ua, subscriptions: cfg.subscriptions }),
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
  }

  override onDownStream(data: string): void {
    try {
      super.onDownStream(data);
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'dingtalk stream: unreadable frame ignored');
    }
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
