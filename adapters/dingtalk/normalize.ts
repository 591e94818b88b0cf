// The one normaliser for DingTalk inbound traffic: a Stream Mode CALLBACK frame's `data` (a JSON string)
// → a port InboundEvent. Robot messages (topic /v1.0/im/bot/messages/get) become commands ("/help") or
// messages; card callbacks (topic /v1.0/card/instances/callback) become actions. Everything is checked
// with zod; anything else is reported as `ignored` with a reason (the caller has already acked the frame).
import { z } from 'zod';
import { actionRefSchema } from '../../cards/view.js';
import type { InboundEvent, PlatformUser, Recipient } from '../../src/bot/port.js';
import type { StepCodec } from './step-seal.js';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

// Robot message payload (DingTalk "机器人接收消息" / dingtalk-stream RobotTextMessage): conversationType
// '1' = 1:1, '2' = group; conversationId is the group's openConversationId; senderStaffId is the
// userid inside the bot's organisation (absent for people from other organisations).
const robotMessageSchema = z
  .object({
    msgId: z.string().min(1),
    msgtype: z.string(),
    conversationId: z.string().min(1),
    conversationType: z.enum(['1', '2']),
    senderId: z.string().optional(),
    senderStaffId: z.string().min(1).optional(),
    senderNick: z.string().optional(),
    text: z.object({ content: z.string() }).optional(),
    robotCode: z.string().optional(),
    sessionWebhook: z.string().optional(),
    sessionWebhookExpiredTime: z.number().optional(),
  })
  .loose();
export type RobotMessage = z.infer<typeof robotMessageSchema>;

// Card callback payload: content (and a duplicate `value`) is a JSON string
// {"cardPrivateData":{"actionIds":[...],"params":{...}}}; outTrackId names the card instance.
const cardCallbackSchema = z
  .object({
    outTrackId: z.string().min(1),
    userId: z.string().min(1),
    content: z.string().optional(),
    value: z.string().optional(),
    spaceType: z.string().optional(),
    spaceId: z.string().optional(),
    corpId: z.string().optional(),
  })
  .loose();
const cardContentSchema = z.object({
  cardPrivateData: z.object({
    actionIds: z.array(z.string()).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
});
// The button params our template sends back (see render.ts CardButton). Empty strings are how a card
// template passes a loop item's missing field, so they count as absent.
const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional());
const buttonParamsSchema = z.object({
  k: actionRefSchema.shape.k,
  id: opt(actionRefSchema.shape.id.unwrap()),
  v: opt(actionRefSchema.shape.v.unwrap()),
  f: opt(z.string().min(1)),
  fv: opt(z.string()),
  a: opt(z.string()),
  u: opt(z.string()),
  n: opt(z.literal('1')),
});

/** A robot message's sessionWebhook: a reply URL for that conversation that needs no token and works for
 *  anyone in it, including people outside the organisation (who have no staff id to send to). */
export interface SessionReply {
  url: string;
  expiresAt?: number;
}

export type Normalized = { ok: true; event: InboundEvent; session?: SessionReply } | { ok: false; reason: string };

export interface NormalizeDeps {
  /** Lazy profile lookup (oapi user/get) for a user the core does not know yet. */
  lookupProfile: (userId: string) => PlatformUser['lookupProfile'];
  /** Opens a stepper's sealed earlier answers. */
  step: StepCodec;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Group messages start with the @mention of the bot ("@Vitality /help"); DingTalk separates it with a
 *  space or U+2005. Drop leading mentions so the command is what is left. */
export function stripMentions(text: string): string {
  return text.replace(/^(?:[\s\u2005]*@[^\s\u2005]+)+[\s\u2005]*/u, '').trim();
}

export function normalizeRobotMessage(data: string, deps: NormalizeDeps): Normalized {
  const parsed = robotMessageSchema.safeParse(parseJson(data));
  if (!parsed.success) return { ok: false, reason: 'malformed robot message' };
  const m = parsed.data;
  if (m.msgtype !== 'text' || !m.text) return { ok: false, reason: `unsupported msgtype ${m.msgtype}` };
  const platformUserId = m.senderStaffId ?? m.senderId;
  if (!platformUserId) return { ok: false, reason: 'robot message without a sender' };
  const user: PlatformUser = { platformUserId, displayName: m.senderNick };
  if (m.senderStaffId) user.lookupProfile = deps.lookupProfile(m.senderStaffId);
  const replyTo: Recipient =
    m.conversationType === '1' ? { kind: 'user', platformUserId } : { kind: 'chat', chatId: m.conversationId };
  const text = stripMentions(m.text.content);
  const base = { platform: 'dingtalk' as const, eventId: m.msgId, user, replyTo };
  const session = m.sessionWebhook ? { url: m.sessionWebhook, expiresAt: m.sessionWebhookExpiredTime } : undefined;
  const cmd = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  if (cmd)
    return {
      ok: true,
      session,
      event: { ...base, type: 'command', name: cmd[1]!.toLowerCase(), args: cmd[2]!.trim() },
    };
  return { ok: true, session, event: { ...base, type: 'message', text } };
}

/** `messageId` is the Stream frame's id: a frame DingTalk redelivers (no ACK in time) carries the same
 *  one, while two real taps on the same button are two frames — so it, not outTrackId+params, is the
 *  dedupe key. */
export function normalizeCardCallback(data: string, messageId: string, deps: NormalizeDeps): Normalized {
  const parsed = cardCallbackSchema.safeParse(parseJson(data));
  if (!parsed.success) return { ok: false, reason: 'malformed card callback' };
  const cb = parsed.data;
  const content = cardContentSchema.safeParse(parseJson(cb.content ?? cb.value ?? ''));
  if (!content.success) return { ok: false, reason: 'card callback without cardPrivateData' };
  const params = buttonParamsSchema.safeParse(content.data.cardPrivateData.params);
  if (!params.success) return { ok: false, reason: 'card callback params are not an action reference' };
  const { f, fv, a, u, n, ...action } = params.data;
  let answers: Record<string, string> = {};
  // Earlier answers count only for the person who gave them (`u`); in a group, someone else tapping the
  // same card starts their own.
  if (a !== undefined && (u === undefined || u === cb.userId)) {
    const earlier = deps.step.open(a);
    if (!earlier) return { ok: false, reason: 'card callback with malformed stepper answers' };
    answers = earlier;
  }
  if (f && fv !== undefined) answers[f] = fv;
  const replyTo: Recipient =
    cb.spaceType?.toUpperCase() === 'IM_GROUP' && cb.spaceId
      ? { kind: 'chat', chatId: cb.spaceId }
      : { kind: 'user', platformUserId: cb.userId };
  return {
    ok: true,
    event: {
      platform: 'dingtalk',
      type: 'action',
      eventId: `card:${messageId}`,
      user: { platformUserId: cb.userId, lookupProfile: deps.lookupProfile(cb.userId) },
      replyTo,
      action,
      values: Object.keys(answers).length > 0 ? answers : undefined,
      // A stepper tap with more questions to come: ask the core for the form, to show the next question.
      ...(n ? { openForm: true } : {}),
      cardRef: { messageId: cb.outTrackId, extra: { kind: 'card' } },
    },
  };
}
