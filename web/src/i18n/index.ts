// The mini-app's own small catalogue (the chat strings stay on the server; messages the API returns are
// already in the viewer's language). Both languages are bundled: together they are a few KB.
import { en, type WebKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export type { WebKey };
export const catalogues: Record<Locale, Record<WebKey, string>> = { en, 'zh-CN': zhCN };

let current: Locale = navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';

export function setLocale(l: Locale): void {
  current = l;
  document.documentElement.lang = l;
}
export function locale(): Locale {
  return current;
}

export function t(key: WebKey, params: Record<string, string | number> = {}): string {
  return catalogues[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
