// The platform port: the one contract between adapters/* and the bot core. Adapters verify, dedupe
// (by handing the core the platform's event id) and normalise platform traffic into InboundEvents, and
// render CardViews into platform messages. Nothing here imports a platform SDK or the database.
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { ActionRef, CardView, FormValues } from '../../cards/view.js';
import type { Config } from '../config.js';
import type { DirectorySnapshot, NotFoundReason } from '../domain/org/platform-directory.js';
import type { AttendanceSource } from '../domain/attendance/platform-attendance.js';
import type { Locale, Platform } from '../vocabulary.js';

// The shared vocabulary lives below everything (src/vocabulary.ts); re-exported for the port's users.
export { PLATFORMS, type Locale, type Platform } from '../vocabulary.js';
// Shapes the domain defines and the adapters fill in (the domain never points up at this port).
export type { DirectorySnapshot, NotFoundReason } from '../domain/org/platform-directory.js';
export type { AttendanceSource, PlatformAttendanceDay } from '../domain/attendance/platform-attendance.js';
export type { PunchResult } from '../domain/attendance/classify.js';

/** Who did something on a platform. email/locale are filled when the platform gives them cheaply. */
export interface PlatformUser {
  platformUserId: string;
  email?: string;
  locale?: Locale;
  displayName?: string;
  /** Lazy lookup (e.g. Slack users.info) used only when the user is not yet linked to an employee. */
  lookupProfile?: () => Promise<{ email?: string; locale?: Locale; displayName?: string }>;
}

/** Where a message goes: a person (DM) or a conversation. Serialised into outbox rows, so plain data. */
export type Recipient = { kind: 'user'; platformUserId: string } | { kind: 'chat'; chatId: string; threadId?: string };

/** A message the core asks an adapter to deliver. Cards are already localised. */
export type OutgoingMessage = { kind: 'card'; card: CardView } | { kind: 'text'; text: string };

/** The platform's reference to a delivered message, kept so the card can be updated in place. */
export interface SentRef {
  messageId: string;
  chatId?: string;
  /** Anything else the platform needs to update the message later (e.g. a DingTalk outTrackId). */
  extra?: Record<string, string>;
}

export interface SendOptions {
  /** Stable per outbox row: platforms with an idempotency key (Feishu `uuid`) get it, so a resend
   *  after a crash between "sent" and "marked sent" does not deliver twice. */
  idempotencyKey: string;
  /** 1 on the first try. A later try may follow a delivery that did land (a crash or a lost answer after
   *  the platform accepted it): platforms without an idempotency key look for it before sending again. */
  attempt?: number;
}

/** What an adapter throws when delivery fails; the outbox worker decides retry vs dead letter. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

interface InboundBase {
  platform: Platform;
  /** The platform's own event/message id: the core records it and ignores a second delivery. */
  eventId: string;
  user: PlatformUser;
  /** Where answers to this event go (the DM or group the command came from). */
  replyTo: Recipient;
}

export interface CommandEvent extends InboundBase {
  type: 'command';
  /** Command name without the slash, lower-case, e.g. "help". Empty for a bare "/vitality". */
  name: string;
  args: string;
}

export interface ActionEvent extends InboundBase {
  type: 'action';
  action: ActionRef;
  /** Values of the form the action submitted, if any. */
  values?: FormValues;
  /** The card the action was taken on, when the platform tells us. */
  cardRef?: SentRef;
  /** Set when the platform cannot show the card's form inline (Slack): the user pressed the button that
   *  stands in for the form, and the core answers with `form` (the form to open) instead of acting. */
  openForm?: boolean;
}

export interface MessageEvent extends InboundBase {
  type: 'message';
  text: string;
}

export interface AppHomeEvent extends InboundBase {
  type: 'appHome';
}

export type InboundEvent = CommandEvent | ActionEvent | MessageEvent | AppHomeEvent;

export type ToastTone = 'success' | 'info' | 'warning' | 'error';

/** The core's synchronous answer to an inbound event, for the adapter to use inside the ack window.
 *  Messages to anyone (including the actor's command replies) go through the outbox instead.
 *  A refused press (this person may not do it, or the card is stale) is `outcome: 'invalid'` with a `toast`
 *  and no `card`: the adapter tells the presser alone (Slack ephemeral, Feishu toast, DingTalk private
 *  message) and leaves the pressed card as it is — it may be a copy others see. */
export interface CoreResponse {
  outcome: 'handled' | 'duplicate' | 'unknown_user' | 'invalid';
  /** The acted-on card, re-rendered: the adapter replaces it in place. Only when `card` is given does the
   *  adapter touch the card the event came from. */
  card?: CardView;
  /** The language the actor is answered in, for the few words an adapter says itself (e.g. Slack's
   *  "sent to you in a direct message"). */
  locale?: Locale;
  toast?: { text: string; tone: ToastTone };
  /** Field-level errors for a form submission (Slack: response_action errors; Feishu: toast + card). */
  fieldErrors?: Record<string, string>;
  /** A form to open over the conversation where the platform has one (Slack modal). */
  form?: CardView;
  /** A direct text answer (used for unknown users, who have no employee to send to). */
  text?: string;
}

/** What adapters call into. Implemented by src/bot/core.ts. */
export interface BotCore {
  handle(event: InboundEvent): Promise<CoreResponse>;
}

export interface DirectorySource {
  fetchSnapshot(): Promise<DirectorySnapshot>;
}

/** A person the core wants to reach on a platform where they have no identity yet. */
export interface PersonToFind {
  employeeId: number;
  email: string | null;
  name: string;
}

export type FoundPerson =
  | { employeeId: number; found: true; platformUserId: string }
  | { employeeId: number; found: false; reason: NotFoundReason; detail?: string };

/** The identity a mini-app auth code resolves to. */
export interface AuthIdentity {
  platformUserId: string;
  email?: string;
  displayName?: string;
}

/** A token bucket: `ratePerSecond` sustained, up to `burst` at once. */
export interface RateBucket {
  ratePerSecond: number;
  burst: number;
}

/** The outbox worker's pacing for one platform (plain data). `ratePerSecond`/`burst` is the app-wide bucket
 *  every call takes a token from; `perRecipient`, when the platform also limits per user or channel (Slack:
 *  1/s per channel; Feishu: 5 QPS per user or chat), a bucket per recipient as well; `concurrency` calls in
 *  flight at once (1 when absent), never two for one recipient; `adaptive`: the platform does not publish
 *  its app-wide cap, so halve the rate on a throttled answer and probe back up to `ratePerSecond`. */
export interface DeliveryLimits extends RateBucket {
  perRecipient?: RateBucket;
  concurrency?: number;
  adaptive?: boolean;
  /** Up to this many people get one identical message in one call, when the adapter has `sendBatch`. */
  maxBatch?: number;
}

/** One person's part of a batched send: their message reference, or why it failed for them. */
export type BatchOutcome = { ok: true; ref: SendResult } | { ok: false; error: DeliveryError };

/** A delivered message, and what did not fit in it. A card too big for one message on the platform is sent
 *  as its first part (the message later updates edit) and `continuations`, the rest in order (cards/fit.ts):
 *  the outbox worker queues each as its own send to the same recipient, in the step that marks this one sent,
 *  so a retry of this send never queues them twice. */
export interface SendResult extends SentRef {
  continuations?: OutgoingMessage[];
}

export interface PlatformAdapter {
  readonly platform: Platform;
  /** How fast the outbox worker may deliver, from the platform's documented limits. */
  readonly limits: DeliveryLimits;
  start(bot: BotCore): Promise<void>;
  stop(): Promise<void>;
  send(to: Recipient, msg: OutgoingMessage, opts: SendOptions): Promise<SendResult>;
  /** One call delivering the same message to several people (DingTalk `batchSend`, up to 20 userIds), for
   *  messages `canBatch` accepts; one outcome per recipient, in order. Throws when the whole call failed. */
  sendBatch?(to: Recipient[], msg: OutgoingMessage, opts: SendOptions[]): Promise<BatchOutcome[]>;
  canBatch?(msg: OutgoingMessage): boolean;
  update(ref: SentRef, msg: OutgoingMessage): Promise<void>;
  directory?: DirectorySource;
  /** Clock-in results (Feishu attendance, DingTalk 考勤), where the platform has them and the app may read them. */
  attendance?: AttendanceSource;
  /** Find people who never talked to the bot, so a fan-out reaches them (Slack users.lookupByEmail / users.list;
   *  Feishu and DingTalk by directory id, then e-mail). One answer per person asked, in any order. Must not
   *  throw for a person the platform does not know: that is `found: false` with the reason. */
  findUsers?(people: readonly PersonToFind[]): Promise<FoundPerson[]>;
  exchangeAuthCode?(code: string): Promise<AuthIdentity>;
  /** For /readyz: a long connection that is down makes the server not ready. */
  health?(): { ok: boolean; detail?: string };
  /** HTTP endpoints (webhooks), registered by the server as an encapsulated fastify plugin under the
   *  adapter's own prefix-free paths, with its own body parsers. */
  routes?: FastifyPluginAsync;
}

/** What every `adapters/<platform>/index.ts` exports as `createAdapter(deps)`. */
export interface AdapterDeps {
  config: Config;
  logger: Logger;
}
export type AdapterFactory = (deps: AdapterDeps) => PlatformAdapter;
