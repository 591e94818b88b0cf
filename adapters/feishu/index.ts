// Feishu / Lark adapter: createAdapter(deps) -> PlatformAdapter. Inbound by webhook (config.feishu.mode
// 'webhook', routes below) or long connection ('websocket'); both feed one dispatcher and one normaliser.
// Outbound through the SDK Client (tenant token handled by the SDK) with the outbox's idempotency key as uuid.
import { splitMarkdown } from '../../cards/fit.js';
import type { AdapterFactory, BotCore, OutgoingMessage, PlatformAdapter, SendResult } from '../../src/bot/port.js';
import { FeishuClient } from './client.js';
import { feishuAttendance } from './attendance.js';
import { feishuDirectory } from './directory.js';
import { findFeishuUsers } from './find-users.js';
import { toDeliveryError } from './errors.js';
import { createDispatcher } from './inbound.js';
import { FEISHU_LIMITS, FEISHU_RATE } from './limits.js';
import type { ProfileLookup } from './normalize.js';
import { pageCodec } from './page-seal.js';
import { fitFeishu, type RenderContext, renderFitted } from './render.js';
import { webhookRoutes, type WebhookSecurity } from './webhook.js';
import { startWs, type WsTransport } from './ws.js';

/** A text over Feishu's 150 KB: the first piece now, the rest as continuations (split at safe points; 4 bytes
 *  per code point at most, so a piece of maxTextBytes/4 code points — less the JSON quoting — always fits). */
function textPieces(text: string): string[] {
  if (Buffer.byteLength(JSON.stringify({ text }), 'utf8') <= FEISHU_LIMITS.maxTextBytes) return [text];
  return splitMarkdown(text, Math.floor(FEISHU_LIMITS.maxTextBytes / 4) - 1024);
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
  // Seals the answers a page of a long form carries (page-seal.ts): the survey seal secret, like DingTalk's
  // stepper; the app secret only where none is set (development).
  const codec = pageCodec(config.survey.sealSecret ?? cfg.appSecret);
  const ctx: RenderContext = { codec, appUrl: `${config.publicBaseUrl}/app` };
  const dispatcher = createDispatcher({ getCore: () => core, client, logger: log, lookup, codec, appUrl: ctx.appUrl });

  const adapter: PlatformAdapter = {
    platform: 'feishu',
    limits: FEISHU_RATE,
    async start(bot) {
      core = bot;
      if (cfg.mode === 'websocket') {
        log.info(
          'feishu long connection: events arrive over the connection opened with the app secret (no encrypt key needed)',
        );
        ws = startWs({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, dispatcher, logger: log });
      } else if (cfg.encryptKey) {
        log.info('feishu webhook: signed events (encrypt key)');
      } else {
        log.warn(
          'feishu webhook: UNSIGNED events accepted (FEISHU_ALLOW_UNSIGNED) — anyone who learns the verification token can act as anyone',
        );
      }
    },
    async stop() {
      ws?.close();
      ws = undefined;
      core = undefined;
    },
    async send(to, msg, opts): Promise<SendResult> {
      // Too big for one message: the first part now, the rest as continuations the outbox sends right after.
      let c: { msgType: 'interactive' | 'text'; content: string };
      let continuations: OutgoingMessage[];
      if (msg.kind === 'text') {
        const [first = '', ...rest] = textPieces(msg.text);
        c = { msgType: 'text', content: JSON.stringify({ text: first }) };
        continuations = rest.map((text) => ({ kind: 'text', text }));
      } else {
        const [first = msg.card, ...rest] = fitFeishu(msg.card, 'send', ctx);
        c = { msgType: 'interactive', content: JSON.stringify(renderFitted(first, ctx)) };
        continuations = rest.map((card) => ({ kind: 'card', card }));
      }
      try {
        const ref = await client.sendMessage(to, c.msgType, c.content, opts.idempotencyKey);
        return continuations.length ? { ...ref, continuations } : ref;
      } catch (e) {
        throw toDeliveryError(e, 'im.v1.message.create');
      }
    },
    async update(ref, msg) {
      // PATCH only edits cards; a text update becomes a one-block card. Edited in place: what does not fit
      // becomes a note and an "open in app" link.
      const card = msg.kind === 'text' ? { blocks: [{ type: 'text' as const, markdown: msg.text }] } : msg.card;
      const [first = card] = fitFeishu(card, 'update', ctx);
      try {
        await client.patchCard(ref.messageId, JSON.stringify(renderFitted(first, ctx)));
      } catch (e) {
        throw toDeliveryError(e, 'im.v1.message.patch');
      }
    },
    directory: feishuDirectory(client),
    attendance: feishuAttendance(client),
    findUsers: (people) => findFeishuUsers(client, people),
    exchangeAuthCode: (code) => client.exchangeAuthCode(code),
    health: () =>
      cfg.mode === 'websocket'
        ? (ws?.health() ?? { ok: false, detail: 'feishu long connection not started' })
        : { ok: true },
  };
  if (cfg.mode === 'webhook') {
    // An encrypt key always wins: FEISHU_ALLOW_UNSIGNED only matters without one (webhookRoutes refuses neither).
    const security: WebhookSecurity | undefined = cfg.encryptKey
      ? { encryptKey: cfg.encryptKey, ...(cfg.verificationToken ? { verificationToken: cfg.verificationToken } : {}) }
      : cfg.allowUnsigned && cfg.verificationToken
        ? { allowUnsigned: true, verificationToken: cfg.verificationToken }
        : undefined;
    if (!security)
      throw new Error(
        'feishu webhook mode needs FEISHU_ENCRYPT_KEY (or FEISHU_ALLOW_UNSIGNED=true with FEISHU_VERIFICATION_TOKEN)',
      );
    adapter.routes = webhookRoutes({ dispatcher, logger: log, ...security });
  }
  return adapter;
};
