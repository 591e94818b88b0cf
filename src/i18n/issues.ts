// Validation problems in the reader's language. The domain returns zod issues — zod's own (codes with
// limits) or ours (`custom`, whose message is a code such as "weights_sum" and whose params fill its
// catalogue text, `issue.<code>`). zod's English messages never reach a person: each issue becomes a
// catalogue message (field.* / issue.*) here, for the mini-app's field errors and the chat's problem lists.
import type { z } from 'zod';
import { catalogues, type MessageKey, type Translate } from './index.js';

export type Issue = z.core.$ZodIssue;

/** A domain rule's problem as an issue: `code` names its catalogue text (issue.<code>), `params` fill it. */
export function problem(
  path: readonly (string | number)[],
  code: string,
  params: Record<string, string | number> = {},
): Issue {
  return { code: 'custom', path: [...path], message: code, params, input: undefined };
}

const isParams = (p: unknown): p is Record<string, string | number> =>
  typeof p === 'object' && p !== null && Object.values(p).every((x) => typeof x === 'string' || typeof x === 'number');

/** One message for one issue, by its code (pure). A regex in our schemas is always a key-like format:
 *  hyphenated (templates, flows) or with underscores (rating dimensions, courses). */
export function issueMessage(i: Issue, t: Translate): string {
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string')
        return Number(i.minimum) <= 1 ? t('field.required') : t('field.tooShort', { min: Number(i.minimum) });
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
      return i.format === 'email'
        ? t('field.email')
        : i.format === 'url'
          ? t('field.url')
          : i.format === 'regex'
            ? t(String(i.pattern ?? '').includes('_') ? 'field.keyUnderscore' : 'field.key')
            : t('field.invalid');
    case 'invalid_value':
    case 'invalid_union':
      return t('field.choice');
    case 'custom': {
      const key = `issue.${i.message}`;
      return key in catalogues.en ? t(key as MessageKey, isParams(i.params) ? i.params : {}) : t('field.invalid');
    }
    default:
      return t('field.invalid');
  }
}

/** Where an issue is: the field path the person wrote ("dimensions.0.weight"), or "" for the whole input. */
export const issuePath = (i: Issue): string => i.path.map(String).join('.');

/** A chat reply's list of problems: one line per issue (the first few), each at the JSON field it concerns. */
export function issuesText(issues: readonly Issue[], t: Translate, max = 5): string {
  const lines = issues
    .slice(0, max)
    .map((i) => (issuePath(i) ? `- \`${issuePath(i)}\`：${issueMessage(i, t)}` : `- ${issueMessage(i, t)}`));
  if (issues.length > max) lines.push(t('issue.more', { n: issues.length - max }));
  return lines.join('\n');
}
