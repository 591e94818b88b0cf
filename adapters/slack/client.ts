// Outbound Slack Web API calls through Bolt's WebClient (@slack/web-api). The client is built with
// rejectRateLimitedCalls and no retries, so a 429 surfaces here at once and the outbox owns the retry
// (honouring Retry-After) instead of the WebClient sleeping inside a send.
import type { webApi } from '@slack/bolt';
import {
  DeliveryError,
  type AuthIdentity,
  type Locale,
  type OutgoingMessage,
  type Recipient,
  type SendOptions,
  type SendResult,
  type SentRef,
} from '../../src/bot/port.js';
import type { CardView } from '../../cards/view.js';
import { SLACK_LIMITS as L, clip } from './limits.js';
import { slackLocale } from './normalize.js';
import { fitMessage, renderHome, renderMessage, type SlackBlock } from './render.js';
import { keepAliveFetch } from './keep-alive-fetch.js';

type WebClient = webApi.WebClient;

/** WebClient options: the emulator-able base URL, and no hidden retries — the outbox owns retries and
 *  honours Retry-After, so the WebClient must neither sleep on a 429 nor retry on its own. A timeout (the
 *  WebClient has none by default) turns a hung call into a transient failure the outbox retries. The
 *  transport is node:http(s) with keep-alive (keep-alive-fetch.ts): a third less CPU per call than undici. */
export function webClientOptions(apiUrl: string): webApi.WebClientOptions {
  return {
    slackApiUrl: `${apiUrl.replace(/\/+$/, '')}/`,
    fetch: keepAliveFetch,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  };
}

// https://docs.slack.dev/reference/methods/chat.postMessage (errors) and …/web-api (error handling):
// errors that retrying will not fix.
const PERMANENT = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'channel_not_found',
  'user_not_found',
  'is_archived',
  'not_in_channel',
  'msg_too_long',
  'msg_blocks_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'too_many_attachments',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'invalid_arguments',
  'team_access_not_granted',
  'ekm_access_denied',
  'invalid_code',
  'code_already_used',
  'bad_client_secret',
  'invalid_client_id',
  'expired_trigger_id',
  'invalid_trigger_id',
]);

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** Map a WebClient error (ErrorCode values from @slack/web-api) to the outbox's DeliveryError. */
export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = codeOf(err);
  const e = err as { retryAfter?: unknown; data?: { error?: unknown }; statusCode?: unknown; message?: unknown };
  if (code === 'slack_webapi_rate_limited_error') {
    const sec = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
    return new DeliveryError(`${what}: rate limited`, 'rate_limited', sec * 1000);
  }
  if (code === 'slack_webapi_platform_error') {
    const slackError = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
    if (slackError === 'ratelimited') return new DeliveryError(`${what}: ratelimited`, 'rate_limited', 1000);
    return new DeliveryError(`${what}: ${slackError}`, PERMANENT.has(slackError) ? 'permanent' : 'transient');
  }
  if (code === 'slack_webapi_http_error') {
    const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
    return new DeliveryError(
      `${what}: HTTP ${status}`,
      status >= 400 && status < 500 && status !== 408 ? 'permanent' : 'transient',
    );
  }
  // Network errors (slack_webapi_request_error) and anything unexpected: worth another try.
  return new DeliveryError(`${what}: ${typeof e.message === 'string' ? e.message : 'request failed'}`, 'transient');
}

/** The metadata event type that carries an outbox row's delivery key on each message we post. */
export const DELIVERY_EVENT = 'vitality_delivery';

function payload(msg: OutgoingMessage): { text: string; blocks?: SlackBlock[] } {
  return msg.kind === 'card' ? renderMessage(msg.card) : { text: clip(msg.text, L.messageText) };
}

/** The default place where a card's whole content can be read, when the card has no link of its own. */
const DEFAULT_APP_HOME = 'http://localhost/app';

export class SlackClient {
  /** user id → DM channel id, learnt from chat.postMessage's answer (or conversations.open on a retry). */
  private readonly dms = new Map<string, string>();

  constructor(
    readonly web: WebClient,
    private readonly oauth: { clientId?: string; clientSecret?: string } = {},
    /** The mini-app (`${publicBaseUrl}/app`): where a card too big for Slack links to. */
    readonly appHome: string = DEFAULT_APP_HOME,
  ) {}

  /** A card made to fit Slack: 'send' → the message and its continuations; 'update' → one message. */
  fit(msg: OutgoingMessage, mode: 'send' | 'update'): { first: OutgoingMessage; continuations: OutgoingMessage[] } {
    if (msg.kind !== 'card') return { first: msg, continuations: [] };
    const [first, ...rest] = fitMessage(msg.card, mode, this.appHome);
    return {
      first: { kind: 'card', card: first ?? msg.card },
      continuations: rest.map((card) => ({ kind: 'card', card })),
    };
  }

  async dmChannel(userId: string): Promise<string> {
    const cached = this.dms.get(userId);
    if (cached) return cached;
    const res = await this.web.conversations.open({ users: userId });
    const id = res.channel?.id;
    if (!id) throw new DeliveryError('conversations.open: no channel id', 'transient');
    this.dms.set(userId, id);
    return id;
  }

  /** A message this app already posted with this delivery key, among the channel's latest. Slack has no
   *  idempotency key; the key rides in the message metadata instead, and a retry looks for it first
   *  (conversations.history, Tier 3; im:history covers DMs). A failed look-up is not an answer: post. */
  private async alreadyPosted(channel: string, key: string): Promise<string | undefined> {
    try {
      const res = await this.web.conversations.history({ channel, limit: 15, include_all_metadata: true });
      return res.messages?.find(
        (m) =>
          m.metadata?.event_type === DELIVERY_EVENT &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      )?.ts;
    } catch {
      return undefined;
    }
  }

  /** A card too big for one message is sent as its first part; the rest comes back as continuations, which
   *  the outbox sends right after, to the same person, in order (cards/fit.ts). */
  async send(to: Recipient, msg: OutgoingMessage, opts?: SendOptions): Promise<SendResult> {
    const { first, continuations } = this.fit(msg, 'send');
    const ref = await this.post(to, first, opts);
    return continuations.length > 0 ? { ...ref, continuations } : ref;
  }

  private async post(to: Recipient, msg: OutgoingMessage, opts?: SendOptions): Promise<SentRef> {
    try {
      // A first DM goes to the user id: Slack posts it in the app's DM with them and answers with that DM's
      // channel id, so no conversations.open (Tier 3, ~50/min) paces a fan-out to people never written to.
      // A retry needs the channel to look for a copy that did land, so it opens the DM first.
      const retry = opts !== undefined && (opts.attempt ?? 1) > 1;
      const channel =
        to.kind === 'chat'
          ? to.chatId
          : (this.dms.get(to.platformUserId) ?? (retry ? await this.dmChannel(to.platformUserId) : to.platformUserId));
      if (opts && retry) {
        const ts = await this.alreadyPosted(channel, opts.idempotencyKey);
        if (ts) return { messageId: ts, chatId: channel };
      }
      const res = await this.web.chat.postMessage({
        channel,
        ...payload(msg),
        ...(to.kind === 'chat' && to.threadId ? { thread_ts: to.threadId } : {}),
        ...(opts ? { metadata: { event_type: DELIVERY_EVENT, event_payload: { key: opts.idempotencyKey } } } : {}),
      });
      if (!res.ts) throw new DeliveryError('chat.postMessage: no ts', 'transient');
      if (to.kind === 'user' && res.channel) this.dms.set(to.platformUserId, res.channel);
      return { messageId: res.ts, chatId: res.channel ?? channel };
    } catch (err) {
      throw toDeliveryError(err, 'chat.postMessage');
    }
  }

  async update(ref: SentRef, msg: OutgoingMessage): Promise<void> {
    if (!ref.chatId) throw new DeliveryError('chat.update: the message has no channel', 'permanent');
    try {
      // Edited in place: what does not fit becomes a note and a link to the app.
      await this.web.chat.update({ channel: ref.chatId, ts: ref.messageId, ...payload(this.fit(msg, 'update').first) });
    } catch (err) {
      throw toDeliveryError(err, 'chat.update');
    }
  }

  async openModal(triggerId: string, view: webApi.ViewsOpenArguments['view']): Promise<void> {
    await this.web.views.open({ trigger_id: triggerId, view });
  }

  async publishHome(userId: string, card: CardView): Promise<void> {
    await this.web.views.publish({ user_id: userId, view: renderHome(card, this.appHome) });
  }

  /** users.info with include_locale (scope users:read; email needs users:read.email). */
  async lookupProfile(userId: string): Promise<{ email?: string; locale?: Locale; displayName?: string }> {
    const res = await this.web.users.info({ user: userId, include_locale: true });
    const u = res.user;
    const out: { email?: string; locale?: Locale; displayName?: string } = {};
    if (u?.profile?.email) out.email = u.profile.email;
    const locale = slackLocale(u?.locale);
    if (locale) out.locale = locale;
    const name = u?.profile?.display_name || u?.real_name || u?.name;
    if (name) out.displayName = name;
    return out;
  }

  /** Sign in with Slack (OpenID Connect): code → token (openid.connect.token) → openid.connect.userInfo. */
  async exchangeAuthCode(code: string, redirectUri?: string): Promise<AuthIdentity> {
    const { clientId, clientSecret } = this.oauth;
    if (!clientId || !clientSecret) throw new Error('Sign in with Slack needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET');
    const token = await this.web.openid.connect.token({
      client_id: clientId,
      client_secret: clientSecret,
      code,
      ...(redirectUri ? { redirect_uri: redirectUri } : {}),
    });
    if (!token.access_token) throw new Error('openid.connect.token: no access_token');
    const info = await this.web.openid.connect.userInfo({ token: token.access_token });
    const platformUserId = info['https://slack.com/user_id'] ?? info.sub;
    if (!platformUserId) throw new Error('openid.connect.userInfo: no user id');
    const out: AuthIdentity = { platformUserId };
    if (info.email) out.email = info.email;
    if (info.name) out.displayName = info.name;
    return out;
  }
}
