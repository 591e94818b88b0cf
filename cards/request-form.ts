// HR-defined request kinds in chat (issue 24): the list of kinds, each a button, and one kind's form — text,
// number (its unit in the label), date, choice as inputs and a choice list; a person or a unit typed as a name
// or path (chat has no picker everywhere; the server resolves it and says when it is ambiguous).
import type { FormField } from '../src/domain/approvals/form-fields.js';
import type { Translate } from '../src/i18n/index.js';
import type { Locale } from '../src/vocabulary.js';
import { card, type CardView, type FormFieldInput } from './view.js';

export interface RequestKindsView {
  kinds: { key: string; name: string }[];
  appUrl?: string;
}

export function requestKindsCard(v: RequestKindsView, t: Translate): CardView {
  return card({
    header: { title: t('form.kinds.title'), tone: 'info' },
    blocks:
      v.kinds.length === 0
        ? [{ type: 'text', markdown: t('form.kinds.none') }]
        : [
            { type: 'text', markdown: t('form.kinds.intro') },
            {
              type: 'actions',
              buttons: v.kinds.map((k) => ({ label: k.name, action: { k: 'form.open', id: k.key } })),
            },
            ...(v.appUrl ? [{ type: 'note' as const, text: t('form.kinds.app', { url: v.appUrl }) }] : []),
          ],
  });
}

export interface RequestFormView {
  key: string;
  name: string;
  fields: readonly FormField[];
  locale: Locale;
}

function fieldInput(f: FormField, locale: Locale, t: Translate): FormFieldInput {
  const label = `${f.label[locale]}${f.type === 'number' && f.unit ? ` (${f.unit})` : ''}`;
  if (f.type === 'choice')
    return {
      type: 'choice',
      id: f.key,
      label,
      options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] })),
      required: f.required,
    };
  const placeholder =
    f.type === 'date'
      ? 'YYYY-MM-DD'
      : f.type === 'person'
        ? t('form.placeholder.person')
        : f.type === 'unit'
          ? t('form.placeholder.unit')
          : f.type === 'number'
            ? t('form.placeholder.number')
            : undefined;
  return {
    type: 'input',
    id: f.key,
    label,
    required: f.required,
    multiline: f.type === 'text',
    maxLength: f.type === 'text' ? 1000 : 200,
    ...(placeholder ? { placeholder } : {}),
  };
}

export function requestFormCard(v: RequestFormView, t: Translate): CardView {
  return card({
    header: { title: v.name, tone: 'info' },
    blocks: [
      {
        type: 'form',
        id: `form-${v.key}`,
        fields: v.fields.map((f) => fieldInput(f, v.locale, t)),
        submit: { label: t('form.submit'), action: { k: 'form.submit', id: v.key } },
        openLabel: t('form.open'),
      },
    ],
  });
}
