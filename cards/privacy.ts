// Privacy cards for HR: a person's data export ready to download, erasing a person (ask first, then done).
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export function personExportCard(v: { name: string; id: number; url: string }, t: Translate): CardView {
  return card({
    header: { title: t('privacy.export.title'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('privacy.export.body', { name: v.name, id: v.id }) },
      { type: 'actions', buttons: [{ label: t('privacy.export.download'), style: 'primary', url: v.url }] },
    ],
  });
}

/** Erasing is final: the card names who and the pseudonym they become, and the button carries their id. */
export function eraseConfirmCard(
  v: { name: string; id: number; pseudonym: string; action: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('privacy.erase.confirmTitle'), tone: 'danger' },
    blocks: [
      { type: 'text', markdown: t('privacy.erase.confirmBody', { name: v.name, id: v.id, pseudonym: v.pseudonym }) },
      {
        type: 'actions',
        buttons: [{ label: t('privacy.erase.confirm'), style: 'danger', action: { k: v.action, id: String(v.id) } }],
      },
    ],
  });
}

/** Done; `remaining` counts the rows kept under the pseudonym (totals still add up). */
export function erasedCard(v: { id: number; pseudonym: string; remaining: number }, t: Translate): CardView {
  return card({
    header: { title: t('privacy.erase.doneTitle'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('privacy.erase.doneBody', { id: v.id, pseudonym: v.pseudonym }) },
      ...(v.remaining ? [{ type: 'note' as const, text: t('privacy.erase.remaining', { n: v.remaining }) }] : []),
    ],
  });
}
