// A value tag's category in the reader's language. The built-in categories are keys with catalogue labels; a
// category HR typed themselves (the mini-app lets them) is their own wording and is shown as written.
import type { MessageKey, Translate } from '../../i18n/index.js';

export const TAG_CATEGORIES = ['efficiency', 'collaboration', 'impact', 'innovation', 'people'] as const;

export function categoryLabel(category: string, t: Translate): string {
  const key = (TAG_CATEGORIES as readonly string[]).find((c) => c === category.trim().toLowerCase());
  return key ? t(`tags.category.${key}` as MessageKey) : category;
}
