// /status <name> for a manager or HR (issue 25 §1): a short card with the link to the person's status page and
// the statement that anonymous answers are never part of it. No figures in chat: the page shows them, and
// each view of it is audited there.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export interface StatusLinkView {
  name: string;
  unit: string | null;
  url: string;
}

export function statusLinkCard(v: StatusLinkView, t: Translate): CardView {
  return card({
    header: { title: t('status.chat.title', { name: v.name }), subtitle: v.unit ?? undefined, tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('status.chat.body', { name: v.name }) },
      { type: 'actions', buttons: [{ label: t('status.chat.open'), style: 'primary', url: v.url }] },
    ],
  });
}
