// Small cards every feature uses: an error, an expired card, a confirmation.
import type { Translate } from '../src/i18n/index.js';
import { card, type CardView } from './view.js';

export function errorCard(message: string, t: Translate): CardView {
  return card({ header: { title: t('error.title'), tone: 'danger' }, blocks: [{ type: 'text', markdown: message }] });
}

export function expiredCard(t: Translate): CardView {
  return card({
    header: { title: t('error.cardExpired.title'), tone: 'warning' },
    blocks: [{ type: 'text', markdown: t('error.cardExpired.body') }],
  });
}

export function confirmationCard(title: string, body: string, fields: { label: string; value: string }[] = []): CardView {
  return card({
    header: { title, tone: 'success' },
    blocks: [{ type: 'text', markdown: body }, ...(fields.length ? [{ type: 'fields' as const, fields }] : [])],
  });
}
