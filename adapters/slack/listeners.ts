// Bolt listeners: normalise → ack → core → apply the core's answer (card update, modal, home, DM).
// Commands, block actions and events are acked BEFORE the core is called (Bolt acks events itself), but only
// once the event has a place among those being worked on (src/bot/admission.ts): one that gets none in time is
// acked with "busy, nothing was done" — never acked and then lost. A core that fails after the ack is said too.
// A view_submission is the exception: its ack carries `response_action: 'errors'`, so the core's
// validation must run first — it is a synchronous SQLite check, well inside Slack's 3 s.
// A form longer than a modal holds is shown page by page (render-modal.ts): each page's submission is answered
// with the next page (`response_action: 'update'`) without calling the core, and the last page hands the core
// every answer at once, as a one-page form does.
import { randomUUID } from 'node:crypto';
import type { App, RespondFn, types } from '@slack/bolt';
import type { CardView, FormValues } from '../../cards/view.js';
import { fitWords } from '../../cards/fit.js';
import type { Logger } from 'pino';
import type { ActionEvent, BotCore, CoreResponse, InboundEvent, Locale } from '../../src/bot/port.js';
import type { SlackClient } from './client.js';
import type { ProfileCache } from './profiles.js';
import type { Admission } from '../../src/bot/admission.js';
import { retryWhenThrottled } from '../../src/bot/throttle-retry.js';
import { t } from '../../src/i18n/index.js';
import {
  commandBodySchema,
  normalizeBlockAction,
  normalizeCommand,
  normalizeEvent,
  normalizeViewSubmission,
  type NormalizeContext,
  nextStepForm,
} from './normalize.js';
import {
  MODAL_CALLBACK_ID,
  metadataFits,
  modalLayout,
  pageOfField,
  renderModal,
  renderNoticeModal,
  type ModalMeta,
  type ModalOrigin,
} from './render-modal.js';
import { fitMessage, renderMessage } from './render.js';

/** A small in-memory keep (oldest dropped first): paged forms' cards, and answers too long for
 *  private_metadata. Lost on a restart — then the next page is asked of the core again (the form's
 *  `openForm`), and answers that were kept here are asked for again with a clear note. */
class Keep<T> {
  private readonly items = new Map<string, T>();
  constructor(private readonly max = 2000) {}
  put(value: T): string {
    const key = randomUUID().replace(/-/g, '').slice(0, 16);
    this.items.set(key, value);
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value ?? '');
    return key;
  }
  get(key: string | undefined): T | undefined {
    return key === undefined ? undefined : this.items.get(key);
  }
}
const keptForms = new Keep<CardView>();
const keptAnswers = new Keep<FormValues>();

/** The view of one page of a form: the card kept for the next pages when there are several, and the answers
 *  so far in private_metadata — or kept here when they would not fit in its 3000 characters. */
export function formPage(
  card: CardView,
  origin: ModalOrigin,
  page = 0,
  answers: FormValues = {},
  notes?: string[],
  formKey?: string,
): types.ModalView {
  const paged = modalLayout(card).pages.length > 1;
  const key = paged ? (formKey ?? keptForms.put(card)) : undefined;
  const opts = { page, answers, ...(key ? { formKey: key } : {}), ...(notes ? { notes } : {}) };
  const view = renderModal(card, origin, undefined, opts);
  return metadataFits(view)
    ? view
    : renderModal(card, origin, undefined, { ...opts, answersKey: keptAnswers.put(answers) });
}

export interface ListenerDeps {
  client: SlackClient;
  profiles: ProfileCache;
  logger: Logger;
  ctx: NormalizeContext;
  core: () => BotCore | undefined;
  admission: Admission;
}

interface Answer {
  event: InboundEvent;
  respond?: RespondFn | undefined;
  /** Where the acted-on card lives when it is not a message (the Home tab). */
  viewType?: string | undefined;
}

async function callCore(deps: ListenerDeps, event: InboundEvent): Promise<CoreResponse | undefined> {
  const core = deps.core();
  if (!core) return undefined;
  // Email and locale come from users.info (cached) only when the core asks (event.user.lookupProfile): to link
  // a new person, or for the language of someone whose employee record has none — not on every press.
  return core.handle(event);
}

/** Apply what the core answered: the card in place, a text for the person; a toast only when there is
 *  no card to show the result (Slack has no toasts: it becomes an ephemeral message via response_url). */
async function apply(deps: ListenerDeps, res: CoreResponse, a: Answer): Promise<void> {
  const { client } = deps;
  const userId = a.event.user.platformUserId;
  if (res.outcome === 'duplicate') return;
  if (res.outcome === 'unknown_user') {
    // Not in the org: there is no employee to route through the outbox, so DM the person directly.
    if (res.text) await client.send({ kind: 'user', platformUserId: userId }, { kind: 'text', text: res.text });
    return;
  }
  if (res.card && a.event.type === 'action') {
    const cardRef = a.event.cardRef;
    const card = res.card;
    if (cardRef) {
      // Not an outbox row: a throttled redraw is waited out here, and if it still fails the presser is told.
      try {
        await retryWhenThrottled(() => client.update(cardRef, { kind: 'card', card }));
      } catch (err) {
        deps.logger.warn({ err }, 'slack: the card could not be redrawn; telling the presser');
        const text = t(res.locale ?? 'en', 'card.redrawFailed');
        if (a.respond) await a.respond({ response_type: 'ephemeral', replace_original: false, text });
        else await client.send({ kind: 'user', platformUserId: userId }, { kind: 'text', text });
      }
    } else if (a.viewType === 'home') await client.publishHome(userId, res.card);
    else if (a.respond) {
      // Replaced in place: what does not fit one message becomes a note and a link to the app.
      const [fitted] = fitMessage(res.card, 'update', deps.client.appHome);
      await a.respond({ replace_original: true, ...renderMessage(fitted ?? res.card) });
    }
  }
  if (res.text) {
    if (a.respond) await a.respond({ response_type: 'ephemeral', replace_original: false, text: res.text });
    else await client.send({ kind: 'user', platformUserId: userId }, { kind: 'text', text: res.text });
  } else if (res.toast && !res.card && !res.form) {
    // A refusal or a note without a card: to the presser alone, never onto the (possibly shared) message.
    if (a.respond) await a.respond({ response_type: 'ephemeral', replace_original: false, text: res.toast.text });
    else if (a.event.type === 'action' && res.outcome === 'invalid')
      await client.send({ kind: 'user', platformUserId: userId }, { kind: 'text', text: res.toast.text });
  }
}

/** A command typed in a channel (not the person's DM with the bot) is answered in the DM, through the outbox;
 *  without a word in the channel it would seem to do nothing there. Only the person sees this note. */
async function noteSentToDm(deps: ListenerDeps, body: unknown, res: CoreResponse, respond: RespondFn): Promise<void> {
  if (res.outcome !== 'handled') return;
  const p = commandBodySchema.safeParse(body);
  if (!p.success || !p.data.channel_id) return;
  const dm = await deps.client.dmChannel(p.data.user_id);
  if (p.data.channel_id === dm) return;
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: t(res.locale ?? 'en', 'command.sentToDm'),
  });
}

async function guarded(deps: ListenerDeps, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    deps.logger.error({ err }, `slack: ${what} failed`);
  }
}

/** The words for a person before (or without) the core: their Slack locale if this process has seen it. */
function wordsFor(deps: ListenerDeps, userId: string, locale?: Locale): Locale {
  return locale ?? deps.profiles.peek(userId)?.locale ?? 'en';
}

/** An acked event the core could not take (the database unreachable, a pool that timed out): nothing of it was
 *  kept, so the person is told to try again — to them alone — rather than left with a press that did nothing. */
async function coreOrTell(
  deps: ListenerDeps,
  event: InboundEvent,
  tell: (text: string) => Promise<unknown>,
): Promise<CoreResponse | undefined> {
  try {
    return await callCore(deps, event);
  } catch (err) {
    deps.logger.error({ err, type: event.type }, 'slack: the core failed after the ack; telling the person');
    const userId = event.user.platformUserId;
    await tell(t(wordsFor(deps, userId, event.user.locale), 'error.internal'));
    return undefined;
  }
}

/** Said to one person, as an ephemeral reply where Slack gave a response_url, else in their DM. */
function toPerson(deps: ListenerDeps, userId: string, respond?: RespondFn): (text: string) => Promise<unknown> {
  return (text) =>
    respond
      ? respond({ response_type: 'ephemeral', replace_original: false, text })
      : deps.client.send({ kind: 'user', platformUserId: userId }, { kind: 'text', text });
}

/** The form card of a paged modal: kept since the modal opened, or — after a restart — asked of the core
 *  again, as the form's button asks for it (`openForm` with the form's submit action). */
async function formCard(deps: ListenerDeps, meta: ModalMeta, event: ActionEvent): Promise<CardView | undefined> {
  const kept = keptForms.get(meta.f);
  if (kept) return kept;
  const { values: _values, ...rest } = event;
  const res = await callCore(deps, { ...rest, eventId: `${event.eventId}:form`, openForm: true }).catch(
    () => undefined,
  );
  return res?.form;
}

/** A button press, acked: to the core, then the modal it opens and the card it redraws. */
async function onAction(deps: ListenerDeps, body: unknown, respond: RespondFn): Promise<void> {
  const n = normalizeBlockAction(body, deps.ctx);
  if (!n?.event) return;
  const res = await coreOrTell(deps, n.event, toPerson(deps, n.event.user.platformUserId, respond));
  if (!res) return;
  // The trigger_id is valid for 3 s (https://docs.slack.dev/interactivity/handling-user-interaction).
  const form = res.form ?? (n.kind === 'action' ? nextStepForm(res.card, n.offeredForms) : undefined);
  if (form) await deps.client.openModal(n.triggerId, formPage(form, n.origin));
  await apply(deps, res, { event: n.event, respond, viewType: n.origin.viewType });
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(/.*/, async ({ body, ack, respond }) => {
    await deps.admission.run(
      async () => {
        await ack();
        await guarded(deps, 'command', async () => {
          const event = normalizeCommand(body, deps.ctx);
          if (!event) return;
          const res = await coreOrTell(deps, event, toPerson(deps, body.user_id, respond));
          if (!res) return;
          await apply(deps, res, { event, respond });
          await noteSentToDm(deps, body, res, respond);
        });
      },
      // A command's ack carries a text, shown to the person alone: no further call to Slack.
      () => ack(t(wordsFor(deps, body.user_id), 'error.busy')),
    );
  });

  app.action(/.*/, async ({ body, ack, respond }) => {
    const userId = body.user.id;
    await deps.admission.run(
      async () => {
        await ack();
        await guarded(deps, 'block action', () => onAction(deps, body, respond));
      },
      async () => {
        await ack();
        await guarded(deps, 'busy answer', async () => {
          await toPerson(deps, userId, respond)(t(wordsFor(deps, userId), 'error.busy'));
        });
      },
    );
  });

  app.view(MODAL_CALLBACK_ID, async ({ body, ack }) => {
    const n = normalizeViewSubmission(body, deps.ctx);
    if (!n) {
      await ack();
      return;
    }
    // The fields of the page on screen: a refusal is shown on the first of them, the modal kept open with every
    // answer in it, so Submit can simply be pressed again.
    const pageFields = Object.keys(n.event.values ?? {});
    const keepOpen = async (text: string) => {
      const first = pageFields[0];
      await ack(
        first
          ? { response_action: 'errors', errors: { [first]: text } }
          : { response_action: 'update', view: renderNoticeModal(n.title, text) },
      );
    };
    const words = (key: 'error.busy' | 'error.internal') =>
      t(wordsFor(deps, n.event.user.platformUserId, n.event.user.locale), key);
    const origin = { channel: n.meta.c, ts: n.meta.m };
    const paged = (n.meta.n ?? 1) > 1;
    let card: CardView | undefined;
    if (paged) {
      const earlier = n.meta.s === undefined ? (n.meta.v ?? {}) : keptAnswers.get(n.meta.s);
      card = await formCard(deps, n.meta, n.event);
      if (earlier === undefined || !card) {
        // The answers kept for this form (or the form itself) are gone: say so rather than submit half a form.
        // The last resort of issue 18: said plainly, with the way to the app, where the form can be filled in.
        const t = fitWords(card ?? { blocks: [] }, n.event.user.locale);
        await ack({
          response_action: 'update',
          view: renderNoticeModal(n.title, `${t('fit.formTooBig')}\n[${t('app.open')}](${deps.client.appHome})`),
        });
        return;
      }
      const answers: FormValues = { ...earlier, ...(n.event.values ?? {}) };
      const page = n.meta.p ?? 0;
      if (page < (n.meta.n ?? 1) - 1) {
        await ack({ response_action: 'update', view: formPage(card, origin, page + 1, answers, undefined, n.meta.f) });
        return;
      }
      // The last page: every answer goes to the core at once, as from a one-page form.
      n.event.values = answers;
    }
    const release = await deps.admission.enter();
    if (!release) {
      await keepOpen(words('error.busy'));
      return;
    }
    try {
      let res: CoreResponse | undefined;
      try {
        res = await callCore(deps, n.event);
      } catch (err) {
        // Nothing of it was kept: the modal stays open with the answers in it, and says so.
        deps.logger.error({ err }, 'slack: view submission failed');
        await keepOpen(words('error.internal'));
        return;
      }
      const errors = res?.fieldErrors ?? {};
      if (Object.keys(errors).length > 0) {
        const first = Object.keys(errors)[0] ?? '';
        const errorPage = paged && card ? pageOfField(card, first) : (n.meta.p ?? 0);
        if (!paged || !card || errorPage === (n.meta.p ?? 0)) {
          // block_id of each input is the form field id (render-modal.ts), so the map goes through as is.
          await ack({ response_action: 'errors', errors });
          return;
        }
        // The first error is on an earlier page: show that page again, answers kept, with the errors on it.
        const onPage = Object.entries(errors)
          .filter(([id]) => pageOfField(card, id) === errorPage)
          .map(([, msg]) => msg);
        await ack({
          response_action: 'update',
          view: formPage(card, origin, errorPage, n.event.values ?? {}, onPage, n.meta.f),
        });
        return;
      }
      if (res?.form) {
        // A next step (a follow-up form) replaces the modal's content in place.
        await ack({ response_action: 'update', view: formPage(res.form, origin) });
        return;
      }
      if (res?.toast && !res.card && res.outcome !== 'unknown_user') {
        // Refused without a card to show it on (e.g. not invited): say why inside the modal.
        await ack({ response_action: 'update', view: renderNoticeModal(n.title, res.toast.text) });
        return;
      }
      await ack(); // closes the modal
      if (res) await guarded(deps, 'view submission', () => apply(deps, res, { event: n.event }));
    } finally {
      release();
    }
  });

  // Events are acked by Bolt before any listener runs: a message that gets no place in time, or that the core
  // cannot take, is answered in the person's DM; an unanswered Home tab is drawn again when next opened.
  const onEvent = async ({ body }: { body: unknown }): Promise<void> => {
    await guarded(deps, 'event', async () => {
      const event = normalizeEvent(body, deps.ctx);
      if (!event) return;
      const userId = event.user.platformUserId;
      const tell = event.type === 'message' ? toPerson(deps, userId) : () => Promise.resolve();
      await deps.admission.run(
        async () => {
          const res = await coreOrTell(deps, event, tell);
          if (!res) return;
          if (event.type === 'appHome' && res.card) await deps.client.publishHome(userId, res.card);
          else await apply(deps, res, { event });
        },
        () => tell(t(wordsFor(deps, userId, event.user.locale), 'error.busy')),
      );
    });
  };
  app.event('app_home_opened', onEvent);
  app.event('message', onEvent);

  app.error(async (err) => {
    deps.logger.error({ err }, 'slack: bolt error');
  });
}
