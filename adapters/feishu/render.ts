// CardView -> Feishu card JSON 2.0 (https://open.feishu.cn/document/feishu-cards/card-json-v2-structure):
// { schema: "2.0", config: { update_multi: true }, header, body: { elements } }. update_multi must be true
// for cards we later PATCH (and JSON 2.0 only supports shared cards). Limits come from limits.ts.
import type { ActionRef, Block, Button, CardView, FormBlock, FormField, Tone } from '../../cards/view.js';
import { FEISHU_LIMITS } from './limits.js';

export type CardJson = {
  schema: '2.0';
  config: { update_multi: true; width_mode: 'fill' };
  header?: {
    title: { tag: 'plain_text'; content: string };
    subtitle?: { tag: 'plain_text'; content: string };
    template: string;
  };
  body: { elements: CardElement[] };
};
export type CardElement = { tag: string } & Record<string, unknown>;

export class CardTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`rendered card is ${bytes} bytes, over Feishu's ${FEISHU_LIMITS.maxCardBytes}-byte limit`);
    this.name = 'CardTooLargeError';
  }
}

/** Header colours: Feishu's template enum (blue, wathet, turquoise, green, yellow, orange, red, …, grey, default). */
export const TONE_TEMPLATE: Record<Tone, string> = {
  neutral: 'default',
  info: 'blue',
  success: 'green',
  warning: 'orange',
  danger: 'red',
};

const plain = (content: string) => ({ tag: 'plain_text' as const, content });

export function cut(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/** Our markdown subset -> Feishu card markdown: **bold**, `code`, [t](url) and "- " lists are the same;
 *  _italic_ becomes *italic*; < and > are escaped so user text cannot open <at>/<font> tags. */
export function toFeishuMarkdown(md: string, max: number = FEISHU_LIMITS.maxMarkdownChars): string {
  const escaped = md.replace(/</g, '&#60;').replace(/>/g, '&#62;');
  const italic = escaped.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;，。])/gm, '$1*$2*');
  return cut(italic, max);
}

function markdown(content: string, max?: number): CardElement {
  return { tag: 'markdown', content: toFeishuMarkdown(content, max) };
}

function callbackButton(label: string, style: Button['style'], ref: ActionRef, extra: Record<string, unknown> = {}): CardElement {
  return {
    tag: 'button',
    text: plain(cut(label, FEISHU_LIMITS.maxButtonChars)),
    type: style,
    ...extra,
    behaviors: [{ type: 'callback', value: { ...ref } }],
  };
}

function renderButton(b: Button): CardElement {
  if (b.url && !b.action) {
    const base = { tag: 'button', text: plain(cut(b.label, FEISHU_LIMITS.maxButtonChars)), type: b.style };
    return { ...base, behaviors: [{ type: 'open_url', default_url: b.url }] };
  }
  return callbackButton(b.label, b.style, b.action ?? { k: 'noop' });
}

function rows<T>(items: T[], per: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += per) out.push(items.slice(i, i + per));
  return out;
}

function columnSet(cells: CardElement[][], width: 'auto' | 'weighted'): CardElement {
  return {
    tag: 'column_set',
    flex_mode: width === 'auto' ? 'flow' : 'none',
    horizontal_spacing: '8px',
    columns: cells.map((elements) =>
      width === 'auto'
        ? { tag: 'column', width: 'auto', elements }
        : { tag: 'column', width: 'weighted', weight: 1, elements },
    ),
  };
}

function options(list: { value: string; label: string }[]) {
  return list.slice(0, FEISHU_LIMITS.maxOptions).map((o) => ({ text: plain(o.label), value: o.value }));
}

function ratingOptions(f: Extract<FormField, { type: 'rating' }>) {
  const out: { value: string; label: string }[] = [];
  for (let n = f.min; n <= f.max; n++) {
    const suffix = n === f.min && f.minLabel ? ` ${f.minLabel}` : n === f.max && f.maxLabel ? ` ${f.maxLabel}` : '';
    out.push({ value: String(n), label: `${n}${suffix}` });
  }
  return options(out);
}

/** A field inside a form container: Feishu submits each named component's value in action.form_value. */
function renderFormField(f: FormField, max?: number): CardElement[] {
  switch (f.type) {
    case 'text':
      return [markdown(f.markdown, max)];
    case 'rating':
      return [
        markdown(`**${f.label}**`, max),
        {
          tag: 'select_static',
          name: f.id,
          required: f.required,
          placeholder: plain(`${f.min}–${f.max}`),
          options: ratingOptions(f),
          ...(f.value !== undefined ? { initial_option: String(f.value) } : {}),
        },
      ];
    case 'choice':
      return [
        markdown(`**${f.label}**`, max),
        f.multi
          ? {
              tag: 'multi_select_static',
              name: f.id,
              required: f.required,
              options: options(f.options),
              ...(f.selected?.length ? { selected_values: f.selected } : {}),
            }
          : {
              tag: 'select_static',
              name: f.id,
              required: f.required,
              options: options(f.options),
              ...(f.selected?.[0] ? { initial_option: f.selected[0] } : {}),
            },
      ];
    case 'input':
      return [
        {
          tag: 'input',
          name: f.id,
          required: f.required,
          label: plain(f.label),
          label_position: 'top',
          input_type: f.multiline ? 'multiline_text' : 'text',
          ...(f.multiline ? { rows: 3 } : {}),
          ...(f.placeholder ? { placeholder: plain(f.placeholder) } : {}),
          ...(f.maxLength ? { max_length: f.maxLength } : {}),
          ...(f.value ? { default_value: f.value } : {}),
        },
      ];
  }
}

function renderForm(b: FormBlock, max?: number): CardElement {
  return {
    tag: 'form',
    name: b.id,
    elements: [
      ...b.fields.flatMap((f) => renderFormField(f, max)),
      callbackButton(b.submit.label, 'primary', b.submit.action, { name: `${b.id}_submit`, form_action_type: 'submit' }),
    ],
  };
}

/** Interactive blocks outside a form have no action to carry their value: show them read-only. */
function readOnly(label: string, value: string | undefined, max?: number): CardElement {
  return markdown(value ? `**${label}**\n${value}` : `**${label}**`, max);
}

function renderBlock(b: Block, max?: number): CardElement[] {
  switch (b.type) {
    case 'text':
      return [markdown(b.markdown, max)];
    case 'fields':
      return rows(b.fields, FEISHU_LIMITS.fieldsPerRow).map((row) =>
        columnSet(row.map((f) => [markdown(`**${f.label}**\n${f.value}`, max)]), 'weighted'),
      );
    case 'rating':
      return [readOnly(b.label, b.value === undefined ? undefined : `${b.value} / ${b.max}`, max)];
    case 'choice': {
      const chosen = b.options.filter((o) => b.selected?.includes(o.value)).map((o) => o.label);
      return [readOnly(b.label, chosen.length ? chosen.join(', ') : undefined, max)];
    }
    case 'input':
      return [readOnly(b.label, b.value, max)];
    case 'actions':
      return rows(b.buttons, FEISHU_LIMITS.buttonsPerRow).map((row) => columnSet(row.map((x) => [renderButton(x)]), 'auto'));
    case 'image':
      // Card images need an uploaded img_key (im/v1/images); a plain URL becomes a link instead.
      return b.url.startsWith('img_')
        ? [{ tag: 'img', img_key: b.url, alt: plain(b.alt), scale_type: 'fit_horizontal' }]
        : [markdown(`[${b.alt}](${b.url})`, max)];
    case 'note':
      return [{ tag: 'markdown', content: toFeishuMarkdown(b.text, max), text_size: 'notation' }];
    case 'divider':
      return [{ tag: 'hr' }];
    case 'form':
      return [renderForm(b, max)];
  }
}

export function countElements(elements: unknown[]): number {
  let n = 0;
  for (const e of elements) {
    n += 1;
    if (typeof e === 'object' && e !== null) {
      const rec = e as Record<string, unknown>;
      for (const key of ['elements', 'columns']) {
        const child = rec[key];
        if (Array.isArray(child)) n += countElements(child);
      }
    }
  }
  return n;
}

function build(view: CardView, max?: number): CardJson {
  let elements = view.blocks.flatMap((b) => renderBlock(b, max));
  if (countElements(elements) > FEISHU_LIMITS.maxElements) {
    const kept: CardElement[] = [];
    for (const e of elements) {
      if (countElements([...kept, e]) > FEISHU_LIMITS.maxElements - 1) break;
      kept.push(e);
    }
    elements = [...kept, { tag: 'markdown', content: '…', text_size: 'notation' }];
  }
  const card: CardJson = { schema: '2.0', config: { update_multi: true, width_mode: 'fill' }, body: { elements } };
  if (view.header) {
    card.header = {
      title: plain(cut(view.header.title, FEISHU_LIMITS.maxTitleChars)),
      ...(view.header.subtitle ? { subtitle: plain(cut(view.header.subtitle, FEISHU_LIMITS.maxSubtitleChars)) } : {}),
      template: TONE_TEMPLATE[view.header.tone],
    };
  }
  return card;
}

export function cardBytes(card: CardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Render within the 30 KB limit: if the card is too big, shorten long texts once; else refuse. */
export function renderCard(view: CardView): CardJson {
  const full = build(view);
  if (cardBytes(full) <= FEISHU_LIMITS.maxCardBytes) return full;
  const short = build(view, 500);
  const bytes = cardBytes(short);
  if (bytes <= FEISHU_LIMITS.maxCardBytes) return short;
  throw new CardTooLargeError(bytes);
}
