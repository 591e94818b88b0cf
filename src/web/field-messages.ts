// Field messages for invalid requests. zod's own messages are English and technical, so none reaches a
// person: each issue becomes a catalogue message (field.*) in the reader's language, keyed by the field's
// path ("dimensions.1.items.0.en") so the page shows it at the field.
import type { z } from 'zod';
import type { Translate } from '../i18n/index.js';

export type Issue = z.core.$ZodIssue;

/** One message for one issue, by its code (pure). A regex in our schemas is always a key-like format:
 *  hyphenated (templates, flows) or with underscores (rating dimensions, courses). */
export function issueMessage(i: Issue, t: Translate): string {
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? t('field.required') : t('field.tooShort', { min: Number(i.minimum) });
      if (i.origin === 'array' || i.origin === 'set') return t('field.tooFew', { min: Number(i.minimum) });
      return t('field.min', { min: Number(i.minimum) });
    case 'too_big':
      if (i.origin === 'string') return t('field.tooLong', { max: Number(i.maximum) });
      if (i.origin === 'array' || i.origin === 'set') return t('field.tooMany', { max: Number(i.maximum) });
      return t('field.max', { max: Number(i.maximum) });
    case 'invalid_type':
      if (i.input === undefined || i.input === null || i.input === '') return t('field.required');
      return i.expected === 'number' || i.expected === 'int' ? t('field.number') : t('field.invalid');
    case 'invalid_format':
      return i.format === 'email' ? t('field.email') : i.format === 'url' ? t('field.url') : i.format === 'regex' ? t(String(i.pattern ?? '').includes('_') ? 'field.keyUnderscore' : 'field.key') : t('field.invalid');
    case 'invalid_value':
    case 'invalid_union':
      return t('field.choice');
    default:
      return t('field.invalid');
  }
}

/** Field path → message; the first issue per field wins. */
export function fieldMessages(issues: readonly Issue[], t: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join('.') || '_'] ??= issueMessage(i, t);
  return fields;
}
