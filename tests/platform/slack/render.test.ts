import { describe, expect, it } from 'vitest';
import { card } from '../../../cards/view.js';
import { SLACK_LIMITS, clip } from '../../../adapters/slack/limits.js';
import { toMrkdwn } from '../../../adapters/slack/mrkdwn.js';
import { MODAL_CALLBACK_ID, renderModal } from '../../../adapters/slack/render-modal.js';
import { fitMessage, renderHome, renderMessage } from '../../../adapters/slack/render.js';
import { messageProblems } from '../../../adapters/slack/conformance.js';

describe('toMrkdwn', () => {
  it('converts the card markdown subset', () => {
    expect(toMrkdwn('**Hi** _there_ `a**b**` [docs](https://x.example/a?b=1&c=2)\n- one\n- two')).toBe(
      '*Hi* _there_ `a**b**` <https://x.example/a?b=1&amp;c=2|docs>\n• one\n• two',
    );
  });
  it('escapes Slack control characters', () => {
    expect(toMrkdwn('a < b & c > d <!channel>')).toBe('a &lt; b &amp; c &gt; d &lt;!channel&gt;');
  });
});

const help = card({
  header: { title: 'Vitality help', subtitle: 'What I can do', tone: 'info' },
  blocks: [
    { type: 'text', markdown: '**/help** shows this' },
    {
      type: 'fields',
      fields: [
        { label: 'Points', value: '120' },
        { label: 'Lang', value: 'en' },
      ],
    },
    { type: 'divider' },
    {
      type: 'actions',
      buttons: [
        { label: '中文', action: { k: 'lang.set', v: 'zh-CN' } },
        { label: 'English', style: 'primary', action: { k: 'lang.set', v: 'en' } },
        { label: 'Open', url: 'https://app.example/x' },
      ],
    },
    { type: 'image', url: 'https://img.example/c.png', alt: 'chart' },
    { type: 'note', text: 'Anonymous _always_' },
  ],
});

describe('renderMessage', () => {
  it('renders header, sections, fields, buttons, image and context', () => {
    const { text, blocks } = renderMessage(help);
    expect(text).toBe('Vitality help\n/help shows this');
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'ℹ️ Vitality help', emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'What I can do' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '*/help* shows this' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Points*\n120' },
          { type: 'mrkdwn', text: '*Lang*\nen' },
        ],
      },
      { type: 'divider' },
      {
        type: 'actions',
        block_id: 'actions-3',
        elements: [
          {
            type: 'button',
            action_id: 'a:3:0',
            text: { type: 'plain_text', text: '中文', emoji: true },
            value: '{"k":"lang.set","v":"zh-CN"}',
          },
          {
            type: 'button',
            action_id: 'a:3:1',
            text: { type: 'plain_text', text: 'English', emoji: true },
            style: 'primary',
            value: '{"k":"lang.set","v":"en"}',
          },
          {
            type: 'button',
            action_id: 'u:3:2',
            text: { type: 'plain_text', text: 'Open', emoji: true },
            url: 'https://app.example/x',
          },
        ],
      },
      { type: 'image', image_url: 'https://img.example/c.png', alt_text: 'chart' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Anonymous _always_' }] },
    ]);
  });

  it('renders a form as a question preview and a button that opens it', () => {
    const c = card({
      blocks: [
        {
          type: 'form',
          id: 'pulse',
          fields: [
            { type: 'text', markdown: 'How was your week?' },
            { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 5 },
          ],
          submit: { label: 'Answer', action: { k: 'survey.answer', id: 'w1' } },
        },
      ],
    });
    expect(renderMessage(c).blocks).toEqual([
      // The text and a preview of the questions; the form itself opens in a modal.
      { type: 'section', text: { type: 'mrkdwn', text: 'How was your week?\n• Workload' } },
      {
        type: 'actions',
        block_id: 'form-pulse',
        elements: [
          {
            type: 'button',
            action_id: 'form:pulse',
            text: { type: 'plain_text', text: 'Answer', emoji: true },
            style: 'primary',
            value: '{"k":"survey.answer","id":"w1"}',
          },
        ],
      },
    ]);
  });

  it('enforces Block Kit limits without cutting content: labels are shortened, the rest goes to more messages', () => {
    const long = 'x'.repeat(7000);
    const many = card({
      header: { title: 'T'.repeat(300) },
      blocks: [
        { type: 'text', markdown: long },
        {
          type: 'fields',
          fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `${i}:${'v'.repeat(2500)}` })),
        },
        {
          type: 'actions',
          buttons: Array.from({ length: 30 }, (_, i) => ({
            label: 'B'.repeat(100),
            action: { k: 'x', id: String(i) },
          })),
        },
        ...Array.from({ length: 60 }, () => ({ type: 'divider' as const })),
      ],
    });
    // One message would break Slack's limits (blocks, total text): fitted into several, each accepted.
    expect(messageProblems(renderMessage(many)).length).toBeGreaterThan(0);
    const parts = fitMessage(many, 'send', 'http://vitality.test/app').map(renderMessage);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(messageProblems(p)).toEqual([]);
    interface B {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
      elements?: { action_id: string; text: { text: string }; value?: string }[];
    }
    const json = parts.flatMap((p) => p.blocks as unknown as B[]);
    // The title is shortened in the header (with "…") and shown in full right under it.
    expect(json[0]!.text!.text).toHaveLength(SLACK_LIMITS.headerText);
    expect(json[0]!.text!.text.endsWith('…')).toBe(true);
    expect(json[1]!.text!.text).toBe(`*${'T'.repeat(300)}*`);
    // All 7000 characters of text, in sections of at most 3000.
    const xs = json.filter((b) => b.type === 'section' && b.text && /^x+$/.test(b.text.text));
    expect(xs.reduce((n, b) => n + b.text!.text.length, 0)).toBe(7000);
    expect(Math.max(...xs.map((b) => b.text!.text.length))).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    // Every one of the 23 long fields, whole (over 2000 characters each: shown as text of their own).
    const all = json.map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n')).join('\n');
    for (let i = 0; i < 23; i++) expect(all).toContain(`${i}:${'v'.repeat(2500)}`);
    // All 30 buttons, 25 to an actions block at most, each with a unique action_id; labels shortened to 75.
    const actions = json.filter((b) => b.type === 'actions');
    const buttons = actions.flatMap((b) => b.elements!);
    expect(buttons.map((e) => JSON.parse(e.value!) as { id: string }).map((r) => r.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i)),
    );
    expect(Math.max(...actions.map((b) => b.elements!.length))).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
    expect(new Set(buttons.map((e) => e.action_id)).size).toBe(30);
    expect(buttons[0]!.text.text).toHaveLength(SLACK_LIMITS.buttonText);
    // And all 60 dividers.
    expect(json.filter((b) => b.type === 'divider')).toHaveLength(60);
  });

  it('clips a label by whole characters: an emoji is never split', () => {
    const label = `${'a'.repeat(73)}😀😀`;
    const [part] = fitMessage(
      card({ blocks: [{ type: 'actions', buttons: [{ label, action: { k: 'x' } }] }] }),
      'send',
      'http://vitality.test/app',
    );
    const text = (renderMessage(part!).blocks[0] as unknown as { elements: { text: { text: string } }[] }).elements[0]!
      .text.text;
    expect(text).toBe(`${'a'.repeat(73)}…`);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    // A family emoji (four people joined by ZWJ) and a flag are one character each to the reader: never cut inside.
    expect(clip(`${'a'.repeat(70)}👩‍👩‍👧‍👦`, 75)).toBe(`${'a'.repeat(70)}…`);
    expect(clip(`${'a'.repeat(72)}🇨🇳🇨🇳`, 75)).toBe(`${'a'.repeat(72)}…`);
    expect(clip('short', 75)).toBe('short');
  });

  it('puts more than 100 options into option groups of 100, all of them, the initial one among them', () => {
    const options = Array.from({ length: 300 }, (_, i) => ({ value: `t${i}`, label: `Tag ${i}` }));
    const c = card({
      blocks: [
        {
          type: 'form',
          id: 'f',
          fields: [{ type: 'choice', id: 'tags', label: 'Tags', multi: true, options, selected: ['t250'] }],
          submit: { label: 'Go', action: { k: 'go' } },
        },
      ],
    });
    const el = (
      renderModal(c).blocks[0] as unknown as {
        element: {
          type: string;
          options?: unknown;
          option_groups: { label: { text: string }; options: { value: string }[] }[];
          initial_options: { value: string }[];
        };
      }
    ).element;
    expect(el.type).toBe('multi_static_select');
    expect(el.options).toBeUndefined();
    expect(el.option_groups.map((g) => [g.label.text, g.options.length])).toEqual([
      ['1–100', 100],
      ['101–200', 100],
      ['201–300', 100],
    ]);
    expect(el.option_groups.flatMap((g) => g.options.map((o) => o.value))).toEqual(options.map((o) => o.value));
    expect(el.initial_options.map((o) => o.value)).toEqual(['t250']);
  });
});

describe('renderModal', () => {
  const form = card({
    header: { title: 'Weekly pulse survey for the store team' },
    blocks: [
      {
        type: 'form',
        id: 'pulse',
        fields: [
          { type: 'text', markdown: 'Answers are **anonymous**.' },
          { type: 'rating', id: 'q1', label: 'Workload', min: 1, max: 5, minLabel: 'Low', maxLabel: 'High', value: 3 },
          {
            type: 'choice',
            id: 'q2',
            label: 'Mood',
            options: [
              { value: 'g', label: 'Good' },
              { value: 'b', label: 'Bad' },
            ],
            selected: ['g'],
          },
          {
            type: 'choice',
            id: 'q3',
            label: 'Tags',
            multi: true,
            required: false,
            options: [{ value: 't1', label: 'One' }],
          },
          { type: 'input', id: 'c', label: 'Comment', multiline: true, maxLength: 5000, placeholder: 'Say more' },
        ],
        submit: { label: 'Send answers', action: { k: 'survey.answer', id: 'w9' } },
      },
    ],
  });

  it('renders fields as input blocks keyed by field id, with the submit action in private_metadata', () => {
    const view = renderModal(form, { channel: 'D1', ts: '1.2' });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: MODAL_CALLBACK_ID,
      title: { type: 'plain_text', text: 'Weekly pulse survey for…' },
      submit: { type: 'plain_text', text: 'Send answers' },
    });
    expect(view.title.text).toHaveLength(SLACK_LIMITS.modalTitle);
    expect(view.close).toBeUndefined(); // Slack's own, localised "Cancel"
    expect(JSON.parse(view.private_metadata!)).toEqual({ a: { k: 'survey.answer', id: 'w9' }, c: 'D1', m: '1.2' });
    expect(view.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Weekly pulse survey for the store team*' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Answers are *anonymous*.' } },
      {
        type: 'input',
        block_id: 'q1',
        label: { type: 'plain_text', text: 'Workload', emoji: true },
        optional: false,
        element: {
          type: 'static_select',
          action_id: 'v',
          options: [
            { text: { type: 'plain_text', text: '1 · Low', emoji: true }, value: '1' },
            { text: { type: 'plain_text', text: '2', emoji: true }, value: '2' },
            { text: { type: 'plain_text', text: '3', emoji: true }, value: '3' },
            { text: { type: 'plain_text', text: '4', emoji: true }, value: '4' },
            { text: { type: 'plain_text', text: '5 · High', emoji: true }, value: '5' },
          ],
          initial_option: { text: { type: 'plain_text', text: '3', emoji: true }, value: '3' },
        },
      },
      {
        type: 'input',
        block_id: 'q2',
        label: { type: 'plain_text', text: 'Mood', emoji: true },
        optional: false,
        element: {
          type: 'radio_buttons',
          action_id: 'v',
          options: [
            { text: { type: 'plain_text', text: 'Good', emoji: true }, value: 'g' },
            { text: { type: 'plain_text', text: 'Bad', emoji: true }, value: 'b' },
          ],
          initial_option: { text: { type: 'plain_text', text: 'Good', emoji: true }, value: 'g' },
        },
      },
      {
        type: 'input',
        block_id: 'q3',
        label: { type: 'plain_text', text: 'Tags', emoji: true },
        optional: true,
        element: {
          type: 'checkboxes',
          action_id: 'v',
          options: [{ text: { type: 'plain_text', text: 'One', emoji: true }, value: 't1' }],
        },
      },
      {
        type: 'input',
        block_id: 'c',
        label: { type: 'plain_text', text: 'Comment', emoji: true },
        optional: true,
        element: {
          type: 'plain_text_input',
          action_id: 'v',
          multiline: true,
          max_length: SLACK_LIMITS.inputMaxLength,
          placeholder: { type: 'plain_text', text: 'Say more', emoji: true },
        },
      },
    ]);
  });

  it('uses a select for long option lists', () => {
    const options = Array.from({ length: 12 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));
    const c = card({
      blocks: [
        {
          type: 'form',
          id: 'f',
          fields: [
            { type: 'choice', id: 'x', label: 'X', options },
            { type: 'choice', id: 'y', label: 'Y', multi: true, options },
          ],
          submit: { label: 'Go', action: { k: 'go' } },
        },
      ],
    });
    const types = renderModal(c).blocks.map((b) => (b as { element?: { type: string } }).element?.type);
    expect(types).toEqual(['static_select', 'multi_static_select']);
  });
});

describe('renderHome', () => {
  it('renders a home view with the card blocks', () => {
    const view = renderHome(
      card({ header: { title: 'Home' }, blocks: [{ type: 'text', markdown: 'Balance: **10**' }] }),
      'http://vitality.test/app',
    );
    expect(view).toEqual({
      type: 'home',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Home', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Balance: *10*' } },
      ],
    });
  });
});

describe('rendered cards pass the emulator’s Block Kit checks', () => {
  it('accepts what the renderer makes, and the checks do catch broken blocks', async () => {
    const { blockProblems, viewProblems } = await import('../../emulators/slack/block-kit-check.js');
    const big = card({
      header: { title: 'H'.repeat(400), subtitle: 's' },
      blocks: [
        { type: 'text', markdown: 'x'.repeat(9000) },
        { type: 'fields', fields: Array.from({ length: 31 }, (_, i) => ({ label: `${i}`, value: 'v'.repeat(3000) })) },
        {
          type: 'actions',
          buttons: Array.from({ length: 40 }, (_, i) => ({ label: 'b'.repeat(90), action: { k: 'k', v: String(i) } })),
        },
        { type: 'rating', id: 'loose', label: 'Loose rating', min: 1, max: 5 },
        {
          type: 'form',
          id: 'f',
          fields: [{ type: 'rating', id: 'r', label: 'R', min: 0, max: 10 }],
          submit: { label: 'S'.repeat(40), action: { k: 's' } },
        },
        ...Array.from({ length: 80 }, () => ({ type: 'note' as const, text: 'n' })),
      ],
    });
    // Too big for one message: fitted into several, each accepted (render.ts fitMessage, cards/fit.ts).
    const parts = fitMessage(big, 'send', 'http://vitality.test/app');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(blockProblems(renderMessage(part).blocks, 'message')).toEqual([]);
    expect(viewProblems(renderModal(big))).toEqual([]);
    expect(viewProblems(renderHome(big, 'http://vitality.test/app'))).toEqual([]);
    expect(blockProblems([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], 'message')).toEqual(
      ['blocks[0] (header): header text over 150'],
    );
    expect(viewProblems({ type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] })).toEqual([
      'title 1..24',
    ]);
  });
});

describe('renderModal pages', () => {
  // 30 sections of 5 questions, each section headed by a text field: 180 blocks, more than a modal's 100.
  const fields = Array.from({ length: 30 }, (_, s) => [
    { type: 'text' as const, markdown: `**Section ${s + 1}**` },
    ...Array.from({ length: 5 }, (_, q) => ({
      type: 'rating' as const,
      id: `s${s}q${q}`,
      label: `Question ${s + 1}.${q + 1}`,
      min: 1,
      max: 5,
    })),
  ]).flat();
  const long = card({
    header: { title: 'Long survey' },
    blocks: [{ type: 'form', id: 'f', fields, submit: { label: 'Send', action: { k: 'go' } } }],
  });

  it('splits a long form into pages that start at a section heading, each field on exactly one page', () => {
    const first = renderModal(long);
    const n = (JSON.parse(first.private_metadata!) as { n: number }).n;
    expect(n).toBe(2);
    const pages = Array.from({ length: n }, (_, p) => renderModal(long, {}, undefined, { page: p }));
    const ids = pages.flatMap((v) => v.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
    expect(ids).toEqual(fields.filter((f) => f.type === 'rating').map((f) => f.id));
    for (const v of pages) expect(v.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks);
    // Page 2 opens with "Page 2 of 2" and then a section heading, not in the middle of a section.
    expect(pages[1]!.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 2 of 2' }] });
    expect(pages[1]!.blocks[1]).toMatchObject({
      type: 'section',
      text: { text: expect.stringMatching(/^\*Section \d+\*$/) as unknown },
    });
    expect(pages.map((v) => v.submit?.text)).toEqual(['Next (1/2)', 'Send']);
  });

  it('shows the answers so far as the fields’ values, and carries them in private_metadata', () => {
    const v = renderModal(long, {}, undefined, { page: 1, answers: { s0q0: '4', s29q4: '2' } });
    expect(JSON.parse(v.private_metadata!)).toMatchObject({ p: 1, n: 2, v: { s0q0: '4', s29q4: '2' } });
    const last = v.blocks.find((b) => b.block_id === 's29q4') as unknown as {
      element: { initial_option?: { value: string } };
    };
    expect(last.element.initial_option?.value).toBe('2');
  });
});
