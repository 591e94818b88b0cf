// Delivery over DingTalk's OpenAPI: robot messages (1:1 batchSend, group send) and template card
// instances (createAndDeliver, update). Cards are card-template instances because that is DingTalk's
// documented path for cards whose buttons call back and that are updated later (README: "Cards").
//
// Nothing is cut silently (issue 18): a card is fitted to DingTalk's limits first (cards/fit.ts, with
// `cardFits` / `robotFits` measuring the exact payload). On send, what does not fit goes out as continuation
// messages, returned to the outbox in `continuations` (queued right after, to the same person, in order);
// on update — a card edited in place cannot grow new messages — it becomes a note and a link to the app.
// A text longer than one message is sent as several.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FitMode } from '../../cards/fit.js';
import type { CardView } from '../../cards/view.js';
import {
  DeliveryError,
  type BatchOutcome,
  type OutgoingMessage,
  type Recipient,
  type SendOptions,
  type SendResult,
  type SentRef,
} from '../../src/bot/port.js';
import type { DingTalkApi } from './api-client.js';
import { DINGTALK_LIMITS } from './limits.js';
import {
  fitDingTalkCard,
  renderCard,
  renderFallbackMessage,
  renderText,
  textPieces,
  type RenderOptions,
  type StepState,
} from './render.js';

// POST /v1.0/robot/oToMessages/batchSend → {processQueryKey, invalidStaffIdList, flowControlledStaffIdList}
const batchSendSchema = z.object({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});
// POST /v1.0/robot/groupMessages/send → {processQueryKey}
const groupSendSchema = z.object({ processQueryKey: z.string() });
// POST /v1.0/card/instances/createAndDeliver → {success, result: {outTrackId, deliverResults: [...]}}
const deliverSchema = z.object({
  success: z.boolean().optional(),
  result: z.object({
    outTrackId: z.string().optional(),
    deliverResults: z
      .array(
        z.object({ success: z.boolean(), spaceId: z.string().optional(), errorMsg: z.string().optional() }).loose(),
      )
      .default([]),
  }),
});
// PUT /v1.0/card/instances → {success, result: true}
const updateSchema = z.object({ success: z.boolean().optional(), result: z.boolean().optional() });

export interface OutboundOptions extends RenderOptions {
  robotCode: string;
  /** The card template id (DINGTALK_CARD_TEMPLATE_ID); without it cards go out as robot action cards. */
  cardTemplateId?: string;
}

/** Deterministic per outbox row: a resend after a crash targets the same card instance. */
export function outTrackIdFor(idempotencyKey: string): string {
  return `vt-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

export class DingTalkOutbound {
  constructor(
    private readonly api: DingTalkApi,
    private readonly opts: OutboundOptions,
  ) {}

  /** The message as DingTalk will take it: the first part, and the parts that follow it. */
  private fitted(
    msg: OutgoingMessage,
    mode: FitMode,
    step?: StepState,
  ): { first: OutgoingMessage; rest: OutgoingMessage[] } {
    if (msg.kind === 'text') {
      const pieces = textPieces(msg.text);
      const texts = pieces.map((text): OutgoingMessage => ({ kind: 'text', text }));
      return { first: texts[0] ?? msg, rest: texts.slice(1) };
    }
    const cards = this.fitCardView(msg.card, mode, step);
    return {
      first: { kind: 'card', card: cards[0]! },
      rest: cards.slice(1).map((card): OutgoingMessage => ({ kind: 'card', card })),
    };
  }

  /** fitCard with the measure of the way this card will go: a template card, or a robot action card. */
  private fitCardView(card: CardView, mode: FitMode, step?: StepState): CardView[] {
    return fitDingTalkCard(card, this.opts, { template: Boolean(this.opts.cardTemplateId), mode, step });
  }

  private robotMessage(msg: OutgoingMessage): { msgKey: string; msgParam: Record<string, string> } {
    return msg.kind === 'text'
      ? renderText(msg.text)
      : renderFallbackMessage(renderCard(msg.card, this.opts), this.opts);
  }

  async send(to: Recipient, msg: OutgoingMessage, sendOpts: SendOptions): Promise<SendResult> {
    const { first, rest } = this.fitted(msg, 'send');
    const ref =
      first.kind === 'card' && this.opts.cardTemplateId
        ? await this.sendCard(to, first, sendOpts)
        : await this.sendRobotRef(to, first);
    return rest.length > 0 ? { ...ref, continuations: rest } : ref;
  }

  /** Send now, outside the outbox (an answer to a press), with every continuation right after, in order. */
  async sendNow(to: Recipient, msg: OutgoingMessage, idempotencyKey: string): Promise<SentRef> {
    const { continuations, ...ref } = await this.send(to, msg, { idempotencyKey });
    let i = 2;
    for (const next of continuations ?? []) await this.send(to, next, { idempotencyKey: `${idempotencyKey}#${i++}` });
    return ref;
  }

  private async sendRobotRef(to: Recipient, msg: OutgoingMessage): Promise<SentRef> {
    const messageId = await this.sendRobot(to, this.robotMessage(msg));
    // Robot messages cannot be edited: the ref remembers the recipient so update() can send afresh.
    return {
      messageId,
      chatId: to.kind === 'chat' ? to.chatId : undefined,
      extra: { kind: 'robot', to: to.kind === 'chat' ? `chat:${to.chatId}` : `user:${to.platformUserId}` },
    };
  }

  /** Robot messages (text, and cards when no card template is configured) can go to 20 people in one
   *  batchSend; template cards are one createAndDeliver per person, keyed by their own outTrackId. */
  canBatch(msg: OutgoingMessage): boolean {
    return msg.kind === 'text' || !this.opts.cardTemplateId;
  }

  /** One batchSend for up to 20 people; each is answered on its own (flow-controlled → throttled, invalid
   *  staff id → permanent). */
  async sendBatch(to: Recipient[], msg: OutgoingMessage): Promise<BatchOutcome[]> {
    const userIds = to.map((r) => (r.kind === 'user' ? r.platformUserId : ''));
    if (userIds.some((id) => !id) || userIds.length > DINGTALK_LIMITS.maxBatchUserIds)
      throw new DeliveryError('dingtalk: a batch is up to 20 people, 1:1 only', 'permanent');
    // Everyone gets the same first part; each person's row queues the rest for them.
    const { first, rest } = this.fitted(msg, 'send');
    const continuations = rest.length > 0 ? { continuations: rest } : {};
    const robotMsg = this.robotMessage(first);
    const res = await this.api.v1(
      'POST',
      '/v1.0/robot/oToMessages/batchSend',
      {
        robotCode: this.opts.robotCode,
        userIds,
        msgKey: robotMsg.msgKey,
        msgParam: JSON.stringify(robotMsg.msgParam),
      },
      batchSendSchema,
    );
    return userIds.map((id): BatchOutcome => {
      if (res.flowControlledStaffIdList?.includes(id))
        return { ok: false, error: new DeliveryError('dingtalk: recipient flow-controlled', 'rate_limited', 1_000) };
      if (res.invalidStaffIdList?.includes(id) || !res.processQueryKey)
        return {
          ok: false,
          error: new DeliveryError('dingtalk: recipient is not a valid staff id for this robot', 'permanent'),
        };
      return {
        ok: true,
        ref: { messageId: res.processQueryKey, extra: { kind: 'robot', to: `user:${id}` }, ...continuations },
      };
    });
  }

  /** `step`: a form stepper in progress, when the update shows its next question. An update is one message:
   *  what does not fit becomes a note and a link to the app (fitCard 'update'). */
  async update(ref: SentRef, msg: OutgoingMessage, step?: StepState): Promise<void> {
    if (ref.extra?.kind === 'card' && msg.kind === 'card') {
      const [card] = this.fitCardView(msg.card, 'update', step);
      const rendered = renderCard(card!, this.opts, step);
      // updateCardDataByKey false: the new variables replace the old ones as a whole.
      await this.api.v1(
        'PUT',
        '/v1.0/card/instances',
        {
          outTrackId: ref.messageId,
          cardData: { cardParamMap: rendered.cardParamMap },
          cardUpdateOptions: { updateCardDataByKey: false },
        },
        updateSchema,
      );
      return;
    }
    const to = ref.extra?.to;
    if (!to) throw new DeliveryError('dingtalk: this message cannot be updated', 'permanent');
    const recipient: Recipient = to.startsWith('chat:')
      ? { kind: 'chat', chatId: to.slice(5) }
      : { kind: 'user', platformUserId: to.slice(5) };
    // A robot message cannot be edited: the update is sent afresh — a card as one message (like any update),
    // a long text in as many messages as it needs.
    if (msg.kind === 'card') {
      const [card] = this.fitCardView(msg.card, 'update');
      await this.sendRobot(recipient, this.robotMessage({ kind: 'card', card: card! }));
      return;
    }
    for (const text of textPieces(msg.text)) await this.sendRobot(recipient, renderText(text));
  }

  private async sendCard(
    to: Recipient,
    msg: Extract<OutgoingMessage, { kind: 'card' }>,
    sendOpts: SendOptions,
  ): Promise<SentRef> {
    const rendered = renderCard(msg.card, this.opts);
    const outTrackId = outTrackIdFor(sendOpts.idempotencyKey);
    const space =
      to.kind === 'user'
        ? {
            openSpaceId: `dtv1.card//IM_ROBOT.${to.platformUserId}`,
            imRobotOpenSpaceModel: { supportForward: false },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.opts.robotCode },
          }
        : {
            openSpaceId: `dtv1.card//IM_GROUP.${to.chatId}`,
            imGroupOpenSpaceModel: { supportForward: false },
            imGroupOpenDeliverModel: { robotCode: this.opts.robotCode },
          };
    const res = await this.api.v1(
      'POST',
      '/v1.0/card/instances/createAndDeliver',
      {
        cardTemplateId: this.opts.cardTemplateId,
        outTrackId,
        // Button taps come back over the Stream connection (TOPIC_CARD), not to an HTTP URL.
        callbackType: 'STREAM',
        cardData: { cardParamMap: rendered.cardParamMap },
        userIdType: 1,
        ...space,
      },
      deliverSchema,
    );
    const failed = res.result.deliverResults.find((r) => !r.success);
    if (failed) throw new DeliveryError(`dingtalk: card not delivered (${failed.errorMsg ?? 'unknown'})`, 'permanent');
    return { messageId: outTrackId, chatId: to.kind === 'chat' ? to.chatId : undefined, extra: { kind: 'card' } };
  }

  private async sendRobot(to: Recipient, m: { msgKey: string; msgParam: Record<string, string> }): Promise<string> {
    const msgParam = JSON.stringify(m.msgParam);
    if (to.kind === 'chat') {
      const res = await this.api.v1(
        'POST',
        '/v1.0/robot/groupMessages/send',
        {
          robotCode: this.opts.robotCode,
          openConversationId: to.chatId,
          msgKey: m.msgKey,
          msgParam,
        },
        groupSendSchema,
      );
      return res.processQueryKey;
    }
    const res = await this.api.v1(
      'POST',
      '/v1.0/robot/oToMessages/batchSend',
      {
        robotCode: this.opts.robotCode,
        userIds: [to.platformUserId],
        msgKey: m.msgKey,
        msgParam,
      },
      batchSendSchema,
    );
    if (res.flowControlledStaffIdList?.includes(to.platformUserId)) {
      throw new DeliveryError('dingtalk: recipient flow-controlled', 'rate_limited', 1_000);
    }
    if (res.invalidStaffIdList?.includes(to.platformUserId) || !res.processQueryKey) {
      throw new DeliveryError('dingtalk: recipient is not a valid staff id for this robot', 'permanent');
    }
    return res.processQueryKey;
  }
}
