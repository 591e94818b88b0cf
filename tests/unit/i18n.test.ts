import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import { parseLocale, t } from '../../src/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, p: placeholders(zhCN[key]) }).toEqual({ key, p: placeholders(en[key]) });
    }
  });
  it('have no empty strings', () => {
    for (const [key, v] of [...Object.entries(en), ...Object.entries(zhCN)])
      expect({ key, empty: v.trim() === '' }).toEqual({ key, empty: false });
  });
  it('fill parameters and keep unknown ones visible', () => {
    expect(t('en', 'help.intro', { name: 'Ann' })).toBe('Hi Ann! Type a command, or tap a button below.');
    expect(t('zh-CN', 'help.intro', {})).toContain('{name}');
  });
  it('parse platform locales', () => {
    expect(parseLocale('en_US')).toBe('en');
    expect(parseLocale('zh-TW')).toBe('zh-CN');
    expect(parseLocale('ja')).toBeUndefined();
  });
});
