// Stream Mode frames → the core. Each CALLBACK frame is ACKed first, synchronously, before anything
// else happens (a late ACK makes DingTalk redeliver the frame, 16–60 s later in practice), then
// normalised and handed to the core, which dedupes durably by event id (robot msgId, or the card
// callback's frame messageId) — so a redelivery that does arrive is answered 'duplicate' and not applied.
// Acked frames wait for a place among the events being worked on (src/bot/admission.ts); one that gets none in
// time, or that the core cannot take, is answered "nothing was changed, try again" — never silently dropped.
import type { DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from 'pino';
import type { Admission } from '../../src/bot/admission.js';
import type { BotCore, CoreResponse, InboundEvent, OutgoingMessage, Recipient, SentRef } from '../../src/bot/port.js';
import type { StepState } from './render.js';
import { retryWhenThrottled } from '../../src/bot/throttle-retry.js';
import { t } from '../../src/i18n/index.js';
import {
  normalizeCardCallback,
  normalizeRobotMessage,
  TOPIC_CARD,
  TOPIC_ROBOT,
  type NormalizeDeps,
  type SessionReply,
} from './normalize.js';

export interface InboundDeps extends NormalizeDeps {
  core: BotCore;
  logger: Logger;
  admission: Admission;
  ack: (messageId: string) => void;
  /** Direct (non-outbox) delivery, for the in-place card update and the unknown-user answer. */
  update: (ref: SentRef, msg: OutgoingMessage, step?: StepState) => Promise<void>;
  send: (to: Recipient, msg: OutgoingMessage, key: string) => Promise<unknown>;
  /** Reply through a robot message's sessionWebhook. */
  replyInSession: (url: string, text: string) => Promise<void>;
  now?: () => number;
}

export function createFrameHandler(deps: InboundDeps): (frame: DWClientDownStream) => Promise<void> {
  const log = deps.logger;
  return async (frame) => {
    const messageId = frame.headers?.messageId;
    if (messageId) deps.ack(messageId);
    const topic = frame.headers?.topic;
    const data = typeof frame.data === 'string' ? frame.data : '';
    const n =
      topic === TOPIC_ROBOT
        ? normalizeRobotMessage(data, deps)
        : topic === TOPIC_CARD && messageId
          ? normalizeCardCallback(data, messageId, deps)
          : ({ ok: false, reason: `unhandled topic ${String(topic)}` } as const);
    if (!n.ok) {
      log.warn({ topic, messageId, reason: n.reason }, 'dingtalk stream: frame acked and ignored');
      return;
    }
    const event = n.event;
    // The frame is already acked: a failure here is logged, never thrown into the SDK's socket listener.
    const tell = async (key: 'error.busy' | 'error.internal') => {
      try {
        await deps.send(
          { kind: 'user', platformUserId: event.user.platformUserId },
          { kind: 'text', text: t(event.user.locale ?? 'zh-CN', key) },
          `${key}:${event.eventId}`,
        );
      } catch (err) {
        log.error({ err, eventId: event.eventId }, 'dingtalk: could not tell the person their event was not handled');
      }
    };
    await deps.admission.run(
      async () => {
        let res: CoreResponse;
        try {
          res = await deps.core.handle(event);
        } catch (err) {
          // Nothing of the event was kept (its unit of work rolled back): the person may try again.
          log.error({ err, eventId: event.eventId }, 'dingtalk: the core failed on an acked event; telling the person');
          await tell('error.internal');
          return;
        }
        try {
          await answer(event, res, deps, n.session);
        } catch (err) {
          log.error({ err, eventId: event.eventId }, 'dingtalk: answering an inbound event failed');
        }
      },
      () => tell('error.busy'),
    );
  };
}

async function answer(
  event: InboundEvent,
  res: CoreResponse,
  deps: InboundDeps,
  session: SessionReply | undefined,
): Promise<void> {
  if (res.outcome === 'duplicate') return;
  if (res.outcome === 'unknown_user' && res.text) {
    // Someone the org does not know may not be a staff member DingTalk lets the robot message directly:
    // answer in the conversation through its sessionWebhook while it is valid, else as a robot message.
    const now = (deps.now ?? Date.now)();
    if (session && (session.expiresAt === undefined || session.expiresAt > now)) {
      try {
        await deps.replyInSession(session.url, res.text);
        return;
      } catch (err) {
        deps.logger.warn({ err }, 'dingtalk: sessionWebhook reply failed, sending a robot message instead');
      }
    }
    await deps.send(event.replyTo, { kind: 'text', text: res.text }, `unknown:${event.eventId}`);
    return;
  }
  if (event.type !== 'action' || !event.cardRef) return;
  const cardRef = event.cardRef;
  // A throttled redraw is waited out a few times; if the card still cannot move on, the person is told
  // (a stepper would otherwise sit on the same question in silence).
  const redraw = async (draw: () => Promise<void>) => {
    try {
      await retryWhenThrottled(draw);
    } catch (err) {
      deps.logger.warn({ err, eventId: event.eventId }, 'dingtalk: the card could not be redrawn; telling the person');
      await deps.send(
        { kind: 'user', platformUserId: event.user.platformUserId },
        { kind: 'text', text: t(res.locale ?? 'zh-CN', 'card.redrawFailed') },
        `redraw:${event.eventId}`,
      );
    }
  };
  if (event.openForm && res.form) {
    // A stepper tap: show the form's next unanswered question, carrying the answers so far.
    const answers = Object.fromEntries(
      Object.entries(event.values ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    await redraw(() =>
      deps.update(cardRef, { kind: 'card', card: res.form! }, { answers, by: event.user.platformUserId }),
    );
    return;
  }
  if (res.card) {
    // The re-rendered card carries the outcome (a toast would have nowhere to go: the ACK already answered).
    await redraw(() => deps.update(cardRef, { kind: 'card', card: res.card! }));
    return;
  }
  // No card carries the outcome (e.g. a refused save on a stepper): without this the tap would seem to do
  // nothing, so the toast and the field messages go to the person as a robot message.
  const notice = noticeText(res);
  if (notice)
    await deps.send(
      { kind: 'user', platformUserId: event.user.platformUserId },
      { kind: 'text', text: notice },
      `notice:${event.eventId}`,
    );
}

/** The toast and each distinct field message, one per line; undefined when there is nothing to say. */
export function noticeText(res: Pick<CoreResponse, 'toast' | 'fieldErrors'>): string | undefined {
  const lines = [
    ...new Set(
      [res.toast?.text, ...Object.values(res.fieldErrors ?? {})].filter((x): x is string => !!x && x.trim() !== ''),
    ),
  ];
  return lines.length ? lines.join('\n') : undefined;
}
