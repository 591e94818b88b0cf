// Long-connection transport: the SDK's WSClient (no public URL needed). It POSTs /callback/ws/endpoint on
// the configured domain, then speaks protobuf frames; card callbacks arrive as ordinary event frames and the
// dispatcher's return value is sent back as the callback answer. Events are not signed in this mode (the
// connection itself is authenticated with the app secret), so verify.ts is not involved.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { sdkLogger } from './sdk-support.js';

/** WSClient.start() silently does nothing unless the app id looks like this (PLATFORM-NOTES). */
export const WS_APP_ID = /^cli_[0-9a-f]{16}$/;

export interface WsTransport {
  close(): void;
  health(): { ok: boolean; detail?: string };
}

export function startWs(opts: {
  appId: string;
  appSecret: string;
  domain: string;
  dispatcher: lark.EventDispatcher;
  logger: Logger;
}): WsTransport {
  if (!WS_APP_ID.test(opts.appId)) {
    throw new Error('FEISHU_APP_ID must look like cli_ + 16 hex characters for the long-connection mode');
  }
  const ws = new lark.WSClient({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    logger: sdkLogger(opts.logger),
    loggerLevel: lark.LoggerLevel.warn,
    autoReconnect: true,
    onError: (err) => opts.logger.error({ err }, 'feishu: long connection failed'),
  });
  void ws.start({ eventDispatcher: opts.dispatcher }).catch((err: unknown) => {
    opts.logger.error({ err }, 'feishu: long connection could not start');
  });
  return {
    close: () => ws.close({ force: true }),
    health: () => {
      const s = ws.getConnectionStatus();
      return s.state === 'connected' ? { ok: true } : { ok: false, detail: `feishu long connection ${s.state}` };
    },
  };
}
