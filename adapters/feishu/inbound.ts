// Inbound events -> the core, shared by the webhook and the long-connection transports: both give the SDK's
// EventDispatcher a decrypted v2 event; its handlers normalise, call the core and build Feishu's answer.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { BotCore, CoreResponse, InboundEvent, ToastTone } from '../../src/bot/port.js';
import type { FeishuClient } from './client.js';
import type { PageState } from './page-seal.js';
import {
  EVENT_BOT_MENU,
  EVENT_CARD_ACTION,
  EVENT_MESSAGE,
  normalizeCardAction,
  normalizeMenu,
  normalizeMessage,
  type Normalized,
  type ProfileLookup,
} from './normalize.js';
import { clipText } from '../../cards/fit.js';
import type { FormValues } from '../../cards/view.js';
import type { PageCodec, RawAnswers } from './page-seal.js';
import { type CardJson, fitFeishu, joinParts, pageOfField, type RenderContext, renderFitted } from './render.js';
import { sdkLogger } from './sdk-support.js';

/** Feishu's card-callback answer (card.action.trigger): a toast and/or the replacement card JSON 2.0. */
export interface CallbackAnswer {
  toast?: { type: ToastTone; content: string };
  card?: { type: 'raw'; data: CardJson };
}

/** A toast is one or two lines on a phone. */
const TOAST_MAX_CHARS = 120;

/** Card callbacks must be answered within 3 s (Feishu shows an error otherwise); keep a margin. */
export const CALLBACK_BUDGET_MS = 2500;

/** An action value we did not make (or one from an older card layout) goes to the core as an unknown
 *  action, which answers with its "this card has expired" card. */
export const UNKNOWN_ACTION = { k: 'feishu.unknown' } as const;

/** The answer to a callback. A card answered here replaces the pressed card in place, so it is fitted as an
 *  update: what does not fit becomes a note and an "open in app" link (cards/fit.ts), never a refusal. */
export function callbackAnswer(res: CoreResponse, log: Logger, ctx: RenderContext): CallbackAnswer {
  const out: CallbackAnswer = {};
  // Feishu has no per-field error display on a card callback: field errors ride in the toast.
  const errors = [...new Set(res.fieldErrors ? Object.values(res.fieldErrors) : [])];
  if (res.toast) {
    // A field error that only repeats the toast (e.g. "a reason is required") is not shown twice.
    const extra = errors.filter((e) => e !== res.toast!.text);
    const content = extra.length ? `${res.toast.text} ${extra.join(' ')}` : res.toast.text;
    out.toast = { type: res.toast.tone, content: clipText(content, TOAST_MAX_CHARS) };
  } else if (errors.length) out.toast = { type: 'error', content: clipText(errors.join(' '), TOAST_MAX_CHARS) };
  else if (res.outcome === 'unknown_user' && res.text)
    out.toast = { type: 'info', content: clipText(res.text, TOAST_MAX_CHARS) };
  if (res.card) {
    try {
      const [first] = fitFeishu(res.card, 'update', ctx);
      if (first) out.card = { type: 'raw', data: renderFitted(first, ctx) };
    } catch (e) {
      log.error({ err: e }, 'feishu: could not render the callback card');
    }
  }
  return out;
}

export interface InboundDeps {
  getCore: () => BotCore | undefined;
  client: FeishuClient;
  logger: Logger;
  /** Profile lookup for users not yet linked (contact/v3/users/:id). */
  lookup: ProfileLookup;
  /** Reads and seals form submit names (page-seal.ts). */
  codec: PageCodec;
  /** The mini-app home, for "open in app" links. */
  appUrl: string;
}

export function createDispatcher(deps: InboundDeps): lark.EventDispatcher {
  const { logger: log } = deps;
  const ctx: RenderContext = { codec: deps.codec, appUrl: deps.appUrl };

  async function toCore(n: Normalized, type: string): Promise<CoreResponse | undefined> {
    if (!n.ok) {
      log.debug({ reason: n.reason, type }, 'feishu: event ignored');
      return undefined;
    }
    return run(n.event);
  }

  async function run(event: InboundEvent): Promise<CoreResponse | undefined> {
    const core = deps.getCore();
    if (!core) throw new Error('feishu adapter not started');
    const res = await core.handle(event);
    if (res.outcome === 'unknown_user' && res.text) {
      // No employee to route through the outbox: answer the person directly. The event id as uuid makes a
      // re-pushed event send nothing new (Feishu dedupes uuid within 1 h).
      const text = res.text;
      void deps.client
        .sendMessage(
          { kind: 'user', platformUserId: event.user.platformUserId },
          'text',
          JSON.stringify({ text }),
          `u-${event.eventId}`,
        )
        .catch((e: unknown) => log.warn({ err: e }, 'feishu: could not answer an unknown user'));
    }
    return res;
  }

  /**
   * A page of a long form was submitted. A middle page asks the core for the form (openForm, as the DingTalk
   * stepper does) and answers with the next page, carrying every answer so far sealed in its submit; the last
   * page sends all answers at once as one ordinary submission. If the core then finds field errors, the
   * answer shows the page holding the first one, with everything entered kept.
   */
  async function pageStep(event: InboundEvent, page: PageState, raw: RawAnswers): Promise<CallbackAnswer> {
    if (event.type !== 'action') return {};
    const answers: RawAnswers = { ...page.answers, ...raw };
    const values: FormValues = joinParts(answers);
    const by = event.user.platformUserId;
    if (page.page < page.pages) {
      const res = await run({ ...event, values, openForm: true });
      if (!res) return {};
      if (!res.form) return callbackAnswer(res, log, ctx);
      return {
        card: { type: 'raw', data: renderFitted(res.form, { ...ctx, page: page.page + 1, carry: { answers, by } }) },
      };
    }
    const res = await run({ ...event, values });
    if (!res) return {};
    const out = callbackAnswer(res, log, ctx);
    const firstError = Object.keys(res.fieldErrors ?? {})[0];
    if (firstError !== undefined && !res.card) {
      const again = await run({ ...event, eventId: `${event.eventId}:form`, values, openForm: true });
      const form = again?.form;
      const block = form?.blocks.find((b) => b.type === 'form');
      if (form && block?.type === 'form') {
        const at = pageOfField(block, firstError) ?? page.page;
        out.card = { type: 'raw', data: renderFitted(form, { ...ctx, page: at, carry: { answers, by } }) };
      }
    }
    return out;
  }

  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger(log), loggerLevel: lark.LoggerLevel.warn });
  type Handler = (data: unknown) => Promise<unknown>;
  dispatcher.register<Record<string, Handler>>({
    [EVENT_MESSAGE]: async (data: unknown) => {
      await toCore(normalizeMessage(data, deps.lookup), EVENT_MESSAGE);
      return {};
    },
    [EVENT_BOT_MENU]: async (data: unknown) => {
      await toCore(normalizeMenu(data, deps.lookup), EVENT_BOT_MENU);
      return {};
    },
    [EVENT_CARD_ACTION]: async (data: unknown): Promise<CallbackAnswer> => {
      let n = normalizeCardAction(data, deps.lookup, deps.codec);
      if (!n.ok && n.badAction) {
        n = normalizeCardAction(withAction(data, UNKNOWN_ACTION), deps.lookup);
      }
      const work =
        n.ok && n.page
          ? pageStep(n.event, n.page, n.raw ?? {})
          : toCore(n, EVENT_CARD_ACTION).then((res) => (res ? callbackAnswer(res, log, ctx) : {}));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<CallbackAnswer>((resolve) => {
        timer = setTimeout(() => {
          log.warn('feishu: card callback took longer than the 3 s budget; answered empty');
          resolve({});
        }, CALLBACK_BUDGET_MS);
      });
      try {
        return await Promise.race([work, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return dispatcher;
}

function withAction(data: unknown, value: object): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const rec = data as Record<string, unknown>;
  const action = typeof rec['action'] === 'object' && rec['action'] !== null ? rec['action'] : {};
  return { ...rec, action: { ...action, value } };
}
