// Undelivered messages for HR: `/report delivery` (the card, with "Retry all"), the retry action, and the
// alert HR gets when deliveries give up. The rules and queries are in src/domain/delivery/.
import {
  deliveryAlertCard,
  deliveryReportCard,
  deliveryRetriedCard,
  reasonText,
  type DeliveryReportView,
  type WaitingView,
} from '../../cards/delivery.js';
import { refusalCard } from '../../cards/notice.js';
import { countDeadLetters, listDeadLetters, retryDeadLetters } from '../domain/delivery/dead-letters.js';
import { cardKeyOfRow, cardKeyUsed } from '../domain/delivery/outbox-store.js';
import { THROTTLE_GIVE_UP_HOURS, type DeadReason } from '../domain/delivery/reasons.js';
import { activeHrAndAdmins } from '../domain/delivery/recipients.js';
import { lookupFailures, unreachedSummary } from '../domain/org/reachability.js';
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import { translator, type Translate } from '../i18n/index.js';
import { appUrl } from './app-links.js';
import type { HandlerContext } from './context.js';
import { outboxNotifier } from './outbox.js';
import { PLATFORMS, type CoreResponse, type Locale, type Platform } from './port.js';
import { reasonsText } from './reach.js';

const isHr = (ctx: HandlerContext) => ctx.person.roles.some((r) => r === 'hr' || r === 'admin');

/** People no platform reaches yet who have messages kept for them: how many, and why (the last lookups'
 *  reasons, each with what to fix). Delivered by themselves once the person is found. */
export async function waitingForReach(db: Db, t: Translate): Promise<WaitingView[]> {
  const people = await unreachedSummary(db);
  const failures = await lookupFailures(
    db,
    PLATFORMS,
    people.map((p) => p.employeeId),
  );
  return people.map((p) => {
    const reasons = failures
      .filter((f) => f.employeeId === p.employeeId)
      .map((f) => ({ platform: f.platform, reason: f.reason, detail: f.detail ?? undefined }));
    return {
      person: p.name,
      messages: p.messages,
      reasons: reasons.length
        ? reasonsText({ employeeId: p.employeeId, name: p.name, reasons }, t)
        : t('delivery.waiting.notLookedUp'),
    };
  });
}

export async function deliveryReportView(db: Db, t: Translate, url?: string): Promise<DeliveryReportView> {
  const dead = await listDeadLetters(db);
  return {
    waiting: await waitingForReach(db, t),
    total: dead.total,
    rows: dead.rows.map((r) => ({
      person: r.person?.name ?? null,
      recipientId: r.recipientId,
      platform: t(`delivery.platform.${r.platform}`),
      what: r.what,
      reason: r.reason,
      detail: r.detail,
    })),
    throttleHours: THROTTLE_GIVE_UP_HOURS,
    appUrl: url,
  };
}

/** `/report delivery`: HR and admins only (managers use /report for their teams, not this). */
export async function deliveryReportReply(ctx: HandlerContext): Promise<void> {
  if (!isHr(ctx)) return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
  await ctx.reply(
    deliveryReportCard(await deliveryReportView(ctx.db, ctx.t, appUrl(ctx.config, '/hr/delivery')), ctx.t),
  );
}

/** The card's "Retry all": every dead row back in the queue, audited; the card now says how many. */
export async function deliveryRetryAction(ctx: HandlerContext): Promise<CoreResponse> {
  if (!isHr(ctx)) return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
  const n = await retryDeadLetters(ctx.db, { kind: 'employee', employeeId: ctx.person.id }, { now: ctx.now.getTime() });
  return {
    outcome: 'handled',
    card: deliveryRetriedCard(n, ctx.t),
    toast: { text: n > 0 ? ctx.t('delivery.retried.body', { n }) : ctx.t('delivery.retried.none'), tone: 'success' },
  };
}

const ALERT_KEY = 'delivery-alert:';
const HOUR_MS = 60 * 60 * 1000;

export interface DeliveryAlerterOptions {
  db: Db;
  platforms: ReadonlySet<Platform>;
  defaultLocale: Locale;
  now?: () => number;
}

/**
 * What HR hears when a delivery gives up: a card to every HR person and admin, at most once an hour (the
 * hour's alert names how many are dead and one reason; /report delivery has the rest). The outbox does not
 * know which fan-out a row belongs to, so "once per hour" stands in for "once per fan-out". An alert that
 * itself dies raises no further alert.
 */
export function deliveryAlerter(o: DeliveryAlerterOptions): (dead: { id: number; reason: string }) => Promise<void> {
  const now = o.now ?? Date.now;
  return async (dead) => {
    const { db } = o;
    if ((await cardKeyOfRow(db, dead.id))?.startsWith(ALERT_KEY)) return;
    const cardKey = `${ALERT_KEY}${Math.floor(now() / HOUR_MS)}`;
    if (await cardKeyUsed(db, cardKey)) return;
    const total = await countDeadLetters(db);
    const hr = await activeHrAndAdmins(db);
    await unitOfWork(db, async (tx) => {
      const notifier = outboxNotifier({ db: tx, platforms: o.platforms, defaultLocale: o.defaultLocale });
      for (const id of hr) {
        await notifier.toEmployee(
          id,
          (locale) => {
            const t = translator(locale);
            return deliveryAlertCard(total, reasonText(dead.reason as DeadReason, t, THROTTLE_GIVE_UP_HOURS), t);
          },
          { cardKey },
        );
      }
    });
  };
}
