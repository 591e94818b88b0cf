// Pulse survey cards: the invitation (one form, one tap per question), the confirmation, and the kind
// refusals (already answered, closed, not invited).
import { z } from 'zod';
import type { Locale } from '../src/vocabulary.js';
import type { Translate } from '../src/i18n/index.js';
import { dateTimeFormat } from '../src/intl-format.js';
import { card, type CardView, type FormField } from './view.js';

/** A survey's form: the chat card's view-model, and (in its `form`) the mini-app's survey page. */
export const surveyFormViewSchema = z.strictObject({
  waveId: z.number(),
  title: z.string(),
  closesAt: z.string(),
  reminder: z.boolean(),
  commentEnabled: z.boolean(),
  commentMax: z.number(),
  /** The anonymity threshold and the comment threshold of the wave, quoted in the privacy note. */
  k: z.number(),
  commentK: z.number(),
  /** The person's first survey: the card carries the full privacy notice (what is stored, who sees what). */
  firstSurvey: z.boolean().optional(),
  /** The same survey in the mini-app (for clients where a long form is easier there). */
  appUrl: z.string().optional(),
  sections: z.array(
    z.strictObject({
      name: z.string(),
      items: z.array(z.strictObject({ field: z.string(), text: z.string(), min: z.number(), max: z.number() })),
    }),
  ),
  enps: z.strictObject({ field: z.string(), text: z.string() }).optional(),
});
export type SurveyFormView = z.infer<typeof surveyFormViewSchema>;

export function surveyCard(v: SurveyFormView, t: Translate): CardView {
  const fields: FormField[] = [];
  for (const s of v.sections) {
    fields.push({ type: 'text', markdown: `**${s.name}**` });
    for (const i of s.items)
      fields.push({
        type: 'rating',
        id: i.field,
        label: i.text,
        min: i.min,
        max: i.max,
        minLabel: t('survey.scale.low'),
        maxLabel: t('survey.scale.high'),
        required: true,
      });
  }
  if (v.enps) fields.push({ type: 'rating', id: v.enps.field, label: v.enps.text, min: 0, max: 10, required: true });
  if (v.commentEnabled)
    fields.push({
      type: 'input',
      id: 'comment',
      label: t('survey.comment.label'),
      placeholder: t('survey.comment.placeholder'),
      multiline: true,
      maxLength: v.commentMax,
      required: false,
    });
  return card({
    header: { title: v.title, subtitle: t('survey.anonymousBadge'), tone: 'info' },
    blocks: [
      {
        type: 'text',
        markdown: (v.reminder ? `${t('survey.reminder')}\n` : '') + t('survey.intro', { closes: v.closesAt }),
      },
      {
        type: 'form',
        id: `survey-${v.waveId}`,
        fields,
        openLabel: t('survey.open'),
        submit: { label: t('survey.submit'), action: { k: 'survey.answer', id: String(v.waveId) } },
      },
      ...(v.appUrl ? [{ type: 'actions' as const, buttons: [{ label: t('app.open'), url: v.appUrl }] }] : []),
      ...(v.firstSurvey ? [{ type: 'text' as const, markdown: t('survey.notice', { k: v.k, ck: v.commentK }) }] : []),
      { type: 'note', text: t('survey.privacy', { k: v.k }) },
    ],
  });
}

/** The answer to a submission: thanks, never the answers — the person's chat is a copy kept by the platform. */
/**
 * The confirmation after answering. With `conversation` (the person left a comment): a line on the anonymous
 * conversation and a link to it carrying the reply key in its fragment — a secret button, shown to the author
 * in their own chat and never kept by the server (see cards/secret-links.ts).
 */
export function surveyRecordedCard(
  v: { title: string; comment: boolean; k: number; conversation?: { url: string; hours: string } },
  t: Translate,
): CardView {
  return card({
    header: { title: t('survey.recorded.title'), subtitle: v.title, tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('survey.recorded.body') },
      ...(v.comment ? [{ type: 'note' as const, text: t('survey.recorded.comment') }] : []),
      ...(v.conversation
        ? [
            { type: 'text' as const, markdown: t('conversation.recorded.line', { hours: v.conversation.hours }) },
            {
              type: 'actions' as const,
              buttons: [{ label: t('conversation.recorded.open'), url: v.conversation.url, secret: true }],
            },
            { type: 'note' as const, text: t('conversation.recorded.keep') },
          ]
        : []),
      { type: 'note', text: t('survey.privacy', { k: v.k }) },
    ],
  });
}

/** What other copies of the invitation turn into once the person has answered (no answers shown). */
export function surveyDoneCard(title: string, t: Translate): CardView {
  return card({
    header: { title, subtitle: t('survey.anonymousBadge'), tone: 'success' },
    blocks: [{ type: 'text', markdown: t('survey.done') }],
  });
}

export function surveyNoticeCard(title: string, message: string, tone: 'warning' | 'neutral' = 'warning'): CardView {
  return card({ header: { title, tone }, blocks: [{ type: 'text', markdown: message }] });
}

export function formatDate(d: Date, locale: Locale, timeZone: string): string {
  return dateTimeFormat(locale, {
    timeZone,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
