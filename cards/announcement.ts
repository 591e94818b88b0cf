// Announcement cards: the notice as each person receives it (their language, an "Acknowledge" button until
// they have, then the time they did), the sender's read/unread status with names, and the sent list.
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface AnnouncementCardView {
  id: number;
  title: string;
  body: string;
  sender: string;
  /** The unit it went to, or null for the whole company. */
  audience: string | null;
  /** When it was acknowledged, formatted for the reader; null while unread. */
  readAt: string | null;
  /** The sender's reminder (same notice, a line saying so). */
  reminder: boolean;
  appUrl?: string;
}

export function announcementCard(v: AnnouncementCardView, t: Translate): CardView {
  const blocks: BlockInput[] = [
    ...(v.reminder ? [{ type: 'note' as const, text: t('announce.card.reminder') }] : []),
    { type: 'text', markdown: v.body },
    {
      type: 'fields',
      fields: [
        { label: t('announce.card.from'), value: v.sender },
        { label: t('announce.card.to'), value: v.audience ?? t('announce.everyone') },
      ],
    },
  ];
  if (v.readAt === null)
    blocks.push({
      type: 'actions',
      buttons: [
        {
          label: t('announce.ack'),
          style: 'primary',
          action: { k: 'announce.ack', id: String(v.id), ...(v.reminder ? { v: 'r' } : {}) },
        },
      ],
    });
  else
    blocks.push({ type: 'note', text: t('announce.card.acknowledged', { at: v.readAt }) }, ...openInApp(v.appUrl, t));
  return card({
    header: {
      title: v.title,
      subtitle: t('announce.card.subtitle', { id: v.id }),
      tone: v.readAt === null ? 'info' : 'success',
    },
    blocks,
  });
}

export interface AnnouncementStatusView {
  id: number;
  title: string;
  audience: string | null;
  read: string[];
  unread: string[];
  /** When the one reminder went out, formatted; null if not yet. */
  remindedAt: string | null;
  /** The viewer is the sender (only the sender may remind). */
  canRemind: boolean;
  appUrl?: string;
}

const names = (list: readonly string[], t: Translate) => (list.length ? list.join(t('list.separator')) : '—');

export function announcementStatusCard(v: AnnouncementStatusView, t: Translate): CardView {
  const total = v.read.length + v.unread.length;
  return card({
    header: { title: v.title, subtitle: t('announce.card.subtitle', { id: v.id }), tone: 'neutral' },
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('announce.card.to'), value: v.audience ?? t('announce.everyone') },
          { label: t('announce.status.read'), value: `${v.read.length} / ${total}` },
          { label: t('announce.status.unread'), value: `${v.unread.length} / ${total}` },
        ],
      },
      { type: 'text', markdown: `**${t('announce.status.unreadNames')}** ${names(v.unread, t)}` },
      { type: 'text', markdown: `**${t('announce.status.readNames')}** ${names(v.read, t)}` },
      {
        type: 'note',
        text: v.remindedAt
          ? t('announce.status.reminded', { at: v.remindedAt })
          : v.canRemind && v.unread.length
            ? t('announce.status.canRemind', { id: v.id })
            : t('announce.status.notReminded'),
      },
      ...openInApp(v.appUrl, t),
    ],
  });
}

export interface SentLine {
  id: number;
  title: string;
  read: number;
  total: number;
}

/** `/announce` alone: how to use it, and the notices this person sent last. */
export function announcementListCard(items: readonly SentLine[], t: Translate, appUrl?: string): CardView {
  return card({
    header: { title: t('announce.list.title'), tone: 'neutral' },
    blocks: [
      {
        type: 'text',
        markdown: items.length
          ? items
              .map((i) => `- #${i.id} **${i.title}** — ${t('announce.list.counts', { read: i.read, total: i.total })}`)
              .join('\n')
          : t('announce.list.empty'),
      },
      { type: 'note', text: t('announce.usage') },
      ...openInApp(appUrl, t),
    ],
  });
}
