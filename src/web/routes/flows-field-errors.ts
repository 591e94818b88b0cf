// zod issues as field messages in the viewer's language. zod's own messages are English and technical,
// so none of them reaches a person: each issue becomes a catalogue message keyed by its code.
import type { z } from 'zod';
import type { Translate } from '../../i18n/index.js';
import { ApiError } from '../errors.js';

export type Issue = z.core.$ZodIssue;

/** One message for one issue, by its code (and for a regex, a key-like format: what our schemas use). */
export function issueMessage(i: Issue, t: Translate): string {
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? t('fs.field.required') : t('fs.field.tooShort', { min: Number(i.minimum) });
      if (i.origin === 'array' || i.origin === 'set') return t('fs.field.tooFew', { min: Number(i.minimum) });
      return t('fs.field.min', { min: Number(i.minimum) });
    case 'too_big':
      if (i.origin === 'string') return t('fs.field.tooLong', { max: Number(i.maximum) });
      if (i.origin === 'array' || i.origin === 'set') return t('fs.field.tooMany', { max: Number(i.maximum) });
      return t('fs.field.max', { max: Number(i.maximum) });
    case 'invalid_type':
      if (i.input === undefined || i.input === null || i.input === '') return t('fs.field.required');
      return i.expected === 'number' || i.expected === 'int' ? t('fs.field.number') : t('fs.field.invalid');
    case 'invalid_format':
      return i.format === 'email' ? t('fs.field.email') : i.format === 'url' ? t('fs.field.url') : i.format === 'regex' ? t('fs.field.key') : t('fs.field.invalid');
    case 'invalid_value':
    case 'invalid_union':
      return t('fs.field.choice');
    default:
      return t('fs.field.invalid');
  }
}

/** Field path → message (the first issue per field wins, like errors.ts `parse`); `special` lets a caller word a rule it knows better. */
export function fieldMessages(issues: readonly Issue[], t: Translate, special?: (i: Issue) => string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path.map(String).join('.') || '_'] ??= special?.(i) ?? issueMessage(i, t);
  return fields;
}

/** Parse with a schema; a bad request is a 400 whose fields carry translated messages. */
export function parseLocalised<S extends z.ZodType>(schema: S, data: unknown, t: Translate, special?: (i: Issue) => string | undefined): z.infer<S> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  throw new ApiError(400, t('error.invalidInput'), 'invalid', fieldMessages(r.error.issues, t, special));
}
