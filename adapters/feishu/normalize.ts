// One normaliser for both inbound modes (webhook and long connection): both hand the SDK's EventDispatcher
// a v2 event, which flattens it (header fields and event fields at the top level). Validated with zod.
// Shapes: im.message.receive_v1, card.action.trigger (card JSON 2.0 callbacks), application.bot.menu_v6.
import { z } from 'zod';
import type { ActionRef, FormValues } from '../../cards/view.js';
import { actionRefSchema } from '../../cards/view.js';
import type { InboundEvent, PlatformUser } from '../../src/bot/port.js';
import type { PageCodec, PageState } from './page-seal.js';

export const EVENT_MESSAGE = 'im.message.receive_v1';
export const EVENT_CARD_ACTION = 'card.action.trigger';
export const EVENT_BOT_MENU = 'application.bot.menu_v6';

const userIds = z.object({
  open_id: z.string().min(1),
  union_id: z.string().optional(),
  user_id: z.string().optional(),
});

const messageEvent = z.object({
  event_id: z.string().min(1),
  sender: z.object({ sender_id: userIds, sender_type: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.object({ key: z.string(), name: z.string().optional() })).optional(),
  }),
});

// card.action.trigger: `value` comes back from a button with a callback behaviour; a form submission has no
// such behaviour (render.ts) and comes back as `tag: "button"`, the button's `name` and `form_value`.
const cardActionEvent = z.object({
  event_id: z.string().min(1),
  operator: z.object({ open_id: z.string().min(1) }),
  action: z.object({
    value: z.unknown().optional(),
    name: z.string().max(65_536).optional(),
    tag: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    input_value: z.string().optional(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

const menuEvent = z.object({
  event_id: z.string().min(1),
  operator: z.object({ operator_id: userIds }),
  event_key: z.string().min(1),
});

export type ProfileLookup = (openId: string) => PlatformUser['lookupProfile'];

export type Normalized =
  | {
      ok: true;
      event: InboundEvent;
      /** A page of a long form was submitted (its submit name said so): the earlier answers it carried. */
      page?: PageState;
      /** The raw form_value (part names as rendered), for a page submission. */
      raw?: Record<string, string | string[]>;
    }
  | { ok: false; reason: string; /** the callback carried a value we did not make */ badAction?: boolean };

function user(openId: string, lookup?: ProfileLookup): PlatformUser {
  const profile = lookup?.(openId);
  return profile ? { platformUserId: openId, lookupProfile: profile } : { platformUserId: openId };
}

/** "/Lang  en" -> command lang "en"; anything else -> a message. @mention placeholders (@_user_1) removed. */
export function parseText(
  raw: string,
  mentionKeys: string[],
): { command?: { name: string; args: string }; text: string } {
  let text = raw;
  for (const key of mentionKeys) text = text.split(key).join(' ');
  // Runs of spaces become one; line breaks are kept (a multi-line text message carries them in content.text,
  // and commands such as `/rating import <cycle>` read CSV lines from the next lines).
  text = text
    .replace(/@_user_\d+/g, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  const m = /^\/(\S*)\s*(.*)$/s.exec(text);
  if (m) return { command: { name: (m[1] ?? '').toLowerCase(), args: (m[2] ?? '').trim() }, text };
  return { text };
}

function messageText(messageType: string, content: string): string | undefined {
  if (messageType !== 'text') return undefined;
  try {
    const parsed = z.object({ text: z.string() }).safeParse(JSON.parse(content));
    return parsed.success ? parsed.data.text : undefined;
  } catch {
    return undefined;
  }
}

export function normalizeMessage(data: unknown, lookup?: ProfileLookup): Normalized {
  const p = messageEvent.safeParse(data);
  if (!p.success) return { ok: false, reason: 'malformed im.message.receive_v1' };
  const { sender, message } = p.data;
  if (sender.sender_type && sender.sender_type !== 'user') return { ok: false, reason: 'not from a user' };
  const raw = messageText(message.message_type, message.content);
  if (raw === undefined) return { ok: false, reason: `unsupported message type ${message.message_type}` };
  const parsed = parseText(
    raw,
    (message.mentions ?? []).map((m) => m.key),
  );
  const base = {
    platform: 'feishu' as const,
    eventId: p.data.event_id,
    user: user(sender.sender_id.open_id, lookup),
    replyTo:
      message.chat_type === 'p2p'
        ? { kind: 'user' as const, platformUserId: sender.sender_id.open_id }
        : { kind: 'chat' as const, chatId: message.chat_id },
  };
  if (parsed.command) return { ok: true, event: { ...base, type: 'command', ...parsed.command } };
  if (parsed.text === '') return { ok: false, reason: 'empty message' };
  return { ok: true, event: { ...base, type: 'message', text: parsed.text } };
}

export function formValues(raw: Record<string, unknown> | undefined): FormValues | undefined {
  if (!raw) return undefined;
  const out: FormValues = {};
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) out[k] = v.map((x) => String(x));
    else if (v !== null && v !== undefined) out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

export function normalizeCardAction(data: unknown, lookup?: ProfileLookup, codec?: PageCodec): Normalized {
  const p = cardActionEvent.safeParse(data);
  if (!p.success) return { ok: false, reason: 'malformed card.action.trigger' };
  const openId = p.data.operator.open_id;
  const byValue = p.data.action.value === undefined ? undefined : actionRefSchema.safeParse(p.data.action.value);
  let action: ActionRef | undefined = byValue?.success ? byValue.data : undefined;
  let page: PageState | undefined;
  if (!action && byValue === undefined && p.data.action.name && codec) {
    // A form submit: the ActionRef (and a page's sealed earlier answers) is in the button's name.
    const named = codec.read(p.data.action.name);
    if (named?.kind === 'form') action = named.ref;
    if (named?.kind === 'page') {
      // Earlier answers sealed for someone else (a forwarded card) are not this person's to submit.
      if (named.state.by && named.state.by !== openId && Object.keys(named.state.answers).length > 0) {
        return { ok: false, reason: "form page carries another person's answers", badAction: true };
      }
      action = named.state.ref;
      page = named.state;
    }
  }
  if (!action) return { ok: false, reason: 'card action value is not ours', badAction: true };
  const values = formValues(p.data.action.form_value);
  const messageId = p.data.context?.open_message_id;
  const chatId = p.data.context?.open_chat_id;
  return {
    ok: true,
    event: {
      platform: 'feishu',
      type: 'action',
      eventId: p.data.event_id,
      user: user(openId, lookup),
      replyTo: { kind: 'user', platformUserId: openId },
      action,
      ...(values ? { values } : {}),
      ...(messageId ? { cardRef: chatId ? { messageId, chatId } : { messageId } } : {}),
    },
    ...(page ? { page, raw: values ?? {} } : {}),
  };
}

/** Bot menu items are configured in the developer console with an event_key; "lang_en" style keys are
 *  allowed too (the first "_" or ":" separates the command from its argument). */
export function normalizeMenu(data: unknown, lookup?: ProfileLookup): Normalized {
  const p = menuEvent.safeParse(data);
  if (!p.success) return { ok: false, reason: 'malformed application.bot.menu_v6' };
  const openId = p.data.operator.operator_id.open_id;
  const m = /^\/?([^:_\s]+)[:_\s]?(.*)$/.exec(p.data.event_key.trim());
  return {
    ok: true,
    event: {
      platform: 'feishu',
      type: 'command',
      eventId: p.data.event_id,
      user: user(openId, lookup),
      replyTo: { kind: 'user', platformUserId: openId },
      name: (m?.[1] ?? '').toLowerCase(),
      args: (m?.[2] ?? '').trim(),
    },
  };
}
