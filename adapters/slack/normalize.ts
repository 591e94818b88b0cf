// One normaliser for every inbound mode (HTTP receiver and Socket Mode both hand Bolt the same bodies):
// Slack bodies → port InboundEvents. Shapes from Slack's references: slash commands
// (https://docs.slack.dev/interactivity/implementing-slash-commands), block_actions and view_submission
// (https://docs.slack.dev/reference/interaction-payloads) and the Events API envelope
// (https://docs.slack.dev/apis/events-api). Everything is checked with zod; unknown bodies are ignored.
import { z } from 'zod';
import { actionRefSchema, type CardView, type FormValues } from '../../cards/view.js';
import type {
  ActionEvent,
  AppHomeEvent,
  CommandEvent,
  Locale,
  MessageEvent,
  PlatformUser,
} from '../../src/bot/port.js';
import { FIELD_ACTION_ID, modalMetaSchema, type ModalMeta } from './render-modal.js';
import { ACTION_PREFIX } from './render.js';

export type ProfileLookup = NonNullable<PlatformUser['lookupProfile']>;
export interface NormalizeContext {
  /** Extra slash commands (without "/") that are core commands themselves, e.g. "points". */
  extraCommands: readonly string[];
  lookupProfile: (userId: string) => ProfileLookup;
}

/** Slack escapes &, < and > in message and command text (https://docs.slack.dev/messaging/formatting-message-text). */
export function unescapeSlack(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function slackLocale(locale: string | undefined): Locale | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const user = (id: string, ctx: NormalizeContext): PlatformUser => ({
  platformUserId: id,
  lookupProfile: ctx.lookupProfile(id),
});

export const commandBodySchema = z.object({
  command: z.string().min(2),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});

export function normalizeCommand(body: unknown, ctx: NormalizeContext): CommandEvent | undefined {
  const p = commandBodySchema.safeParse(body);
  if (!p.success) return undefined;
  const { command, user_id, trigger_id } = p.data;
  const text = unescapeSlack(p.data.text);
  const slash = command.replace(/^\//, '').toLowerCase();
  const extra = ctx.extraCommands.map((c) => c.replace(/^\//, '').toLowerCase());
  let name: string;
  let args: string;
  if (extra.includes(slash)) {
    name = slash;
    args = text.trim();
  } else {
    // "/vitality help me" → name "help", args "me"; a bare "/vitality" → name "".
    const m = /^\s*(\S*)\s*([\s\S]*)$/.exec(text) ?? ['', '', ''];
    name = (m[1] ?? '').replace(/^\//, '').toLowerCase();
    args = (m[2] ?? '').trim();
  }
  return {
    type: 'command',
    platform: 'slack',
    // Slash commands carry no event id and are not retried by Slack; the trigger_id is unique per invocation.
    eventId: `cmd:${trigger_id}`,
    user: user(user_id, ctx),
    // Answer in the person's DM with the app: the command may come from a channel the bot is not in.
    replyTo: { kind: 'user', platformUserId: user_id },
    name,
    args,
  };
}

const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  container: z
    .object({
      type: z.string(),
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string() }).optional(),
  view: z.object({ id: z.string(), type: z.string() }).optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() }))
    .min(1),
  /** The pressed message as Slack shows it: used to tell which forms it already offered. */
  message: z
    .object({ blocks: z.array(z.object({ elements: z.array(z.unknown()).optional() }).loose()).optional() })
    .loose()
    .optional(),
});

/** Ids of the forms whose launcher button (`form:<id>`) is on the pressed message. */
function offeredForms(blocks: { elements?: unknown[] }[] | undefined): string[] {
  const ids: string[] = [];
  for (const b of blocks ?? [])
    for (const e of b.elements ?? []) {
      const id = (e as { action_id?: unknown }).action_id;
      if (typeof id === 'string' && id.startsWith(ACTION_PREFIX.form)) ids.push(id.slice(ACTION_PREFIX.form.length));
    }
  return ids;
}

export interface NormalizedAction {
  /** url buttons also send block_actions; those are acked and ignored. */
  kind: 'action' | 'form' | 'url';
  event?: ActionEvent;
  triggerId: string;
  origin: { channel?: string; ts?: string; viewType?: string };
  /** Forms the pressed message already offered (see nextStepForm). */
  offeredForms: string[];
}

/** A button answered with a card holding a form the message did not offer yet (Reject → the reason, Edit →
 *  the claim form): the next step is that form, so it opens as a modal at once instead of waiting for a
 *  second press on the redrawn card's form button. */
export function nextStepForm(card: CardView | undefined, offered: readonly string[]): CardView | undefined {
  const form = card?.blocks.find((b) => b.type === 'form');
  return form && !offered.includes(form.id) ? card : undefined;
}

export function normalizeBlockAction(body: unknown, ctx: NormalizeContext): NormalizedAction | undefined {
  const p = blockActionSchema.safeParse(body);
  if (!p.success) return undefined;
  const b = p.data;
  const act = b.actions[0]!;
  const channel = b.container?.channel_id ?? b.channel?.id;
  // An ephemeral message cannot be edited with chat.update; it is replaced through response_url instead.
  const ts = b.container?.type === 'message' && !b.container.is_ephemeral ? b.container.message_ts : undefined;
  const origin = { channel, ts, viewType: b.view?.type };
  const offered = offeredForms(b.message?.blocks);
  if (act.action_id.startsWith(ACTION_PREFIX.url))
    return { kind: 'url', triggerId: b.trigger_id, origin, offeredForms: offered };
  const kind = act.action_id.startsWith(ACTION_PREFIX.form) ? 'form' : 'action';
  let ref: unknown;
  try {
    ref = JSON.parse(act.value ?? '');
  } catch {
    return undefined;
  }
  const action = actionRefSchema.safeParse(ref);
  if (!action.success) return undefined;
  const event: ActionEvent = {
    type: 'action',
    platform: 'slack',
    // A trigger_id is unique per interaction; a double click is two interactions (the core re-checks state).
    eventId: `act:${b.trigger_id}`,
    user: user(b.user.id, ctx),
    replyTo: channel ? { kind: 'chat', chatId: channel } : { kind: 'user', platformUserId: b.user.id },
    action: action.data,
  };
  if (channel && ts) event.cardRef = { messageId: ts, chatId: channel };
  if (kind === 'form') event.openForm = true;
  return { kind, event, triggerId: b.trigger_id, origin, offeredForms: offered };
}

const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().optional(),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().optional(),
    callback_id: z.string().optional(),
    private_metadata: z.string().default(''),
    title: z.object({ text: z.string() }).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }),
  }),
});

/** view.state.values[block_id][action_id] → field id → string | string[] (unanswered fields left out). */
export function formValuesFromState(
  values: Record<string, Record<string, z.infer<typeof stateValueSchema>>>,
): FormValues {
  const out: FormValues = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const v = actions[FIELD_ACTION_ID];
    if (!v) continue;
    if (v.selected_options) out[blockId] = v.selected_options.map((o) => o.value);
    else if (v.selected_option) out[blockId] = v.selected_option.value;
    else if (typeof v.value === 'string') out[blockId] = v.value;
  }
  return out;
}

export function normalizeViewSubmission(
  body: unknown,
  ctx: NormalizeContext,
): { event: ActionEvent; meta: ModalMeta; title: string } | undefined {
  const p = viewSubmissionSchema.safeParse(body);
  if (!p.success) return undefined;
  const b = p.data;
  let meta: ModalMeta;
  try {
    const m = modalMetaSchema.safeParse(JSON.parse(b.view.private_metadata));
    if (!m.success) return undefined;
    meta = m.data;
  } catch {
    return undefined;
  }
  const event: ActionEvent = {
    type: 'action',
    platform: 'slack',
    // A corrected resubmission of the same modal is a new interaction (new trigger_id / view hash).
    eventId: `view:${b.view.id}:${b.trigger_id ?? b.view.hash ?? ''}`,
    user: user(b.user.id, ctx),
    replyTo: meta.c ? { kind: 'chat', chatId: meta.c } : { kind: 'user', platformUserId: b.user.id },
    action: meta.a,
    values: formValuesFromState(b.view.state.values),
  };
  if (meta.c && meta.m) event.cardRef = { messageId: meta.m, chatId: meta.c };
  return { event, meta, title: b.view.title?.text ?? '' };
}

const eventEnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  event: z.object({
    type: z.string(),
    user: z.string().optional(),
    tab: z.string().optional(),
    channel: z.string().optional(),
    channel_type: z.string().optional(),
    text: z.string().optional(),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
  }),
});

export function normalizeEvent(body: unknown, ctx: NormalizeContext): AppHomeEvent | MessageEvent | undefined {
  const p = eventEnvelopeSchema.safeParse(body);
  if (!p.success) return undefined;
  const { event_id, event: e } = p.data;
  if (!e.user) return undefined;
  // Retries of one event carry the same event_id (X-Slack-Retry-Num counts them): the core dedupes on it.
  const base = { platform: 'slack' as const, eventId: event_id, user: user(e.user, ctx) };
  if (e.type === 'app_home_opened' && (e.tab ?? 'home') === 'home') {
    return { ...base, type: 'appHome', replyTo: { kind: 'user', platformUserId: e.user } };
  }
  // Only plain messages people type in the app's DM (message.im); edits, joins and bot posts have a subtype.
  if (e.type === 'message' && e.channel_type === 'im' && !e.subtype && !e.bot_id && e.channel && e.text) {
    return { ...base, type: 'message', replyTo: { kind: 'chat', chatId: e.channel }, text: unescapeSlack(e.text) };
  }
  return undefined;
}
