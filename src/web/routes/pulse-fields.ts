// Request validation for the pulse-admin routes with field errors in the viewer's language: zod's own
// messages are English (and technical), so each issue is turned into one of our catalogue's messages.
import type { z } from 'zod';
import type { Viewer } from '../context.js';
import { ApiError } from '../errors.js';

type Issue = z.core.$ZodIssue;

/** One issue → a message for the person at the form (pure; `t` is the viewer's translator). */
export function issueMessage(issue: Issue, t: Viewer['t'], input?: unknown): string {
  const last = issue.path.at(-1);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('pulseAdmin.field.required') : t('pulseAdmin.field.min', { min });
      if (issue.origin === 'array') return t('pulseAdmin.field.tooFew', { min });
      return t('pulseAdmin.field.min', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('pulseAdmin.field.tooLong', { max });
      if (issue.origin === 'array') return t('pulseAdmin.field.tooMany', { max });
      return t('pulseAdmin.field.max', { max });
    }
    case 'invalid_format':
      return last === 'key' ? t('pulseAdmin.field.key') : t('pulseAdmin.field.invalid');
    case 'invalid_type':
      return input === undefined || input === null || input === '' ? t('pulseAdmin.field.required') : t('pulseAdmin.field.invalid');
    default:
      return t('pulseAdmin.field.invalid');
  }
}

/** The value a zod issue is about (zod 4 does not report inputs by default). */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** Parse with zod; a bad request is a 400 with `fields: { "dimensions.1.items.0.en": message }`. */
export function parseFor<S extends z.ZodType>(v: Viewer, schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.map(String).join('.') || '_'] ??= issueMessage(i, v.t, valueAt(data, i.path));
  throw new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
}

/** A 400 naming fields the domain (not the schema) refused. */
export function fieldError(v: Viewer, fields: Record<string, string>): ApiError {
  return new ApiError(400, v.t('error.invalidInput'), 'invalid', fields);
}
