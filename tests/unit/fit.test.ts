// cards/fit.ts: a card too big for one message is split or linked, never cut silently; markdown is split only
// at safe points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardLocale, charCount, clipText, fitCard, splitMarkdown } from '../../cards/fit.js';
import { card, type Block, type CardView } from '../../cards/view.js';

const APP = 'https://vitality.example/app';
/** A stand-in platform: at most `chars` characters of card JSON and `blocks` blocks per message. */
const limit =
  (chars: number, blocks = 50) =>
  (v: CardView) =>
    JSON.stringify(v).length <= chars && v.blocks.length <= blocks;
const texts = (cards: CardView[]) =>
  cards
    .flatMap((c) => c.blocks)
    .map((b) => (b.type === 'text' ? b.markdown : b.type === 'note' ? b.text : ''))
    .join('\n');
const squash = (s: string) => s.replace(/\s+/g, '');

describe('fitCard', () => {
  const lines = Array.from(
    { length: 200 },
    (_, i) => `- **财务部 ${i + 1} 组** · 平均 ${(3 + (i % 20) / 10).toFixed(1)} · 参与 ${10 + i} 人`,
  );
  const report = card({
    header: { title: '脉搏调研报告', tone: 'info' },
    blocks: [
      { type: 'text', markdown: '第 3 轮，共 200 个部门。' },
      { type: 'text', markdown: lines.join('\n') },
      {
        type: 'actions',
        buttons: [
          { label: '在应用中打开', url: `${APP}/hr/report` },
          { label: '导出', action: { k: 'report.export' } },
        ],
      },
    ],
  });

  it('leaves a card that fits alone', () => {
    const small = card({ blocks: [{ type: 'text', markdown: 'hi' }] });
    expect(fitCard(small, { fits: limit(1000), mode: 'send', appUrl: APP })).toEqual([small]);
  });

  it('sends what does not fit as continuations: each fits, all content in order, buttons on the first', () => {
    const cards = fitCard(report, { fits: limit(3000), mode: 'send', appUrl: APP });
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) expect(limit(3000)(c)).toBe(true);
    const all = texts(cards);
    let from = 0;
    for (const line of lines) {
      const at = all.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at;
    }
    expect(cards[0]!.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(texts([cards[0]!])).toContain(`下接 ${cards.length - 1} 条消息`);
    expect(cards.slice(1).map((c) => c.header?.title)).toEqual(
      cards.slice(1).map((_, i) => `脉搏调研报告（${i + 2}/${cards.length}）`),
    );
  });

  it('updating in place keeps one card, says how much is left out and links to the app', () => {
    const [only, ...more] = fitCard(report, { fits: limit(3000), mode: 'update', appUrl: APP });
    expect(more).toEqual([]);
    expect(limit(3000)(only!)).toBe(true);
    const note = only!.blocks.find((b): b is Extract<Block, { type: 'note' }> => b.type === 'note');
    const shown = lines.filter((l) => texts([only!]).includes(l)).length;
    expect(note?.text).toContain(`还有 ${200 - shown} 项`);
    expect(only!.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.url === APP))).toBe(true);
  });

  it('a form stays on the first card; a form too big for any card becomes a clear note and a link', () => {
    const form = (n: number): Block => ({
      type: 'form',
      id: 'f',
      fields: Array.from({ length: n }, (_, i) => ({
        type: 'rating' as const,
        id: `q${i}`,
        label: `Question ${i}`,
        min: 1,
        max: 5,
        required: true,
      })),
      submit: { label: 'Submit', action: { k: 'survey.submit', id: '1' } },
    });
    const intro = {
      type: 'text' as const,
      markdown: Array.from({ length: 60 }, (_, i) => `Intro line ${i}`).join('\n'),
    };
    const fitting = fitCard(card({ header: { title: 'Survey' }, blocks: [intro, form(5)] }), {
      fits: limit(2500),
      mode: 'send',
      appUrl: APP,
    });
    expect(fitting[0]!.blocks.some((b) => b.type === 'form')).toBe(true);
    expect(fitting.slice(1).every((c) => c.blocks.every((b) => b.type !== 'form'))).toBe(true);
    const huge = fitCard(card({ header: { title: 'Survey' }, blocks: [form(200)] }), {
      fits: limit(2500),
      mode: 'send',
      appUrl: APP,
    });
    expect(huge).toHaveLength(1);
    expect(texts(huge)).toContain('This form is too long for a chat card');
    expect(huge[0]!.blocks.some((b) => b.type === 'actions' && b.buttons[0]?.url === APP)).toBe(true);
  });

  it('a 50,000-character comment with no line breaks is split, not cut', () => {
    const comment = '这个流程太慢了，我们每周都要等三天审批。'.repeat(2500);
    const cards = fitCard(card({ header: { title: 'Comments' }, blocks: [{ type: 'text', markdown: comment }] }), {
      fits: limit(6000),
      mode: 'send',
      appUrl: APP,
    });
    for (const c of cards) expect(limit(6000)(c)).toBe(true);
    const said = cards
      .flatMap((c) => c.blocks)
      .map((b) => (b.type === 'text' ? b.markdown : ''))
      .join('');
    expect(squash(said) === squash(comment)).toBe(true);
  });

  it('many buttons spill into continuations, each still pressable', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      label: `Redeem reward ${i + 1}`,
      action: { k: 'reward.redeem', id: String(i + 1) },
    }));
    const cards = fitCard(card({ header: { title: 'Rewards' }, blocks: [{ type: 'actions', buttons }] }), {
      fits: limit(1500),
      mode: 'send',
      appUrl: APP,
    });
    const got = cards.flatMap((c) => c.blocks).flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(got.filter((b) => b.action?.k === 'reward.redeem').map((b) => b.action?.id)).toEqual(
      buttons.map((b) => b.action.id),
    );
    for (const c of cards) expect(limit(1500)(c)).toBe(true);
  });
});

describe('splitMarkdown', () => {
  it('cuts at paragraphs, then lines, then words; never inside bold or a link', () => {
    const md = `${'word '.repeat(30)}**bold words stay together** and [a link text](https://x.example/a) end.`;
    for (let max = 40; max < 90; max += 7) {
      const pieces = splitMarkdown(md, max);
      for (const p of pieces) expect(charCount(p)).toBeLessThanOrEqual(max);
      expect(pieces.some((p) => p.includes('**bold words stay together**'))).toBe(true);
      expect(pieces.some((p) => p.includes('[a link text](https://x.example/a)'))).toBe(true);
    }
  });

  it('a bold span longer than a piece is re-wrapped piece by piece', () => {
    const pieces = splitMarkdown(`**${'很'.repeat(50)}**`, 12);
    for (const p of pieces) expect(p).toMatch(/^\*\*很+\*\*$/);
    expect(pieces.join('').replace(/\*/g, '')).toBe('很'.repeat(50));
  });

  it('never splits an emoji or a surrogate pair', () => {
    const md = '👨‍👩‍👧🎉'.repeat(40);
    for (const p of splitMarkdown(md, 9)) {
      expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
      expect(p.startsWith('\u200d')).toBe(false);
    }
  });

  it('property: pieces fit, keep every character in order, and keep every span that fits', () => {
    const word = fc.constantFrom(
      'alpha',
      '数据',
      '**bold**',
      '`code`',
      '[t](https://e.example/x)',
      '_it_',
      '🎉',
      '，',
      '.',
    );
    const sep = fc.constantFrom(' ', '\n', '\n\n', '');
    const md = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 200 }).map((xs) =>
      xs
        .map(([w, s]) => w + s)
        .join('')
        .trim(),
    );
    fc.assert(
      fc.property(md, fc.integer({ min: 26, max: 400 }), (text, max) => {
        const pieces = splitMarkdown(text, max);
        for (const p of pieces) if (charCount(p) > max) return false;
        if (squash(pieces.join('')) !== squash(text)) return false;
        for (const span of text.match(/\*\*bold\*\*|`code`|\[t\]\(https:\/\/e\.example\/x\)/g) ?? [])
          if (!pieces.some((p) => p.includes(span))) return false;
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('clipText and cardLocale', () => {
  it('clips by characters, never inside an emoji', () => {
    expect(clipText('审批通过🎉🎉', 5)).toBe('审批通过…');
    expect(clipText('👨‍👩‍👧👨‍👩‍👧', 7)).toBe('👨‍👩‍👧…');
    expect(clipText('short', 10)).toBe('short');
    expect(clipText('🇨🇳🇺🇸🇯🇵', 5)).toBe('🇨🇳🇺🇸…');
    expect(clipText('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…');
  });

  it('reads the language from the card’s own words', () => {
    expect(
      cardLocale(
        card({
          header: { title: '审批' },
          blocks: [{ type: 'actions', buttons: [{ label: '同意', action: { k: 'a' } }] }],
        }),
      ),
    ).toBe('zh-CN');
    expect(
      cardLocale(
        card({
          header: { title: 'Rate 林晓雯' },
          blocks: [{ type: 'actions', buttons: [{ label: 'Approve the request', action: { k: 'a' } }] }],
        }),
      ),
    ).toBe('en');
  });
});
