// The duplicate check's text similarity, in English and Chinese: near duplicates score at or above the flag
// line, clearly different claims well below it; and the choice of the closest earlier claim of the same tag.
import { describe, expect, it } from 'vitest';
import { closestEarlier } from '../../src/domain/points/duplicates.js';
import { SIMILAR_AT, similarity, textFeatures } from '../../src/domain/points/similarity.js';

const near: [string, string][] = [
  ['Renegotiated the produce contract', 'Renegotiated the produce contract.'],
  ['Renegotiated the produce contract', 'Re-negotiated produce contract'],
  ['Renegotiated the produce contract', 'renegotiated the produce contracts with two suppliers'],
  ['Built the daily sales forecast; stores now prep to it', 'Built the weekly sales forecast so stores prep to it'],
  ['重新谈判三家食材供应商合同，季度采购成本下降', '重新谈判食材供应商合同，采购成本下降'],
  ['周末支援杭州西湖店收银', '周末支援西湖店收银'],
  ['帮助徐汇店盘点库存', '帮助徐汇店盘点库存（第二次）'],
  ['ＲＥＮＥＧＯＴＩＡＴＥＤ　ｔｈｅ　ｐｒｏｄｕｃｅ　ｃｏｎｔｒａｃｔ', 'Renegotiated the produce contract'],
];
const different: [string, string][] = [
  ['Renegotiated the produce contract', 'Trained the Hangzhou servers on the new POS'],
  ['Built the daily sales forecast; stores now prep to it', 'Redesigned the menu boards for all three stores'],
  ['重新谈判三家食材供应商合同，季度采购成本下降', '冷库温控故障连夜抢修，避免整批食材报废'],
  ['周末支援杭州西湖店收银', '协助总部拍摄新品宣传照'],
  ['上线门店自助点餐小程序', '上线会员积分系统'],
  ['Renegotiated the produce contract', '重新谈判食材供应商合同'],
];

describe('claim text similarity', () => {
  it.each(near)('near duplicates are flagged: “%s” ~ “%s”', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(SIMILAR_AT);
    expect(similarity(b, a)).toBe(similarity(a, b));
  });

  it.each(different)('clearly different claims are not: “%s” / “%s”', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(0.25);
  });

  it('ignores case, full-width forms, punctuation and spacing; empty text is like nothing', () => {
    expect(similarity('Cut costs, 15%!', 'cut   costs 15 %')).toBe(1);
    expect(similarity('重新谈判，合同。', '重新谈判合同')).toBeLessThan(1); // the comma separates 判 from 合
    expect(similarity('', '')).toBe(0);
    expect(similarity('!!!', 'Renegotiated')).toBe(0);
    expect([...textFeatures('库存')]).toEqual(['库存']);
    expect([...textFeatures('POS')]).toEqual(['#po', 'pos', 'os#']);
  });
});

describe('the closest earlier claim', () => {
  const earlier = [
    { id: 1, createdAt: '2026-11-20T02:00:00.000Z', tagId: 5, description: 'Renegotiated the produce contract' },
    { id: 2, createdAt: '2026-11-25T02:00:00.000Z', tagId: 5, description: 'Renegotiated the produce contract.' },
    { id: 3, createdAt: '2026-11-26T02:00:00.000Z', tagId: 6, description: 'Renegotiated the produce contract!' },
    { id: 4, createdAt: '2026-11-27T02:00:00.000Z', tagId: 5, description: 'Fixed the POS at Hangzhou' },
  ];
  it('is of the same tag, the most alike, and none when nothing is close', () => {
    expect(closestEarlier({ tagId: 5, description: 'Renegotiated the produce contract' }, earlier)).toMatchObject({
      id: 1,
      score: 1,
    });
    expect(closestEarlier({ tagId: 7, description: 'Renegotiated the produce contract' }, earlier)).toBeUndefined();
    expect(closestEarlier({ tagId: 5, description: 'Trained two new cooks' }, earlier)).toBeUndefined();
  });
});
