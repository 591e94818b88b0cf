// Peer nomination and recognition cards: the announcement a channel sees ("<name> — <tag>: <value created>"),
// what the nominator is told of the outcome, and the nominate form (a claim form with the colleague's field).
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type CardView } from './view.js';

/** The announcement posted to a group chat or channel, in the channel's language. */
export function recognitionCard(
  v: { name: string; tag: string; value: string; description: string; points: number; nominatedBy?: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('recognition.title'), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('recognition.line', { name: v.name, tag: v.tag, value: v.value || v.description }) },
      ...(v.value ? [{ type: 'text' as const, markdown: v.description }] : []),
      {
        type: 'note',
        text: v.nominatedBy
          ? t('recognition.noteNominated', { points: v.points, by: v.nominatedBy })
          : t('recognition.note', { points: v.points }),
      },
    ],
  });
}

/** The nominator's news when their nomination is decided. */
export function nominationOutcomeCard(
  v: { nominee: string; tag: string; approved: boolean; id: number; appUrl?: string },
  t: Translate,
): CardView {
  return card({
    header: {
      title: t(v.approved ? 'nomination.outcome.approved' : 'nomination.outcome.rejected', { name: v.nominee }),
      tone: v.approved ? 'success' : 'neutral',
    },
    blocks: [
      { type: 'text', markdown: t('nomination.outcome.body', { id: v.id, name: v.nominee, tag: v.tag }) },
      ...openInApp(v.appUrl, t),
    ],
  });
}

export interface NominateFormView {
  tags: { id: number; label: string }[];
  units: readonly ('cny' | 'percent' | 'hours' | 'days' | 'other')[];
  /** Prefilled: the colleague (by name or e-mail), e.g. from a rating's "Nominate" button. */
  nominee?: string;
  tagId?: number;
  description?: string;
}

/** The nominate form: whom, the value tag, what they did and the value created. */
export function nominateFormCard(v: NominateFormView, t: Translate): CardView {
  return card({
    header: { title: t('nomination.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('nomination.intro') },
      {
        type: 'form',
        id: 'nominate',
        fields: [
          {
            type: 'input',
            id: 'nominee',
            label: t('nomination.nominee'),
            placeholder: t('nomination.nomineePlaceholder'),
            required: true,
            ...(v.nominee ? { value: v.nominee } : {}),
          },
          {
            type: 'choice',
            id: 'tag',
            label: t('claim.tag'),
            options: v.tags.map((tag) => ({ value: String(tag.id), label: tag.label })),
            ...(v.tagId ? { selected: [String(v.tagId)] } : {}),
          },
          {
            type: 'input',
            id: 'description',
            label: t('nomination.description'),
            multiline: true,
            maxLength: 1000,
            required: true,
            ...(v.description ? { value: v.description } : {}),
          },
          {
            type: 'input',
            id: 'amount',
            label: t('claim.amount'),
            placeholder: t('claim.value.placeholder'),
            maxLength: 200,
          },
          {
            type: 'choice',
            id: 'unit',
            label: t('claim.unit'),
            options: v.units.map((u) => ({ value: u, label: t(`claim.unit.${u}`) })),
            selected: ['cny'],
            required: true,
          },
        ],
        submit: { label: t('nomination.submit'), action: { k: 'nominate.submit' } },
        openLabel: t('nomination.open'),
      },
    ],
  });
}
