// Announcements' pure rules (issue 25 §3): what texts are enough, which text a person reads, who may address
// which unit, how chat's "title | body" is filed by language, and the read/unread split by name.
import { describe, expect, it } from 'vitest';
import { parseChatTexts } from '../../src/bot/features/announcements.js';
import { mayAddress, maySend, splitReceipts, textFor, validateTexts } from '../../src/domain/announcements/rules.js';
import type { UnitNode } from '../../src/domain/org/units.js';
import type { Role } from '../../src/vocabulary.js';

const unit = (id: number, parentId: number | null, headEmployeeId: number | null): UnitNode => ({
  id,
  parentId,
  name: `u${id}`,
  path: `u${id}`,
  kind: 'department',
  headEmployeeId,
});
// 1 company → 2 stores (head 20) → 3 store A (head 30), 4 store B (head 40); 5 HQ (no head).
const UNITS = [unit(1, null, 10), unit(2, 1, 20), unit(3, 2, 30), unit(4, 2, 40), unit(5, 1, null)];
const hr = { id: 99, roles: ['employee', 'hr'] as Role[] };
const head = (id: number) => ({ id, roles: ['employee', 'manager'] as Role[] });

describe('announcement texts', () => {
  it('needs one complete language; a half-written one or none is refused with what is missing', () => {
    expect(validateTexts({ titleZh: '标题', bodyZh: '正文' })).toMatchObject({ ok: true });
    expect(validateTexts({ titleEn: 'T', bodyEn: 'B', titleZh: '  ', bodyZh: '' })).toEqual({
      ok: true,
      texts: { titleZh: null, bodyZh: null, titleEn: 'T', bodyEn: 'B' },
    });
    expect(validateTexts({})).toEqual({ ok: false, code: 'no_text' });
    expect(validateTexts({ titleZh: '标题' })).toEqual({ ok: false, code: 'zh_incomplete' });
    expect(validateTexts({ titleZh: '标题', bodyZh: '正文', bodyEn: 'only a body' })).toEqual({
      ok: false,
      code: 'en_incomplete',
    });
    expect(validateTexts({ titleEn: 'x'.repeat(121), bodyEn: 'b' })).toEqual({ ok: false, code: 'too_long' });
    expect(validateTexts({ titleEn: 'T', bodyEn: 'b'.repeat(2001) })).toEqual({ ok: false, code: 'too_long' });
  });

  it('a person reads their language, else the other one', () => {
    const both = { titleZh: '标题', bodyZh: '正文', titleEn: 'Title', bodyEn: 'Body' };
    expect(textFor(both, 'en')).toEqual({ title: 'Title', body: 'Body' });
    expect(textFor(both, 'zh-CN')).toEqual({ title: '标题', body: '正文' });
    const zhOnly = { titleZh: '标题', bodyZh: '正文', titleEn: null, bodyEn: null };
    expect(textFor(zhOnly, 'en')).toEqual({ title: '标题', body: '正文' });
  });

  it('chat files each "title | body" under the language it is written in', () => {
    expect(parseChatTexts('Shift change | From Monday || 排班调整 | 下周一起')).toEqual({
      ok: true,
      languages: 2,
      texts: { titleEn: 'Shift change', bodyEn: 'From Monday', titleZh: '排班调整', bodyZh: '下周一起' },
    });
    expect(parseChatTexts('排班调整｜下周一起 | 早班提前')).toMatchObject({
      ok: true,
      texts: { titleZh: '排班调整', bodyZh: '下周一起 | 早班提前' },
    });
    expect(parseChatTexts('只有标题')).toEqual({ ok: false, key: 'announce.usage' });
    expect(parseChatTexts('标题 | 正文 || 另一个 | 也是中文')).toEqual({
      ok: false,
      key: 'announce.error.same_language',
    });
  });
});

describe('who may address whom', () => {
  it('HR: any unit and the company; a head: their subtree only; others: nothing', () => {
    expect(mayAddress(UNITS, hr, null)).toBe(true);
    expect(mayAddress(UNITS, hr, 5)).toBe(true);
    expect(mayAddress(UNITS, hr, 404)).toBe(false);
    expect([1, 2, 3, 4, 5].filter((u) => mayAddress(UNITS, head(20), u))).toEqual([2, 3, 4]);
    expect([1, 2, 3, 4, 5].filter((u) => mayAddress(UNITS, head(30), u))).toEqual([3]);
    expect(mayAddress(UNITS, head(10), null)).toBe(false);
    expect(maySend(UNITS, head(40))).toBe(true);
    expect(maySend(UNITS, { id: 7, roles: ['employee', 'manager'] })).toBe(false);
    expect(maySend(UNITS, hr)).toBe(true);
  });
});

describe('receipts', () => {
  it('splits read from unread, each by name', () => {
    const r = splitReceipts([
      { personId: 3, name: 'Wu', readAt: null },
      { personId: 1, name: 'Chen', readAt: '2026-12-07T08:00:00.000Z' },
      { personId: 2, name: 'Bai', readAt: null },
    ]);
    expect(r.read.map((p) => p.name)).toEqual(['Chen']);
    expect(r.unread.map((p) => p.name)).toEqual(['Bai', 'Wu']);
  });
});
