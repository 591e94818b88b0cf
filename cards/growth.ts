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
