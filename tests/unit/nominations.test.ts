// The pure rules of peer nomination and recognition (issue 24): who may be nominated, how a name picks a
// colleague, how the chat command reads, where an approved claim is announced.
import { describe, expect, it } from 'vitest';
import { nominationRefusal, pickColleague, MATCHES_SHOWN } from '../../src/domain/points/nominations.js';
import { announceTargets, NO_RECOGNITION } from '../../src/domain/points/recognition.js';
import { parseNominateText } from '../../src/bot/features/nominations.js';

const person = (id: number, name: string, active = true) => ({ id, name, email: `${id}@x.example`, active });

describe('nominationRefusal', () => {
  it('refuses oneself, a leaver and nobody; accepts an active colleague', () => {
    expect(nominationRefusal(1, { id: 1, active: true })).toBe('self');
    expect(nominationRefusal(1, { id: 2, active: false })).toBe('left');
    expect(nominationRefusal(1, undefined)).toBe('unknown_person');
    expect(nominationRefusal(1, { id: 2, active: true })).toBeUndefined();
    // Oneself is named before having left (a leaver cannot act anyway).
    expect(nominationRefusal(1, { id: 1, active: false })).toBe('self');
  });
});

describe('pickColleague', () => {
  it('a whole name wins over partial matches; several partial matches are ambiguous, listed', () => {
    const wei = person(1, '张伟');
    const weiMing = person(2, '张伟明');
    expect(pickColleague('张伟', [wei, weiMing])).toEqual({ ok: true, person: wei });
    expect(pickColleague('张', [wei, weiMing])).toEqual({ ok: false, code: 'ambiguous', matches: [wei, weiMing] });
    expect(pickColleague('Li', [])).toEqual({ ok: false, code: 'unknown_person' });
    expect(pickColleague('wei zhang', [person(3, 'Wei Zhang')])).toMatchObject({ ok: true });
    const many = Array.from({ length: 20 }, (_, i) => person(i + 1, `Li ${i}`));
    const r = pickColleague('Li', many);
    expect(r.ok ? 0 : 'matches' in r ? r.matches.length : -1).toBe(MATCHES_SHOWN);
  });
});

describe('parseNominateText', () => {
  const tags = [
    { id: 1, nameZh: '跨部门支持', nameEn: 'Cross-department support' },
    { id: 2, nameZh: '成本', nameEn: 'Cost' },
    { id: 3, nameZh: '成本控制', nameEn: 'Cost control' },
  ];
  it('reads the colleague, the longest tag the rest starts with, and the text', () => {
    expect(parseNominateText('@张伟 成本控制 谈下了折扣', tags)).toEqual({
      nominee: '@张伟',
      tag: '3',
      description: '谈下了折扣',
      amount: '',
    });
    expect(parseNominateText('<@UWEI> cost control renegotiated', tags)).toMatchObject({
      nominee: '<@UWEI>',
      tag: '3',
      description: 'renegotiated',
    });
    // A tag name must end at a word boundary: "成本控制" is not read as "成本" + "控制…".
    expect(parseNominateText('张伟 成本 省了钱', tags)).toMatchObject({ tag: '2', description: '省了钱' });
    expect(parseNominateText('张伟 不存在 做了事', tags)).toMatchObject({ tag: '', description: '不存在 做了事' });
  });
  it('with separators, names and tags may hold spaces and a value follows', () => {
    expect(parseNominateText('Wei Zhang ; Cost control ; renegotiated ; 15%, ¥20000', tags)).toEqual({
      nominee: 'Wei Zhang',
      tag: '3',
      description: 'renegotiated',
      amount: '15%, ¥20000',
    });
  });
});

describe('announceTargets', () => {
  const company = { platform: 'slack' as const, chatId: 'CALL', locale: 'en' as const };
  const feishu = { platform: 'feishu' as const, chatId: 'oc_all', locale: 'zh-CN' as const };
  const own = { platform: 'slack' as const, chatId: 'CSUPPORT', locale: 'zh-CN' as const };
  it('nowhere for a tag not opted in; the company channels, or the tag’s own (one per platform)', () => {
    const s = { channels: [company, feishu], tags: [{ tagId: 1 }, { tagId: 2, channels: [own] }] };
    expect(announceTargets(NO_RECOGNITION, 1)).toEqual([]);
    expect(announceTargets(s, 9)).toEqual([]);
    expect(announceTargets(s, 1)).toEqual([company, feishu]);
    expect(announceTargets(s, 2)).toEqual([own]);
    expect(announceTargets({ channels: [company, { ...company, chatId: 'CNEW' }], tags: [{ tagId: 1 }] }, 1)).toEqual([
      { ...company, chatId: 'CNEW' },
    ]);
  });
});
