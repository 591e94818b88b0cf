// The performance conversation card a manager gets when a person's dimension dropped twice in a row: why,
// by when, a template of talking points, and a button to mark it held.
import type { Translate } from '../src/i18n/index.js';
import { appButton, openInApp } from './app-link.js';
import { card, type CardView } from './view.js';

export interface TalkView {
  id: number;
  person: string;
  dimension: string;
  /** The dimension's scores in the three cycles, oldest first. */
  scores: number[];
  /** The due date, formatted for the reader. */
  due: string;
  status: 'open' | 'done';
  /** The manager's page of conversations in the mini-app. */
  appUrl?: string;
}

export function talkCard(v: TalkView, t: Translate): CardView {
  const [first, second, third] = v.scores.map((s) => s.toFixed(1));
  const params = { dimension: v.dimension, first: first ?? '', second: second ?? '', third: third ?? '' };
  const points = ([1, 2, 3, 4] as const).map((i) => `${i}. ${t(`talk.point.${i}`, params)}`).join('\n');
  return card({
    header: {
      title: t('talk.title', { person: v.person }),
      subtitle: t(`talk.status.${v.status}`),
      tone: v.status === 'done' ? 'success' : 'warning',
    },
    blocks: [
      { type: 'text', markdown: t('talk.why', params) },
      {
        type: 'fields',
        fields: [
          { label: t('talk.due'), value: v.due },
          { label: t('talk.status'), value: t(`talk.status.${v.status}`) },
        ],
      },
      { type: 'text', markdown: `**${t('talk.points')}**\n${points}` },
      ...(v.status === 'open'
        ? [
            {
              type: 'actions' as const,
              buttons: [
                {
                  label: t('talk.markDone'),
                  style: 'primary' as const,
                  action: { k: 'talk.done', id: String(v.id) },
                },
                ...(v.appUrl ? [appButton(v.appUrl, t)] : []),
              ],
            },
          ]
        : openInApp(v.appUrl, t)),
      { type: 'note', text: t('talk.note') },
    ],
  });
}

export interface FeedbackView {
  id: number;
  /** Who shared it and with whom. */
  from: string;
  to: string;
  comment: string;
  /** When the person acknowledged it, formatted for the reader; absent while not yet. */
  acknowledged?: string;
  /** The rater's copy (status, no button) or the person's (the acknowledge button). */
  forRater: boolean;
  appUrl?: string;
}

/** Feedback shared right away: the person's card to acknowledge it, or the rater's copy that shows whether they did. */
export function feedbackCard(v: FeedbackView, t: Translate): CardView {
  const status = v.acknowledged
    ? t('feedback.acknowledged', { name: v.to, at: v.acknowledged })
    : t(v.forRater ? 'feedback.waiting' : 'feedback.new', { name: v.to });
  return card({
    header: {
      title: v.forRater ? t('feedback.sharedTitle', { name: v.to }) : t('feedback.title', { name: v.from }),
      tone: v.acknowledged ? 'success' : 'info',
    },
    blocks: [
      { type: 'text', markdown: v.comment },
      { type: 'note', text: status },
      ...(!v.forRater && !v.acknowledged
        ? [
            {
              type: 'actions' as const,
              buttons: [
                {
                  label: t('feedback.ack'),
                  style: 'primary' as const,
                  action: { k: 'feedback.ack', id: String(v.id) },
                },
                ...(v.appUrl ? [appButton(v.appUrl, t)] : []),
              ],
            },
          ]
        : openInApp(v.appUrl, t)),
    ],
  });
}
