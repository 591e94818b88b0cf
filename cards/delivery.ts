// HR's undelivered-messages card (/report delivery): each dead letter with its person, platform, what it
// was, why it failed and what to fix, and one "Retry all" button; plus the proactive alert when something
// gives up.
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export const DELIVERY_RETRY_ACTION = 'delivery.retry';

export type DeliveryReasonKey = 'throttled' | 'permission' | 'recipient' | 'rejected' | 'failing' | 'no_card';

/** A person no platform reaches yet, with messages kept for them (sent once they are found). */
export interface WaitingView {
  person: string;
  messages: number;
  /** Why they are not reached, and what to fix, in the reader's language. */
  reasons: string;
}

export interface DeliveryReportView {
  total: number;
  waiting: WaitingView[];
  rows: {
    person: string | null;
    recipientId: string;
    platform: string;
    what: string;
    reason: DeliveryReasonKey;
    detail: string;
  }[];
  throttleHours: number;
  appUrl?: string;
}

/** At most this many rows in chat; the mini-app lists them all. */
export const CARD_ROWS = 10;

export function reasonText(reason: DeliveryReasonKey, t: Translate, throttleHours: number): string {
  return t(`delivery.reason.${reason}`, { hours: throttleHours });
}

function waitingBlocks(waiting: readonly WaitingView[], t: Translate): BlockInput[] {
  if (waiting.length === 0) return [];
  const lines = waiting
    .slice(0, CARD_ROWS)
    .map((w) => `- ${t('delivery.waiting.line', { person: w.person, n: w.messages, reasons: w.reasons })}`);
  if (waiting.length > CARD_ROWS) lines.push(t('delivery.more', { n: waiting.length - CARD_ROWS }));
  return [
    { type: 'divider' },
    { type: 'text', markdown: `**${t('delivery.waiting.title', { n: waiting.length })}**\n${lines.join('\n')}` },
    { type: 'note', text: t('delivery.waiting.note') },
  ];
}

export function deliveryReportCard(v: DeliveryReportView, t: Translate): CardView {
  if (v.total === 0) {
    const tone = v.waiting.length ? 'warning' : 'success';
    return card({
      header: { title: t('delivery.title', { n: 0 }), tone },
      blocks: [
        { type: 'text', markdown: t('delivery.none') },
        ...waitingBlocks(v.waiting, t),
        ...openInApp(v.waiting.length ? v.appUrl : undefined, t),
      ],
    });
  }
  const blocks: BlockInput[] = v.rows.slice(0, CARD_ROWS).map((r) => ({
    type: 'text' as const,
    markdown: t('delivery.row', {
      person: r.person ?? t('delivery.unlinked', { id: r.recipientId }),
      platform: r.platform,
      what: r.what || '—',
      reason: reasonText(r.reason, t, v.throttleHours),
      detail: r.detail || '—',
      fix: t(`delivery.fix.${r.reason}`),
    }),
  }));
  if (v.total > CARD_ROWS) blocks.push({ type: 'note', text: t('delivery.more', { n: v.total - CARD_ROWS }) });
  blocks.push(
    {
      type: 'actions',
      buttons: [{ label: t('delivery.retry'), style: 'primary', action: { k: DELIVERY_RETRY_ACTION } }],
    },
    ...openInApp(v.appUrl, t),
    { type: 'note', text: t('delivery.note') },
    ...waitingBlocks(v.waiting, t),
  );
  return card({ header: { title: t('delivery.title', { n: v.total }), tone: 'warning' }, blocks });
}

export function deliveryRetriedCard(n: number, t: Translate): CardView {
  return card({
    header: { title: t('delivery.retried.title'), tone: n > 0 ? 'success' : 'info' },
    blocks: [{ type: 'text', markdown: n > 0 ? t('delivery.retried.body', { n }) : t('delivery.retried.none') }],
  });
}

/** Sent to HR when deliveries give up (at most once an hour, see src/bot/delivery-report.ts). */
export function deliveryAlertCard(n: number, reason: string, t: Translate): CardView {
  return card({
    header: { title: t('delivery.alert.title'), tone: 'warning' },
    blocks: [{ type: 'text', markdown: t('delivery.alert.body', { n, reason }) }],
  });
}
