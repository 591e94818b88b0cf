// A follow-up action card: what was found, who owns it, by when, and buttons to move it along.
import type { Translate } from '../src/i18n/index.js';
import { appButton, openInApp } from './app-link.js';
import { card, type CardView } from './view.js';

export interface FollowUpView {
  id: number;
  title: string;
  owner: string;
  dueDate: string;
  unit?: string;
  status: 'open' | 'in_progress' | 'done';
  /** Show the status buttons (the recipient may change it). */
  actionable: boolean;
  /** The follow-ups page of the mini-app. */
  appUrl?: string;
}

const TONE = { open: 'warning', in_progress: 'info', done: 'success' } as const;

export function followUpCard(v: FollowUpView, t: Translate): CardView {
  const status = t(`followup.status.${v.status}`);
  const buttons = (['in_progress', 'done'] as const)
    .filter((s) => s !== v.status)
    .map((s) => ({
      label: t(`followup.set.${s}`),
      style: s === 'done' ? ('primary' as const) : ('default' as const),
      action: { k: 'followup.status', id: String(v.id), v: s },
    }));
  return card({
    header: { title: `${t('followup.title')} #${v.id}`, subtitle: status, tone: TONE[v.status] },
    blocks: [
      { type: 'text', markdown: `**${v.title}**` },
      {
        type: 'fields',
        fields: [
          { label: t('followup.owner'), value: v.owner },
          { label: t('followup.due'), value: v.dueDate },
          ...(v.unit ? [{ label: t('report.pulse.unit'), value: v.unit }] : []),
          { label: t('followup.statusLabel'), value: status },
        ],
      },
      ...(v.actionable && buttons.length
        ? [{ type: 'actions' as const, buttons: v.appUrl ? [...buttons, appButton(v.appUrl, t)] : buttons }]
        : openInApp(v.appUrl, t)),
    ],
  });
}

export function followUpListCard(items: FollowUpView[], t: Translate, appUrl?: string): CardView {
  return card({
    header: { title: t('followup.list.title'), tone: 'neutral' },
    blocks: [
      {
        type: 'text',
        markdown: items.length
          ? items
              .map((i) => `- #${i.id} **${i.title}** — ${i.owner}, ${i.dueDate} · ${t(`followup.status.${i.status}`)}`)
              .join('\n')
          : t('followup.list.empty'),
      },
      ...openInApp(appUrl, t),
      { type: 'note', text: t('followup.usage') },
    ],
  });
}
