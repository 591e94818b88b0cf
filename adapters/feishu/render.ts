// CardView -> Feishu card JSON 2.0 (https://open.feishu.cn/document/feishu-cards/card-json-v2-structure):
// { schema: "2.0", config: { update_multi: true }, header, body: { elements } }. update_multi must be true
// for cards we later PATCH (and JSON 2.0 only supports shared cards). Limits come from limits.ts and are
// measured by conformance.ts; nothing is cut here: a card too big for one message is made to fit by
// cards/fit.ts (fitFeishu below), and a form too long for one card is rendered page by page.
//
// Form submit buttons. The form container doc (https://open.feishu.cn/document/feishu-cards/card-json-v2-components/containers/form-container)
// configures the submit button with `form_action_type: "submit"` and a `name`; a submission calls back with
// `action.form_value` (each named component's value), `action.tag` "button" and `action.name` (the button's
// name) — the SDK's own card-action normaliser reads exactly `value?`, `tag`, `name`, `option`, `timezone`
// (larksuite/node-sdk channel/normalize/card-action.ts), `value` being optional. JSON 2.0 refuses attributes a
// component does not support (https://open.feishu.cn/document/feishu-cards/card-json-v2-breaking-changes-release-notes:
// "传入不支持的属性将报错"), and Lark's card guide gives a form button `form_action_type` without `behaviors`.
// So our submit buttons carry no `behaviors` and no `value`: the ActionRef (and, for a page of a long form,
// the sealed earlier answers) travels in the `name`, which is documented to come back (page-seal.ts).
import type { ActionRef, Block, Button, CardView, FormBlock, FormField, Tone } from '../../cards/view.js';
import { appUrlOf, clipText, fitCard, fitWords, type FitMode } from '../../cards/fit.js';
import { countElements, fitsFeishu, worstBodyBytes } from './conformance.js';
import { FEISHU_LIMITS } from './limits.js';
import type { PageCodec, RawAnswers } from './page-seal.js';

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

/** Header colours: Feishu's template enum (blue, wathet, turquoise, green, yellow, orange, red, …, grey, default). */
export const TONE_TEMPLATE: Record<Tone, string> = {
  neutral: 'default',
  info: 'blue',
  success: 'green',
  warning: 'orange',
  danger: 'red',
};

export interface RenderContext {
  codec: PageCodec;
  /** Where the card can be read and its form filled in the mini-app (the last resort's button). */
  appUrl: string;
  /** The page of the card's form to render (1-based; 1 when absent). Pages after the first show the header
   *  and the form page only — the rest of the card was on the first. */
  page?: number;
  /** Answers of the earlier pages (sealed into this page's submit) and who gave them. They also prefill the
   *  fields they belong to, so a page shown again (a field error) keeps what was entered. */
  carry?: { answers: RawAnswers; by?: string };
  /** Show the carried answers in their fields again (default). Off when that alone would overflow the page. */
  prefill?: boolean;
}

const plain = (content: string) => ({ tag: 'plain_text' as const, content });

/** Our markdown subset -> Feishu card markdown: **bold**, `code`, [t](url) and "- " lists are the same;
 *  _italic_ becomes *italic*; < and > are escaped so user text cannot open <at>/<font> tags. */
export function toFeishuMarkdown(md: string): string {
  const escaped = md.replace(/</g, '&#60;').replace(/>/g, '&#62;');
  return escaped.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;，。])/gm, '$1*$2*');
}

function markdown(content: string): CardElement {
  return { tag: 'markdown', content: toFeishuMarkdown(content) };
}

function callbackButton(label: string, style: Button['style'], ref: ActionRef): CardElement {
  return {
    tag: 'button',
    text: plain(clipText(label, FEISHU_LIMITS.maxButtonChars)),
    type: style,
    behaviors: [{ type: 'callback', value: { ...ref } }],
  };
}

function renderButton(b: Button): CardElement {
  if (b.url && !b.action) {
    const base = { tag: 'button', text: plain(clipText(b.label, FEISHU_LIMITS.maxButtonChars)), type: b.style };
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

const options = (list: { value: string; label: string }[]) =>
  list.map((o) => ({ text: plain(o.label), value: o.value }));

function ratingOptions(f: Extract<FormField, { type: 'rating' }>) {
  const out: { value: string; label: string }[] = [];
  for (let n = f.min; n <= f.max; n++) {
    const suffix = n === f.min && f.minLabel ? ` ${f.minLabel}` : n === f.max && f.maxLabel ? ` ${f.maxLabel}` : '';
    out.push({ value: String(n), label: `${n}${suffix}` });
  }
  return options(out);
}

// ---------------------------------------------------------------------------------------------------------
// Forms: units (what must stay together) and pages.

/** The form_value key of part `i` (1-based) of a choice list split over several selects. */
export const partName = (id: string, i: number) => `${id}__p${i}`;
const PART = /^(.*)__p(\d+)$/;

/** One field as rendered: kept whole on one page. `ids` are the form_value keys it submits. */
interface Unit {
  fieldId?: string;
  ids: string[];
  heading: boolean;
  elements: CardElement[];
}

const asList = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

function unitsOf(b: FormBlock, prefill: RawAnswers | undefined): Unit[] {
  const out: Unit[] = [];
  for (const f of b.fields) {
    switch (f.type) {
      case 'text':
        out.push({ ids: [], heading: true, elements: [markdown(f.markdown)] });
        break;
      case 'rating': {
        const v = prefill?.[f.id] ?? (f.value !== undefined ? String(f.value) : undefined);
        out.push({
          fieldId: f.id,
          ids: [f.id],
          heading: false,
          elements: [
            markdown(`**${f.label}**`),
            {
              tag: 'select_static',
              name: f.id,
              required: f.required,
              placeholder: plain(`${f.min}–${f.max}`),
              options: ratingOptions(f),
              ...(typeof v === 'string' ? { initial_option: v } : {}),
            },
          ],
        });
        break;
      }
      case 'choice': {
        const per = FEISHU_LIMITS.maxOptionsPerSelect;
        const parts = rows(f.options, per);
        // A list over one select's cap: several selects of `per` options; the inbound side joins them.
        parts.forEach((part, i) => {
          const name = parts.length === 1 ? f.id : partName(f.id, i + 1);
          const chosen = asList(prefill?.[name]) ?? f.selected?.filter((s) => part.some((o) => o.value === s));
          const label = parts.length === 1 ? `**${f.label}**` : `**${f.label}** (${i + 1}/${parts.length})`;
          out.push({
            fieldId: f.id,
            ids: [name],
            heading: false,
            elements: [
              markdown(label),
              f.multi
                ? {
                    tag: 'multi_select_static',
                    name,
                    required: f.required && parts.length === 1,
                    options: options(part),
                    ...(chosen?.length ? { selected_values: chosen } : {}),
                  }
                : {
                    tag: 'select_static',
                    name,
                    required: f.required && parts.length === 1,
                    options: options(part),
                    ...(chosen?.[0] ? { initial_option: chosen[0] } : {}),
                  },
            ],
          });
        });
        break;
      }
      case 'input': {
        const v = prefill?.[f.id] ?? f.value;
        out.push({
          fieldId: f.id,
          ids: [f.id],
          heading: false,
          elements: [
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
              ...(typeof v === 'string' && v !== '' ? { default_value: v } : {}),
            },
          ],
        });
        break;
      }
    }
  }
  return out;
}

/** Bytes an element adds to the request body: escaped once as card JSON and again as the content string. */
const bodyCost = (e: unknown) => Buffer.byteLength(JSON.stringify(JSON.stringify(e)), 'utf8') - 2 + 1;

function formElement(b: FormBlock, elements: CardElement[], submit: CardElement): CardElement {
  return { tag: 'form', name: b.id, elements: [...elements, submit] };
}

function submitButton(label: string, name: string): CardElement {
  return {
    tag: 'button',
    text: plain(clipText(label, FEISHU_LIMITS.maxButtonChars)),
    type: 'primary',
    name,
    form_action_type: 'submit',
  };
}

/**
 * Where a form's pages begin (unit indexes), decided from the form alone so that every page of it — the
 * first sent in a message, the next ones rendered from the core's copy of the form — cuts at the same
 * places. Each page leaves room for the longest header, the page note and a submit name carrying
 * `carryReserveBytes` of earlier answers. A page ends before a text heading when one falls in its second
 * half. Undefined when one field alone is too big for a page (the form then goes to the app).
 */
export function formPages(b: FormBlock): number[] | undefined {
  // Measured without prefilled values, which differ between the card sent and the core's later copy of the
  // same form (the carry reserve leaves room for them).
  const blank: FormBlock = {
    ...b,
    fields: b.fields.map((f) => {
      if (f.type === 'text') return f;
      const { value: _v, selected: _s, ...rest } = f as typeof f & { value?: unknown; selected?: unknown };
      return rest as typeof f;
    }),
  };
  const units = unitsOf(blank, undefined);
  const probe: CardJson = {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: {
      title: plain('字'.repeat(FEISHU_LIMITS.maxTitleChars)),
      subtitle: plain('字'.repeat(FEISHU_LIMITS.maxSubtitleChars)),
      template: 'default',
    },
    body: {
      elements: [
        formElement(
          b,
          [{ tag: 'markdown', content: 'Page 999 of 999', text_size: 'notation' }],
          submitButton(b.submit.label, `vp1_${'a'.repeat(Math.ceil((FEISHU_LIMITS.carryReserveBytes * 8) / 5))}`),
        ),
      ],
    },
  };
  const baseElements = countElements(probe);
  const baseBytes = worstBodyBytes(probe);
  const starts: number[] = [0];
  let elements = baseElements;
  let size = baseBytes;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const ue = countElements(u.elements);
    const ub = u.elements.reduce((n, e) => n + bodyCost(e), 0);
    if (baseElements + ue > FEISHU_LIMITS.maxElements || baseBytes + ub > FEISHU_LIMITS.maxBodyBytes) return undefined;
    if (elements + ue <= FEISHU_LIMITS.maxElements && size + ub <= FEISHU_LIMITS.maxBodyBytes) {
      elements += ue;
      size += ub;
      continue;
    }
    // Cut before the last heading of the page when it is in the page's second half; else right here.
    const start = starts.at(-1)!;
    let cut = i;
    for (let h = i - 1; h > start; h--) {
      if (units[h]!.heading) {
        if (h - start >= (i - start) / 2) cut = h;
        break;
      }
    }
    starts.push(cut);
    elements = baseElements;
    size = baseBytes;
    for (let j = cut; j <= i; j++) {
      elements += countElements(units[j]!.elements);
      size += units[j]!.elements.reduce((n, e) => n + bodyCost(e), 0);
    }
  }
  return starts;
}

/** The page (1-based) of a form holding field `fieldId`, if the form pages. */
export function pageOfField(b: FormBlock, fieldId: string): number | undefined {
  const starts = formPages(b);
  if (!starts) return undefined;
  const units = unitsOf(b, undefined);
  const at = units.findIndex((u) => u.fieldId === fieldId);
  if (at < 0) return undefined;
  let page = 1;
  starts.forEach((s, i) => {
    if (at >= s) page = i + 1;
  });
  return page;
}

/** Answers as Feishu returned them -> the core's form values: the parts of a split choice list join again
 *  (a multi-select's parts into one list; a single choice made in one part is that choice). */
export function joinParts(raw: RawAnswers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const parts = new Map<string, (string | string[])[]>();
  for (const [k, v] of Object.entries(raw)) {
    const m = PART.exec(k);
    if (m) parts.set(m[1]!, [...(parts.get(m[1]!) ?? []), v]);
    else out[k] = v;
  }
  for (const [id, values] of parts) {
    const multi = values.some(Array.isArray);
    const chosen = values.flatMap((v) => (Array.isArray(v) ? v : v === '' ? [] : [v]));
    if (multi) out[id] = chosen;
    else if (chosen.length === 1) out[id] = chosen[0]!;
    else if (chosen.length > 1) out[id] = chosen; // two choices for one single-choice question: the core says which is wrong
  }
  return out;
}

function lastResort(view: CardView, appUrl: string): CardElement[] {
  const t = fitWords(view);
  return [
    { tag: 'markdown', content: toFeishuMarkdown(t('fit.formTooBig')), text_size: 'notation' },
    columnSet([[renderButton({ label: t('app.open'), style: 'primary', url: appUrl })]], 'auto'),
  ];
}

function renderForm(view: CardView, b: FormBlock, ctx: RenderContext): CardElement[] {
  const starts = formPages(b);
  if (!starts) return lastResort(view, ctx.appUrl);
  const prefill = ctx.carry?.answers;
  const units = unitsOf(b, ctx.prefill === false ? undefined : prefill);
  const n = starts.length;
  if (n === 1)
    return [
      formElement(
        b,
        units.flatMap((u) => u.elements),
        submitButton(b.submit.label, ctx.codec.formName(b.submit.action)),
      ),
    ];
  const page = Math.min(Math.max(ctx.page ?? 1, 1), n);
  const slice = units.slice(starts[page - 1], page < n ? starts[page] : undefined);
  const here = new Set(slice.flatMap((u) => u.ids));
  // This page's fields submit themselves; the submit carries the rest of what was answered so far.
  const carried = Object.fromEntries(Object.entries(prefill ?? {}).filter(([k]) => !here.has(k)));
  const t = fitWords(view);
  const name = ctx.codec.pageName({
    ref: b.submit.action,
    page,
    pages: n,
    answers: carried,
    ...(ctx.carry?.by ? { by: ctx.carry.by } : {}),
  });
  const note: CardElement = {
    tag: 'markdown',
    content: toFeishuMarkdown(t('fit.page', { i: page, n })),
    text_size: 'notation',
  };
  const label = page < n ? t('fit.next', { i: page, n }) : b.submit.label;
  return [formElement(b, [note, ...slice.flatMap((u) => u.elements)], submitButton(label, name))];
}

/** Interactive blocks outside a form have no action to carry their value: show them read-only. */
function readOnly(label: string, value: string | undefined): CardElement {
  return markdown(value ? `**${label}**\n${value}` : `**${label}**`);
}

function renderBlock(view: CardView, b: Block, ctx: RenderContext): CardElement[] {
  switch (b.type) {
    case 'text':
      return [markdown(b.markdown)];
    case 'fields':
      return rows(b.fields, FEISHU_LIMITS.fieldsPerRow).map((row) =>
        columnSet(
          row.map((f) => [markdown(`**${f.label}**\n${f.value}`)]),
          'weighted',
        ),
      );
    case 'rating':
      return [readOnly(b.label, b.value === undefined ? undefined : `${b.value} / ${b.max}`)];
    case 'choice': {
      const chosen = b.options.filter((o) => b.selected?.includes(o.value)).map((o) => o.label);
      return [readOnly(b.label, chosen.length ? chosen.join(', ') : undefined)];
    }
    case 'input':
      return [readOnly(b.label, b.value)];
    case 'actions':
      return rows(b.buttons, FEISHU_LIMITS.buttonsPerRow).map((row) =>
        columnSet(
          row.map((x) => [renderButton(x)]),
          'auto',
        ),
      );
    case 'image':
      // Card images need an uploaded img_key (im/v1/images); a plain URL becomes a link instead.
      return b.url.startsWith('img_')
        ? [{ tag: 'img', img_key: b.url, alt: plain(b.alt), scale_type: 'fit_horizontal' }]
        : [markdown(`[${b.alt}](${b.url})`)];
    case 'note':
      return [{ tag: 'markdown', content: toFeishuMarkdown(b.text), text_size: 'notation' }];
    case 'divider':
      return [{ tag: 'hr' }];
    case 'form':
      return renderForm(view, b, ctx);
  }
}

function header(view: CardView): CardJson['header'] {
  if (!view.header) return undefined;
  return {
    title: plain(clipText(view.header.title, FEISHU_LIMITS.maxTitleChars)),
    ...(view.header.subtitle
      ? { subtitle: plain(clipText(view.header.subtitle, FEISHU_LIMITS.maxSubtitleChars)) }
      : {}),
    template: TONE_TEMPLATE[view.header.tone],
  };
}

/** Render as is — nothing cut. Whether it fits is for fitFeishu / conformance.ts to say. */
export function renderCard(view: CardView, ctx: RenderContext): CardJson {
  const page = ctx.page ?? 1;
  // Pages after the first are the header and the form page: the rest of the card was on page 1.
  const blocks =
    page > 1 && view.blocks.some((b) => b.type === 'form') ? view.blocks.filter((b) => b.type === 'form') : view.blocks;
  let elements = blocks.flatMap((b) => renderBlock(view, b, ctx));
  const card = (els: CardElement[]): CardJson => {
    const c: CardJson = { schema: '2.0', config: { update_multi: true, width_mode: 'fill' }, body: { elements: els } };
    const h = header(view);
    if (h) c.header = h;
    return c;
  };
  let out = card(elements);
  if (!fitsFeishu(out) && ctx.carry) {
    // The answers carried (and shown again) made this page too big: show it empty, carrying them still.
    elements = blocks.flatMap((b) => renderBlock(view, b, { ...ctx, prefill: false }));
    out = card(elements);
  }
  return out;
}

/** The card's own link (its first button with a url), else the app home. */
/** fitCard with Feishu's `fits`: the card as rendered (a form judged by the page it really shows) within
 *  200 elements and a 30 KB body in the largest request it can travel in. */
export function fitFeishu(view: CardView, mode: FitMode, ctx: RenderContext): CardView[] {
  const appUrl = appUrlOf(view, ctx.appUrl);
  return fitCard(view, { mode, appUrl, fits: (v) => fitsFeishu(renderCard(v, { ...ctx, appUrl })) });
}

/** Render a card that is known to fit (after fitFeishu); if it still does not (a page whose carried answers
 *  outgrew the reserve), the form goes to the app with a clear note rather than being refused by Feishu. */
export function renderFitted(view: CardView, ctx: RenderContext): CardJson {
  const out = renderCard(view, ctx);
  if (fitsFeishu(out)) return out;
  const blocks = view.blocks.filter((b) => b.type !== 'form');
  const fallback = renderCard({ ...view, blocks }, { ...ctx, page: 1 });
  fallback.body.elements.push(...lastResort(view, appUrlOf(view, ctx.appUrl)));
  return fallback;
}
