// The shared Intl formatters (src/intl-format.ts): one instance per (locale, options), and the key really
// includes the time zone and the locale — a cache keyed too loosely would print Shanghai's time for London.
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../cards/survey.js';
import { dateTimeFormat, numberFormat } from '../../src/intl-format.js';

const at = new Date('2026-03-02T09:30:00Z');

describe('intl-format', () => {
  it('returns the same formatter for the same locale and options', () => {
    const a = dateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    const b = dateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
    expect(b).toBe(a);
    expect(numberFormat('en', { maximumFractionDigits: 2 })).toBe(numberFormat('en', { maximumFractionDigits: 2 }));
  });

  it('keeps different time zones, locales and options apart', () => {
    const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const shanghai = dateTimeFormat('en', { ...options, timeZone: 'Asia/Shanghai' });
    const london = dateTimeFormat('en', { ...options, timeZone: 'Europe/London' });
    expect(london).not.toBe(shanghai);
    expect(shanghai.format(at)).toBe('17:30');
    expect(london.format(at)).toBe('09:30');
    expect(numberFormat('en', { maximumFractionDigits: 0 }).format(1.25)).toBe('1');
    expect(numberFormat('en', { maximumFractionDigits: 2 }).format(1.25)).toBe('1.25');
    expect(dateTimeFormat('zh-CN', { timeZone: 'UTC', month: 'long' }).format(at)).toBe('三月');
    expect(dateTimeFormat('en', { timeZone: 'UTC', month: 'long' }).format(at)).toBe('March');
  });

  it('formatDate still follows the zone and the locale on repeated calls', () => {
    expect(formatDate(at, 'en', 'Asia/Shanghai')).toBe(
      new Intl.DateTimeFormat('en', {
        timeZone: 'Asia/Shanghai',
        month: 'short',
        day: 'numeric',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(at),
    );
    expect(formatDate(at, 'en', 'Asia/Shanghai')).toContain('05:30');
    expect(formatDate(at, 'en', 'Europe/London')).toContain('09:30');
    expect(formatDate(at, 'zh-CN', 'Asia/Shanghai')).toContain('3月2日');
  });
});
