import { describe, expect, it } from 'vitest';
import { type CardView, card } from '../../../cards/view.js';
import { FEISHU_LIMITS } from '../../../adapters/feishu/limits.js';
import { cardProblems, countElements, worstBodyBytes } from '../../../adapters/feishu/conformance.js';
import { pageCodec } from '../../../adapters/feishu/page-seal.js';
import {
  fitFeishu,
  renderCard as render,
  renderFitted,
  toFeishuMarkdown,
  type RenderContext,
} from '../../../adapters/feishu/render.js';

const ctx: RenderContext = { codec: pageCodec('render-test-secret'), appUrl: 'https://vitality.example.com/app' };
const renderCard = (v: CardView) => render(v, ctx);

describe('feishu render: CardView -> card JSON 2.0', () => {
  it('renders the header, markdown, fields, buttons and a divider', () => {
    const out = renderCard(
      card({
        header: { title: '帮助', subtitle: 'Vitality', tone: 'info' },
        blocks: [
          { type: 'text', markdown: '**命令** _list_ and `code`\n- one\n- [doc](https://example.com)' },
          {
            type: 'fields',
            fields: [
              { label: 'A', value: '1' },
              { label: 'B', value: '2' },
              { label: 'C', value: '3' },
            ],
          },
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
    expect(text).toEqual({
      tag: 'markdown',
      content: '**命令** *list* and `code`\n- one\n- [doc](https://example.com)',
    });
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
            {
              tag: 'button',
              text: { tag: 'plain_text', content: 'English' },
              type: 'primary',
              behaviors: [{ type: 'callback', value: { k: 'lang.set', v: 'en' } }],
            },
          ],
        },
        {
          tag: 'column',
          width: 'auto',
          elements: [
            {
              tag: 'button',
              text: { tag: 'plain_text', content: 'Open' },
              type: 'default',
              behaviors: [{ type: 'open_url', default_url: 'https://example.com/app' }],
            },
          ],
        },
      ],
    });
    expect(note).toEqual({ tag: 'markdown', content: 'small print', text_size: 'notation' });
  });

  it('maps tones to header templates', () => {
    const tpl = (tone: 'neutral' | 'success' | 'warning' | 'danger') =>
      renderCard(card({ header: { title: 't', tone }, blocks: [] })).header?.template;
    expect([tpl('neutral'), tpl('success'), tpl('warning'), tpl('danger')]).toEqual([
      'default',
      'green',
      'orange',
      'red',
    ]);
  });

  it('renders a form container with input, selects and a submit button carrying the ActionRef in its name (no behaviors)', () => {
    const out = renderCard(
      card({
        blocks: [
          {
            type: 'form',
            id: 'claim',
            fields: [
              { type: 'rating', id: 'score', label: 'Score', min: 1, max: 3, minLabel: 'low', maxLabel: 'high' },
              {
                type: 'choice',
                id: 'tag',
                label: 'Tag',
                options: [{ value: 't1', label: 'Teamwork' }],
                selected: ['t1'],
              },
              {
                type: 'choice',
                id: 'many',
                label: 'Many',
                multi: true,
                required: false,
                options: [
                  { value: 'a', label: 'A' },
                  { value: 'b', label: 'B' },
                ],
              },
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
          {
            tag: 'select_static',
            name: 'tag',
            required: true,
            options: [{ text: { tag: 'plain_text', content: 'Teamwork' }, value: 't1' }],
            initial_option: 't1',
          },
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
            name: ctx.codec.formName({ k: 'points.claim', id: '42' }),
            form_action_type: 'submit',
          },
        ],
      },
    ]);
    // The name is letters, digits and "_" and reads back as the ActionRef.
    const name = ctx.codec.formName({ k: 'points.claim', id: '42' });
    expect(name).toMatch(/^vf1_[a-z2-7]+$/);
    expect(ctx.codec.read(name)).toEqual({ kind: 'form', ref: { k: 'points.claim', id: '42' } });
    expect(cardProblems(out)).toEqual([]);
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

  it('counts elements as Feishu does: every tagged node, plain_text included (header, button texts, options)', () => {
    const out = renderCard(
      card({
        header: { title: 't', subtitle: 's' },
        blocks: [
          { type: 'actions', buttons: [{ label: 'a', action: { k: 'x' } }] },
          {
            type: 'form',
            id: 'f',
            fields: [
              {
                type: 'choice',
                id: 'c',
                label: 'C',
                options: [
                  { value: '1', label: 'one' },
                  { value: '2', label: 'two' },
                ],
              },
            ],
            submit: { label: 'Go', action: { k: 'y' } },
          },
        ],
      }),
    );
    // header title + subtitle (2); column_set, column, button, its text (4); form, label markdown, select, 2 option
    // texts, submit button, its text (7).
    expect(countElements(out)).toBe(13);
  });

  it('cuts nothing: a long title is clipped with "…" by code points; long text stays whole in the render', () => {
    const long = renderCard(
      card({ header: { title: '🙂'.repeat(500) }, blocks: [{ type: 'text', markdown: 'y'.repeat(9000) }] }),
    );
    expect(Array.from(long.header!.title.content)).toHaveLength(FEISHU_LIMITS.maxTitleChars);
    expect(long.header!.title.content.endsWith('🙂…')).toBe(true);
    expect((long.body.elements[0] as unknown as { content: string }).content).toHaveLength(9000);
  });

  it('a card over 200 elements or 30 KB is fitted into several cards, each accepted, nothing lost', () => {
    const many = card({
      blocks: Array.from({ length: 260 }, (_, i) => ({ type: 'text' as const, markdown: `line ${i}` })),
    });
    const parts = fitFeishu(many, 'send', ctx).map((v) => renderFitted(v, ctx));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(cardProblems(p)).toEqual([]);
    const text = parts.map((p) => JSON.stringify(p)).join('\n');
    for (let i = 0; i < 260; i++) expect(text).toContain(`line ${i}"`);

    // 15 blocks of 3,000 CJK characters (~135 KB of card, more as a request body).
    const big = card({
      blocks: Array.from({ length: 15 }, (_, i) => ({ type: 'text' as const, markdown: `${i}:${'字'.repeat(3000)}` })),
    });
    expect(worstBodyBytes(renderCard(big))).toBeGreaterThan(FEISHU_LIMITS.maxBodyBytes);
    const fitted = fitFeishu(big, 'send', ctx).map((v) => renderFitted(v, ctx));
    for (const p of fitted) expect(cardProblems(p)).toEqual([]);
    const all = fitted.map((p) => JSON.stringify(p)).join('');
    expect(all.match(/字/g)?.length).toBe(15 * 3000);

    // Edited in place (update): one card, the rest behind a note and an "open in app" link.
    const [updated, ...none] = fitFeishu(big, 'update', ctx);
    expect(none).toEqual([]);
    const json = renderFitted(updated!, ctx);
    expect(cardProblems(json)).toEqual([]);
    expect(JSON.stringify(json)).toContain('https://vitality.example.com/app');
  });
});
