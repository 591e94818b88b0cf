// Posts events and card callbacks to the bot exactly as Feishu does: schema 2.0 envelopes, compact JSON,
// optionally encrypted ({"encrypt": base64(iv + AES-256-CBC)}, key = sha256(encryptKey)), signed with
// X-Lark-Request-Timestamp/-Nonce/-Signature = sha256(timestamp + nonce + encryptKey + body).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { emuCardRefusal } from './open-api.js';

export interface SenderOptions {
  url: string;
  appId: string;
  verificationToken: string;
  encryptKey?: string;
}

export type Signing = 'good' | 'bad' | 'none' | 'stale';

export interface PostOptions {
  path?: string;
  signing?: Signing;
  /** Override the token put into the envelope (to send a wrong one). */
  token?: string;
  /** Send this exact raw body instead of building one. */
  rawBody?: string;
  /** Encrypt even if... (defaults to: encrypt when an encrypt key is set). */
  encrypt?: boolean;
  now?: number;
}

export function encryptBody(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function sign(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

let seq = 0;
export const newEventId = () =>
  `${Date.now().toString(16)}${(++seq).toString(16).padStart(6, '0')}${randomBytes(8).toString('hex')}`;

export interface MessageSpec {
  openId: string;
  text: string;
  chatType?: 'p2p' | 'group';
  chatId?: string;
  eventId?: string;
  mentions?: { key: string; name: string }[];
}
export interface CardActionSpec {
  openId: string;
  /** The pressed button's callback value (a button with `behaviors: [{type: 'callback', value}]`). */
  value?: unknown;
  /** A form submission: the values of the form's named components. Feishu then sends what its form container
   *  documents — `tag: "button"`, the submit button's `name` and `form_value` — and no `value` (the submit
   *  button has no callback behaviour). */
  formValue?: Record<string, unknown>;
  /** The submit button's `name` (required with formValue). */
  name?: string;
  messageId: string;
  chatId?: string;
  eventId?: string;
  tag?: string;
}
export interface MenuSpec {
  openId: string;
  eventKey: string;
  eventId?: string;
}

function header(appId: string, eventType: string, eventId: string, token: string) {
  return {
    event_id: eventId,
    token,
    create_time: String(Date.now()),
    event_type: eventType,
    tenant_key: 'tk_emu',
    app_id: appId,
  };
}

/** im.message.receive_v1 as Feishu pushes it (schema 2.0). */
export function messageEnvelope(appId: string, token: string, m: MessageSpec): Record<string, unknown> {
  return {
    schema: '2.0',
    header: header(appId, 'im.message.receive_v1', m.eventId ?? newEventId(), token),
    event: {
      sender: {
        sender_id: { union_id: `on_${m.openId}`, user_id: m.openId.replace('ou_', ''), open_id: m.openId },
        sender_type: 'user',
        tenant_key: 'tk_emu',
      },
      message: {
        message_id: `om_${randomBytes(12).toString('hex')}`,
        root_id: '',
        parent_id: '',
        create_time: String(Date.now()),
        update_time: String(Date.now()),
        chat_id: m.chatId ?? `oc_p2p_${m.openId}`,
        thread_id: '',
        chat_type: m.chatType ?? 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: m.text }),
        mentions: (m.mentions ?? []).map((x) => ({
          key: x.key,
          id: { union_id: 'on_bot', user_id: '', open_id: 'ou_bot' },
          name: x.name,
          tenant_key: 'tk_emu',
        })),
        user_agent: 'Mozilla/5.0 Lark/7.30',
      },
    },
  };
}

/** card.action.trigger (card JSON 2.0 callback). */
export function cardActionEnvelope(appId: string, token: string, a: CardActionSpec): Record<string, unknown> {
  if (a.formValue && !a.name)
    throw new Error('emulator: a form submission needs the submit button name (Feishu sends it, not a value)');
  return {
    schema: '2.0',
    header: header(appId, 'card.action.trigger', a.eventId ?? newEventId(), token),
    event: {
      operator: {
        tenant_key: 'tk_emu',
        user_id: a.openId.replace('ou_', ''),
        open_id: a.openId,
        union_id: `on_${a.openId}`,
      },
      token: `c-${randomBytes(16).toString('hex')}`,
      action: a.formValue
        ? { tag: 'button', timezone: 'Asia/Shanghai', form_value: a.formValue, name: a.name ?? '' }
        : { value: a.value, tag: a.tag ?? 'button', timezone: 'Asia/Shanghai' },
      host: 'im_message',
      context: { open_message_id: a.messageId, open_chat_id: a.chatId ?? `oc_p2p_${a.openId}` },
    },
  };
}

/** application.bot.menu_v6. */
export function menuEnvelope(appId: string, token: string, m: MenuSpec): Record<string, unknown> {
  return {
    schema: '2.0',
    header: header(appId, 'application.bot.menu_v6', m.eventId ?? newEventId(), token),
    event: {
      operator: {
        operator_name: 'emu',
        operator_id: { union_id: `on_${m.openId}`, user_id: m.openId.replace('ou_', ''), open_id: m.openId },
      },
      event_key: m.eventKey,
      timestamp: Math.floor(Date.now() / 1000),
    },
  };
}

export function createSender(opts: SenderOptions) {
  async function post(envelope: Record<string, unknown> | undefined, o: PostOptions = {}) {
    const plain = JSON.stringify(envelope ?? {});
    const doEncrypt = o.encrypt ?? Boolean(opts.encryptKey);
    const body =
      o.rawBody ??
      (doEncrypt && opts.encryptKey ? JSON.stringify({ encrypt: encryptBody(plain, opts.encryptKey) }) : plain);
    const now = o.now ?? Date.now();
    const ts = String(Math.floor((o.signing === 'stale' ? now - 60 * 60 * 1000 : now) / 1000));
    const nonce = randomBytes(8).toString('hex');
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const signing = o.signing ?? (opts.encryptKey ? 'good' : 'none');
    if (signing !== 'none') {
      const key = signing === 'bad' ? 'not-the-key' : (opts.encryptKey ?? '');
      headers['x-lark-request-timestamp'] = ts;
      headers['x-lark-request-nonce'] = nonce;
      headers['x-lark-signature'] = sign(ts, nonce, key, body);
    }
    const res = await fetch(`${opts.url}${o.path ?? '/feishu/events'}`, { method: 'POST', headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  }

  return {
    post,
    urlVerification(challenge: string, o: PostOptions = {}) {
      // The console's check request: no signature headers, token at the top level.
      return post(
        { challenge, token: o.token ?? opts.verificationToken, type: 'url_verification' },
        { signing: 'none', ...o },
      );
    },
    message(m: MessageSpec, o: PostOptions = {}) {
      return post(messageEnvelope(opts.appId, o.token ?? opts.verificationToken, m), o);
    },
    /** A card callback. `refused` says why Feishu would not show the card answered (over 200 elements or a
     *  30 KB body), as the client then shows an error instead of the card. */
    async cardAction(a: CardActionSpec, o: PostOptions = {}) {
      const res = await post(cardActionEnvelope(opts.appId, o.token ?? opts.verificationToken, a), {
        path: '/feishu/card',
        ...o,
      });
      const answer = typeof res.json === 'object' && res.json !== null ? (res.json as Record<string, unknown>) : {};
      const card = (answer['card'] as Record<string, unknown> | undefined)?.['data'];
      const refusal =
        card === undefined ? undefined : emuCardRefusal(card, Buffer.byteLength(JSON.stringify(answer), 'utf8'));
      return { ...res, ...(refusal ? { refused: `${refusal.code} ${refusal.msg}` } : {}) };
    },
    menu(m: MenuSpec, o: PostOptions = {}) {
      return post(menuEnvelope(opts.appId, o.token ?? opts.verificationToken, m), o);
    },
  };
}
export type FeishuSender = ReturnType<typeof createSender>;
