// Message lookup. The user's locale picks the catalogue (employee setting, then platform locale, then
// the tenant default); a missing parameter is left visible as {name} rather than silently dropped.
import type { Locale } from '../vocabulary.js';
import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Params = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** A translator bound to one locale, as cards receive it. */
export type Translate = (key: MessageKey, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

export function parseLocale(input: string | undefined): Locale | undefined {
  if (!input) return undefined;
  const v = input.trim().toLowerCase();
  if (v === 'en' || v.startsWith('en-') || v.startsWith('en_') || v === 'english') return 'en';
  if (v === 'zh' || v.startsWith('zh') || v === '中文') return 'zh-CN';
  return undefined;
}
