import { describe, expect, it } from 'vitest';
import { card } from '../../../cards/view.js';
import { FEISHU_LIMITS } from '../../../adapters/feishu/limits.js';
import { cardBytes, CardTooLargeError, countElements, renderCard, toFeishuMarkdown } from '../../../adapters/feishu/render.js';

describe('feishu render: CardView -> card JSON 2.0', () => {
  it('renders the header, markdown, fields, buttons and a divider', () => {
    const out = renderCard(
      card({
        header: { title: '帮助', subtitle: 'Vitality', tone: 'info' },
        blocks: [
          { type: 'text', markdown: '**命令** _list_ and `code`\n- one\n- [doc](https://example.com)' },
          { type: 'fields', fields: [{ label: 'A', value: '1' }, { label: 'B', value: '2' }, { label: 'C', value: '3' }] },
          { type: 'divider' },
          {
            type: 'actions',
            buttons: [
              { label: 'English', style: 'primary', action: { k: 'lang.set', v: 'en' } },
              { label: 'Open', url: 'https://example.com/app' },
            ],
          },
          { type: 'note', text: 'small print' },
        ],
      }),
    );
    expect(out.schema).toBe('2.0');
    expect(out.config).toEqual({ update_multi: true, width_mode: 'fill' });
    expect(out.header).toEqual({
      title: { tag: 'plain_text', content: '帮助' },
      subtitle: { tag: 'plain_text', content: 'Vitality' },
      template: 'blue',
    });
    const [text, row1, row2, hr, buttons, note] = out.body.elements;
    expect(text).toEqual({ tag: 'markdown', content: '**命令** *list* and `code`\n- one\n- [doc](https://example.com)' });
    expect(row1).toEqual({
      tag: 'column_set',
      flex_mode: 'none',
      horizontal_spacing: '8px',
      columns: [
        { tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'markdown', content: '**A**\n1' }] },
        { tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'markdown', content: '**B**\n2' }] },
      ],
    });
    expect((row2 as unknown as { columns: unknown[] }).columns).toHaveLength(1);
    expect(hr).toEqual({ tag: 'hr' });
    expect(buttons).toEqual({
      tag: 'column_set',
      flex_mode: 'flow',
      horizontal_spacing: '8px',
      columns: [
        {
          tag: 'column',
          width: 'auto',
          elements: [
            { tag: 'button', text: { tag: 'plain_text', content: 'English' }, type: 'primary', behaviors: [{ type: 'callback', value: { k: 'lang.set', v: 'en' } }] },
          ],
        },
        {
          tag: 'column',
          width: 'auto',
          elements: [
            { tag: 'button', text: { tag: 'plain_text', content: 'Open' }, type: 'default', behaviors: [{ type: 'open_url', default_url: 'https://example.com/app' }] },
          ],
        },
      ],
    });
    expect(note).toEqual({ tag: 'markdown', content: 'small print', text_size: 'notation' });
  });

  it('maps tones to header templates', () => {
    const tpl = (tone: 'neutral' | 'success' | 'warning' | 'danger') => renderCard(card({ header: { title: 't', tone }, blocks: [] })).header?.template;
    expect([tpl('neutral'), tpl('success'), tpl('warning'), tpl('danger')]).toEqual(['default', 'green', 'orange', 'red']);
  });

  it('renders a form container with input, selects and a submit button carrying the ActionRef', () => {
    const out = renderCard(
      card({
        blocks: [
          {
            type: 'form',
            id: 'claim',
            fields: [
              { type: 'rating', id: 'score', label: 'Score', min: 1, max: 3, minLabel: 'low', maxLabel: 'high' },
              { type: 'choice', id: 'tag', label: 'Tag', options: [{ value: 't1', label: 'Teamwork' }], selected: ['t1'] },
              { type: 'choice', id: 'many', label: 'Many', multi: true, required: false, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
              { type: 'input', id: 'why', label: 'Why', multiline: true, maxLength: 200, placeholder: '…' },
            ],
            submit: { label: 'Submit', action: { k: 'points.claim', id: '42' } },
          },
        ],
      }),
    );
    expect(out.header).toBeUndefined();
    expect(out.body.elements).toEqual([
      {
        tag: 'form',
        name: 'claim',
        elements: [
          { tag: 'markdown', content: '**Score**' },
          {
            tag: 'select_static',
            name: 'score',
            required: true,
            placeholder: { tag: 'plain_text', content: '1–3' },
            options: [
              { text: { tag: 'plain_text', content: '1 low' }, value: '1' },
              { text: { tag: 'plain_text', content: '2' }, value: '2' },
              { text: { tag: 'plain_text', content: '3 high' }, value: '3' },
            ],
          },
          { tag: 'markdown', content: '**Tag**' },
          { tag: 'select_static', name: 'tag', required: true, options: [{ text: { tag: 'plain_text', content: 'Teamwork' }, value: 't1' }], initial_option: 't1' },
          { tag: 'markdown', content: '**Many**' },
          {
            tag: 'multi_select_static',
            name: 'many',
            required: false,
            options: [
              { text: { tag: 'plain_text', content: 'A' }, value: 'a' },
              { text: { tag: 'plain_text', content: 'B' }, value: 'b' },
            ],
          },
          {
            tag: 'input',
            name: 'why',
            required: false,
            label: { tag: 'plain_text', content: 'Why' },
            label_position: 'top',
            input_type: 'multiline_text',
            rows: 3,
            placeholder: { tag: 'plain_text', content: '…' },
            max_length: 200,
          },
          {
            tag: 'button',
            text: { tag: 'plain_text', content: 'Submit' },
            type: 'primary',
            name: 'claim_submit',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { k: 'points.claim', id: '42' } }],
          },
        ],
      },
    ]);
  });

  it('escapes tag brackets so user text cannot inject <at> or <font>', () => {
    expect(toFeishuMarkdown('<at id=all></at> a<b')).toBe('&#60;at id=all&#62;&#60;/at&#62; a&#60;b');
  });

  it('image keys become img elements, plain URLs links; standalone inputs are read-only', () => {
    const out = renderCard(
      card({
        blocks: [
          { type: 'image', url: 'img_v2_abc', alt: 'chart' },
          { type: 'image', url: 'https://example.com/c.png', alt: 'chart' },
          { type: 'rating', id: 'r', label: 'Mood', min: 1, max: 5, value: 4 },
        ],
      }),
    );
    expect(out.body.elements).toEqual([
      { tag: 'img', img_key: 'img_v2_abc', alt: { tag: 'plain_text', content: 'chart' }, scale_type: 'fit_horizontal' },
      { tag: 'markdown', content: '[chart](https://example.com/c.png)' },
      { tag: 'markdown', content: '**Mood**\n4 / 5' },
    ]);
  });

  it('enforces limits: element count, text length, and the 30 KB card size', () => {
    const many = renderCard(card({ blocks: Array.from({ length: 260 }, (_, i) => ({ type: 'text' as const, markdown: `line ${i}` })) }));
    expect(countElements(many.body.elements)).toBeLessThanOrEqual(FEISHU_LIMITS.maxElements);
    expect(many.body.elements.at(-1)).toEqual({ tag: 'markdown', content: '…', text_size: 'notation' });

    const long = renderCard(card({ header: { title: 'x'.repeat(500) }, blocks: [{ type: 'text', markdown: 'y'.repeat(9000) }] }));
    expect(Array.from(long.header!.title.content)).toHaveLength(FEISHU_LIMITS.maxTitleChars);
    expect(Array.from((long.body.elements[0] as unknown as { content: string }).content)).toHaveLength(FEISHU_LIMITS.maxMarkdownChars);

    // 15 blocks of 3,000 CJK characters (~135 KB): too big as is, fits once long texts are shortened.
    const big = card({ blocks: Array.from({ length: 15 }, () => ({ type: 'text' as const, markdown: '字'.repeat(3000) })) });
    const fitted = renderCard(big);
    expect((fitted.body.elements[0] as unknown as { content: string }).content.length).toBe(500);
    expect(cardBytes(fitted)).toBeLessThanOrEqual(FEISHU_LIMITS.maxCardBytes);

    // 150 buttons can never fit: refused rather than sent and rejected by Feishu.
    const huge = card({
      blocks: Array.from({ length: 60 }, (_, i) => ({
        type: 'actions' as const,
        buttons: [1, 2, 3].map((j) => ({ label: `b${i}-${j}`, action: { k: 'x', id: String(i), v: 'v'.repeat(200) } })),
      })),
    });
    expect(() => renderCard(huge)).toThrow(CardTooLargeError);
  });
});
