import { describe, expect, it } from 'vitest';
import { card } from '../../../cards/view.js';
import { DINGTALK_LIMITS } from '../../../adapters/dingtalk/limits.js';
import {
  renderCard,
  renderFallbackMessage,
  renderText,
  textPieces,
  toDingMarkdown,
  type CardButton,
} from '../../../adapters/dingtalk/render.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';

const step = stepCodec('test-stepper-secret-of-32-characters!');
const opts = { appUrl: 'https://vitality.example/app', step };
const buttonsOf = (m: Record<string, string>) => JSON.parse(m.actions!) as CardButton[];

describe('dingtalk render', () => {
  it('renders header, text, fields, note, divider and action buttons into the template variables', () => {
    const r = renderCard(
      card({
        header: { title: 'Help', subtitle: 'Vitality', tone: 'info' },
        blocks: [
          { type: 'text', markdown: '**Commands**\n- /help\n- _lang_' },
          {
            type: 'fields',
            fields: [
              { label: 'Name', value: 'Li Lei' },
              { label: 'Unit', value: 'Sales' },
            ],
          },
          { type: 'divider' },
          { type: 'note', text: 'Anonymous' },
          {
            type: 'actions',
            buttons: [
              { label: 'English', style: 'primary', action: { k: 'lang.set', v: 'en' } },
              { label: 'Docs', url: 'https://docs.example/x' },
            ],
          },
        ],
      }),
      opts,
    );
    expect(r.cardParamMap).toEqual({
      title: 'Help',
      subtitle: 'Vitality',
      tone: 'info',
      // DingTalk's markdown has no horizontal rule: the divider is a line of dashes.
      markdown: '**Commands**  \n- /help  \n- *lang*\n\n**Name**: Li Lei  \n**Unit**: Sales\n\n————————\n\n> Anonymous',
      actions: JSON.stringify([
        { label: 'English', style: 'primary', k: 'lang.set', v: 'en' },
        { label: 'Docs', style: 'default', url: 'https://docs.example/x' },
      ]),
      hasActions: 'true',
    });
    // Every card variable is a string: DingTalk card data carries strings only.
    expect(Object.values(r.cardParamMap).every((v) => typeof v === 'string')).toBe(true);
  });

  it('renders a single-rating form as one button per value carrying the answer', () => {
    const r = renderCard(
      card({
        header: { title: '本周脉搏' },
        blocks: [
          {
            type: 'form',
            id: 'pulse',
            fields: [
              { type: 'text', markdown: '匿名' },
              { type: 'rating', id: 'q1', label: '你感觉如何？', min: 1, max: 3, minLabel: '差', maxLabel: '好' },
            ],
            submit: { label: '提交', action: { k: 'survey.submit', id: 'w7' } },
          },
        ],
      }),
      opts,
    );
    expect(buttonsOf(r.cardParamMap)).toEqual([
      { label: '1 差', style: 'default', k: 'survey.submit', id: 'w7', f: 'q1', fv: '1' },
      { label: '2', style: 'default', k: 'survey.submit', id: 'w7', f: 'q1', fv: '2' },
      { label: '3 好', style: 'default', k: 'survey.submit', id: 'w7', f: 'q1', fv: '3' },
    ]);
    expect(r.markdown).toBe('匿名\n\n**你感觉如何？**');
  });

  it('renders a form that needs typing as its questions plus a link that opens the mini-app', () => {
    const r = renderCard(
      card({
        header: { title: 'Weekly pulse' },
        blocks: [
          {
            type: 'form',
            id: 'pulse',
            fields: [
              { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 5 },
              { type: 'input', id: 'c', label: 'Comment', required: true },
            ],
            submit: { label: 'Send', action: { k: 'survey.submit', id: 'w7' } },
          },
        ],
      }),
      opts,
    );
    expect(r.markdown).toBe('1. Workload\n2. Comment');
    expect(buttonsOf(r.cardParamMap)).toEqual([
      { label: 'Open the form', style: 'primary', url: 'https://vitality.example/app' },
    ]);
  });

  it('renders a multi-question form as a stepper: one question per card, answers carried in the buttons', () => {
    const pulse = card({
      header: { title: 'Weekly pulse' },
      blocks: [
        {
          type: 'form',
          id: 'pulse',
          fields: [
            { type: 'text', markdown: 'Anonymous.' },
            { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 2 },
            {
              type: 'choice',
              id: 'q2',
              label: 'Team',
              options: [
                { value: 'ok', label: 'OK' },
                { value: 'bad', label: 'Bad' },
              ],
            },
            { type: 'input', id: 'c', label: 'Comment' },
          ],
          submit: { label: 'Send', action: { k: 'survey.submit', id: 'w7' } },
        },
      ],
    });
    const first = renderCard(pulse, opts);
    const inApp = { label: 'Answer in the app', style: 'default', url: opts.appUrl };
    expect(first.markdown).toBe('Anonymous.\n\n**Workload** (1/2)');
    expect(first.buttons).toEqual([
      { label: '1', style: 'default', k: 'survey.submit', id: 'w7', f: 'q1', fv: '1', n: '1' },
      { label: '2', style: 'default', k: 'survey.submit', id: 'w7', f: 'q1', fv: '2', n: '1' },
      inApp,
    ]);
    const second = renderCard(pulse, opts, { answers: { q1: '2' }, by: 'u1' });
    expect(second.markdown).toBe('Anonymous.\n\n**Team** (2/2)'); // the text before the question stays
    // The earlier answers ride along sealed: DingTalk keeps the card's data, it must not read them.
    const carried = second.buttons.slice(0, 2).map((b) => b.a!);
    for (const a of carried) {
      // Sealed, not encoded: neither the token nor its base64url decoding holds the answer's key or JSON.
      // (A random token contains the letters "q1" by chance about once in a hundred runs: not a leak.)
      expect(a).not.toContain('"q1"');
      expect(Buffer.from(a, 'base64url').toString('latin1')).not.toContain('q1');
      expect(step.open(a)).toEqual({ q1: '2' });
    }
    expect(second.buttons).toEqual([
      { label: 'OK', style: 'default', k: 'survey.submit', id: 'w7', f: 'q2', fv: 'ok', a: carried[0], u: 'u1' },
      { label: 'Bad', style: 'default', k: 'survey.submit', id: 'w7', f: 'q2', fv: 'bad', a: carried[1], u: 'u1' },
      inApp,
    ]);
    expect(JSON.stringify(second.cardParamMap)).not.toContain('"q1"');
  });

  it('labels the mini-app link in the language of the form, not of the names on it', () => {
    const form = (submit: string) =>
      card({
        header: { title: 'Store rating · Cycle #1' },
        blocks: [
          {
            type: 'form',
            id: 'r',
            fields: [
              { type: 'text', markdown: '**叶青 Qing Ye**' },
              { type: 'rating', id: 'r_1_dq', label: 'Dish quality', min: 1, max: 5 },
              { type: 'input', id: 'c_1', label: 'Comment' },
            ],
            submit: { label: submit, action: { k: 'rating.submit', id: '1' } },
          },
        ],
      });
    expect(renderCard(form('Save ratings'), opts).buttons.at(-1)!.label).toBe('Answer in the app');
    expect(renderCard(form('保存评分'), opts).buttons.at(-1)!.label).toBe('在应用中作答');
    // No letters either way: the card's own guess decides (here: Chinese, from the name).
    expect(renderCard(form('✓'), opts).buttons.at(-1)!.label).toBe('在应用中作答');
  });

  it('shows each section heading with its questions and fits an 11-point scale', () => {
    const survey = card({
      blocks: [
        {
          type: 'form',
          id: 's',
          fields: [
            { type: 'text', markdown: '**Workload**' },
            { type: 'rating', id: 'a1', label: 'Hours are fine', min: 1, max: 5 },
            { type: 'text', markdown: '**Team**' },
            { type: 'rating', id: 'b1', label: 'I trust my team', min: 1, max: 5 },
            { type: 'rating', id: 'b2', label: 'We help each other', min: 1, max: 5 },
            { type: 'rating', id: 'enps', label: 'Recommend us?', min: 0, max: 10 },
          ],
          submit: { label: 'Send', action: { k: 'survey.answer', id: '3' } },
        },
      ],
    });
    expect(renderCard(survey, opts).markdown).toBe('**Workload**\n\n**Hours are fine** (1/4)');
    expect(renderCard(survey, opts, { answers: { a1: '3' }, by: 'u1' }).markdown).toBe(
      '**Team**\n\n**I trust my team** (2/4)',
    );
    expect(renderCard(survey, opts, { answers: { a1: '3', b1: '4' }, by: 'u1' }).markdown).toBe(
      '**Team**\n\n**We help each other** (3/4)',
    );
    const last = renderCard(survey, opts, { answers: { a1: '3', b1: '4', b2: '5' }, by: 'u1' });
    expect(last.buttons.map((b) => b.fv)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(
      last.buttons.every(
        (b) => b.n === undefined && JSON.stringify(step.open(b.a!)) === '{"a1":"3","b1":"4","b2":"5"}',
      ),
    ).toBe(true);
  });

  it('sends a longer scale to the mini-app (more buttons than a card holds)', () => {
    const r = renderCard(
      card({
        blocks: [
          {
            type: 'form',
            id: 'f',
            fields: [{ type: 'rating', id: 'x', label: 'X', min: 0, max: 11 }],
            submit: { label: 'OK', action: { k: 's' } },
          },
        ],
      }),
      opts,
    );
    expect(r.buttons.map((b) => b.url)).toEqual([opts.appUrl]);
  });

  it('clips only what must be short — by code points, never inside an emoji — and cuts no content', () => {
    const title = `${'标题'.repeat(40)}🎉`;
    const r = renderCard(
      card({
        header: { title },
        blocks: [
          { type: 'text', markdown: 'x'.repeat(DINGTALK_LIMITS.maxMarkdownChars + 100) },
          { type: 'actions', buttons: [{ label: `${'好'.repeat(19)}👍🏽 more`, action: { k: 'a' } }] },
        ],
      }),
      opts,
    );
    expect([...r.title]).toHaveLength(DINGTALK_LIMITS.maxTitleChars);
    // The header title is clipped; the body opens with it whole.
    expect(r.markdown.startsWith(`**${title}**`)).toBe(true);
    expect(r.markdown).toContain('x'.repeat(DINGTALK_LIMITS.maxMarkdownChars + 100));
    const label = r.buttons[0]!.label;
    expect([...label].length).toBeLessThanOrEqual(DINGTALK_LIMITS.maxButtonChars);
    expect(label.endsWith('…')).toBe(true);
    // No lone surrogate: the emoji is either whole or gone.
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(label)).toBe(false);
  });

  it('falls back to robot messages: markdown, one link, several links, action buttons → one mini-app link', () => {
    const plain = renderFallbackMessage(
      renderCard(card({ header: { title: 'Hi' }, blocks: [{ type: 'text', markdown: 'hello' }] }), opts),
      opts,
    );
    expect(plain).toEqual({ msgKey: 'sampleMarkdown', msgParam: { title: 'Hi', text: '### Hi\n\nhello' } });

    const one = renderFallbackMessage(
      renderCard(
        card({
          header: { title: 'Help' },
          blocks: [
            {
              type: 'actions',
              buttons: [
                { label: 'English', action: { k: 'lang.set', v: 'en' } },
                { label: '中文', action: { k: 'lang.set', v: 'zh-CN' } },
              ],
            },
          ],
        }),
        opts,
      ),
      opts,
    );
    expect(one).toEqual({
      msgKey: 'sampleActionCard',
      msgParam: { title: 'Help', text: '### Help\n\n', singleTitle: 'Open in the app', singleURL: opts.appUrl },
    });

    const two = renderFallbackMessage(
      renderCard(
        card({
          header: { title: 'Links' },
          blocks: [
            {
              type: 'actions',
              buttons: [
                { label: 'A', url: 'https://a.example/' },
                { label: 'B', action: { k: 'x' } },
              ],
            },
          ],
        }),
        opts,
      ),
      opts,
    );
    expect(two.msgKey).toBe('sampleActionCard2');
    expect(two.msgParam).toMatchObject({
      actionTitle1: 'A',
      actionURL1: 'https://a.example/',
      actionTitle2: 'Open in the app',
      actionURL2: opts.appUrl,
    });
  });

  it('renders text messages as sampleText, a long one in several messages with nothing lost', () => {
    expect(renderText('hi')).toEqual({ msgKey: 'sampleText', msgParam: { content: 'hi' } });
    const long = Array.from({ length: 900 }, (_, i) => `Sentence ${i} is here.`).join(' ');
    const pieces = textPieces(long);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => [...p].length <= DINGTALK_LIMITS.maxTextChars)).toBe(true);
    expect(pieces.join(' ')).toBe(long);
    // 5,000 emoji are 20,000 bytes: the byte limit splits them too, never inside one.
    const emoji = '😀'.repeat(5000);
    const parts = textPieces(emoji);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(emoji);
    expect(
      parts.every((p) => Buffer.byteLength(JSON.stringify({ content: p })) <= DINGTALK_LIMITS.maxMessageBytes),
    ).toBe(true);
  });

  it('converts the markdown subset', () => {
    expect(toDingMarkdown('a _b_ c\nd\n\ne')).toBe('a *b* c  \nd\n\ne');
    expect(toDingMarkdown('snake_case_name stays')).toBe('snake_case_name stays');
  });

  it('translates what DingTalk does not render into what it does, keeping the words', () => {
    expect(toDingMarkdown('bar `████░` **4.0**')).toBe('bar ████░ **4.0**');
    expect(toDingMarkdown('a\n\n---\n\nb')).toBe('a\n\n————————\n\nb');
    expect(toDingMarkdown('~~old~~ new')).toBe('old new');
    expect(toDingMarkdown('```\nx = 1\n```')).toBe('> x = 1');
    // A link keeps its URL as it is, even with a backtick or tildes in it.
    expect(toDingMarkdown('[see `x`](https://a.example/~~x~~/`y`)')).toBe('[see `x`](https://a.example/~~x~~/`y`)');
  });
});
