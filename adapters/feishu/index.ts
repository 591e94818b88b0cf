// Feishu / Lark adapter: createAdapter(deps) -> PlatformAdapter. Inbound by webhook (config.feishu.mode
// 'webhook', routes below) or long connection ('websocket'); both feed one dispatcher and one normaliser.
// Outbound through the SDK Client (tenant token handled by the SDK) with the outbox's idempotency key as uuid.
import type { AdapterFactory, BotCore, OutgoingMessage, PlatformAdapter } from '../../src/bot/port.js';
import { DeliveryError } from '../../src/bot/port.js';
import { FeishuClient } from './client.js';
import { feishuDirectory } from './directory.js';
import { findFeishuUsers } from './find-users.js';
import { toDeliveryError } from './errors.js';
import { createDispatcher } from './inbound.js';
import { FEISHU_LIMITS, FEISHU_RATE } from './limits.js';
import type { ProfileLookup } from './normalize.js';
import { CardTooLargeError, renderCard } from './render.js';
import { webhookRoutes, type WebhookSecurity } from './webhook.js';
import { startWs, type WsTransport } from './ws.js';

function content(msg: OutgoingMessage): { msgType: 'interactive' | 'text'; content: string } {
  if (msg.kind === 'text') {
    if (Buffer.byteLength(msg.text, 'utf8') > FEISHU_LIMITS.maxTextBytes) {
      throw new DeliveryError('text message over 150 KB', 'permanent');
    }
    return { msgType: 'text', content: JSON.stringify({ text: msg.text }) };
  }
  try {
    return { msgType: 'interactive', content: JSON.stringify(renderCard(msg.card)) };
  } catch (e) {
    if (e instanceof CardTooLargeError) throw new DeliveryError(e.message, 'permanent');
    throw e;
  }
}

export const createAdapter: AdapterFactory = ({ config, logger }) => {
  const cfg = config.feishu;
  if (!cfg) throw new Error('feishu adapter loaded without FEISHU_APP_ID / FEISHU_APP_SECRET');
  const log = logger.child({ platform: 'feishu' });
  const client = new FeishuClient({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, logger: log });
  let core: BotCore | undefined;
  let ws: WsTransport | undefined;

  const lookup: ProfileLookup = (openId) => async () => {
    const u = await client.getUser(openId);
    const email = u.enterprise_email || u.email;
    return { ...(email ? { email: email.toLowerCase() } : {}), ...(u.name ? { displayName: u.name } : {}) };
  };
  const dispatcher = createDispatcher({ getCore: () => core, client, logger: log, lookup });

  const adapter: PlatformAdapter = {
    platform: 'feishu',
    limits: FEISHU_RATE,
    async start(bot) {
      core = bot;
      if (cfg.mode === 'websocket') {
        log.info('feishu long connection: events arrive over the connection opened with the app secret (no encrypt key needed)');
        ws = startWs({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, dispatcher, logger: log });
      } else if (cfg.encryptKey) {
        log.info('feishu webhook: signed events (encrypt key)');
      } else {
        log.warn('feishu webhook: UNSIGNED events accepted (FEISHU_ALLOW_UNSIGNED) — anyone who learns the verification token can act as anyone');
      }
    },
    async stop() {
      ws?.close();
      ws = undefined;
      core = undefined;
    },
    async send(to, msg, opts) {
      const c = content(msg);
      try {
        return await client.sendMessage(to, c.msgType, c.content, opts.idempotencyKey);
      } catch (e) {
        throw toDeliveryError(e, 'im.v1.message.create');
      }
    },
    async update(ref, msg) {
      // PATCH only edits cards; a text update becomes a one-block card.
      const c = content(msg.kind === 'text' ? { kind: 'card', card: { blocks: [{ type: 'text', markdown: msg.text }] } } : msg);
      try {
        await client.patchCard(ref.messageId, c.content);
      } catch (e) {
        throw toDeliveryError(e, 'im.v1.message.patch');
      }
    },
    directory: feishuDirectory(client),
    findUsers: (people) => findFeishuUsers(client, people),
    exchangeAuthCode: (code) => client.exchangeAuthCode(code),
    health: () => (cfg.mode === 'websocket' ? (ws?.health() ?? { ok: false, detail: 'feishu long connection not started' }) : { ok: true }),
  };
  if (cfg.mode === 'webhook') {
    // An encrypt key always wins: FEISHU_ALLOW_UNSIGNED only matters without one (webhookRoutes refuses neither).
    const security: WebhookSecurity | undefined = cfg.encryptKey
      ? { encryptKey: cfg.encryptKey, ...(cfg.verificationToken ? { verificationToken: cfg.verificationToken } : {}) }
      : cfg.allowUnsigned && cfg.verificationToken
        ? { allowUnsigned: true, verificationToken: cfg.verificationToken }
        : undefined;
    if (!security) throw new Error('feishu webhook mode needs FEISHU_ENCRYPT_KEY (or FEISHU_ALLOW_UNSIGNED=true with FEISHU_VERIFICATION_TOKEN)');
    adapter.routes = webhookRoutes({ dispatcher, logger: log, ...security });
  }
  return adapter;
};
