// A CardView with a form block → a modal (https://docs.slack.dev/surfaces/modals). Each form field is an
// input block whose block_id is the field id, so `response_action: 'errors'` can map field errors back.
// The submit ActionRef and the card's message travel in private_metadata (max 3000 characters).
// A modal holds 100 blocks (limits.ts). A longer form (a rater form for many people, a long survey) is shown
// in pages: each page holds a slice of the fields, cut before a text heading when one is near, and its submit
// says "Next (k/n)"; the listener answers each page's submission with `response_action: 'update'` and the next
// page, carrying the answers so far, and the last page submits every answer to the core at once.
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { fitWords } from '../../cards/fit.js';
import {
  actionRefSchema,
  formValuesSchema,
  type CardView,
  type FormBlock,
  type FormField,
  type FormValues,
} from '../../cards/view.js';
import { SLACK_LIMITS as L, clip, cut } from './limits.js';
import { mrkdwn, plain, renderBlock, renderText, type SlackBlock } from './render.js';

export const MODAL_CALLBACK_ID = 'vitality_form';
/** Every input element uses this action_id; its block_id (the field id) tells fields apart. */
export const FIELD_ACTION_ID = 'v';

export const modalMetaSchema = z.object({
  /** The form's submit action. */
  a: actionRefSchema,
  /** The message the form was opened from (channel, ts), to update it after the submission. */
  c: z.string().optional(),
  m: z.string().optional(),
  /** A paged form: this page (0-based) and how many there are. */
  p: z.number().int().min(0).optional(),
  n: z.number().int().min(1).optional(),
  /** The answers of the pages before this one, when they fit in private_metadata… */
  v: formValuesSchema.optional(),
  /** …or the key under which the adapter keeps them, when they do not. */
  s: z.string().max(64).optional(),
  /** The key under which the adapter keeps the form card, to draw the next page. */
  f: z.string().max(64).optional(),
});
export type ModalMeta = z.infer<typeof modalMetaSchema>;

type Option = types.PlainTextOption;
type Group = NonNullable<types.StaticSelect['option_groups']>[number];
const option = (value: string, label: string): Option => ({
  text: plain(label, L.optionText),
  value: cut(value, L.optionValue),
});

function ratingOptions(f: Extract<FormField, { type: 'rating' }>): Option[] {
  const out: Option[] = [];
  for (let n = f.min; n <= f.max && out.length < L.selectOptions * L.optionGroups; n++) {
    const end = n === f.min ? f.minLabel : n === f.max ? f.maxLabel : undefined;
    out.push(option(String(n), end ? `${n} · ${end}` : String(n)));
  }
  return out;
}

/** A select holds 100 options; more go into option groups of 100 (up to 100 groups), labelled by the range
 *  they hold ("1–100") — Slack's select is searchable by typing, so a long list stays usable. */
function selectOptions(options: Option[]): { options: Option[] } | { option_groups: Group[] } {
  if (options.length <= L.selectOptions) return { options };
  const option_groups: Group[] = [];
  for (let i = 0; i < options.length && option_groups.length < L.optionGroups; i += L.selectOptions) {
    const slice = options.slice(i, i + L.selectOptions);
    option_groups.push({ label: plain(`${i + 1}–${i + slice.length}`, L.optionGroupLabel), options: slice });
  }
  return { option_groups };
}

function inputBlock(id: string, label: string, required: boolean, element: types.InputBlockElement): SlackBlock {
  return {
    type: 'input',
    block_id: cut(id, L.blockId),
    label: plain(label || id, L.inputLabel),
    optional: !required,
    element,
  };
}

export function renderField(f: FormField): SlackBlock[] {
  switch (f.type) {
    case 'text':
      return renderText(f.markdown);
    case 'rating': {
      const options = ratingOptions(f);
      const initial = options.find((o) => o.value === String(f.value));
      const el: types.StaticSelect = { type: 'static_select', action_id: FIELD_ACTION_ID, ...selectOptions(options) };
      if (initial) el.initial_option = initial;
      return [inputBlock(f.id, f.label, f.required, el)];
    }
    case 'choice': {
      const options = f.options.slice(0, L.selectOptions * L.optionGroups).map((o) => option(o.value, o.label));
      const initial = options.filter((o) => o.value !== undefined && f.selected?.includes(o.value));
      const few = options.length <= L.radioOptions;
      if (f.multi) {
        const el: types.Checkboxes | types.MultiStaticSelect = few
          ? { type: 'checkboxes', action_id: FIELD_ACTION_ID, options }
          : { type: 'multi_static_select', action_id: FIELD_ACTION_ID, ...selectOptions(options) };
        if (initial.length > 0) el.initial_options = initial;
        return [inputBlock(f.id, f.label, f.required, el)];
      }
      const el: types.RadioButtons | types.StaticSelect = few
        ? { type: 'radio_buttons', action_id: FIELD_ACTION_ID, options }
        : { type: 'static_select', action_id: FIELD_ACTION_ID, ...selectOptions(options) };
      if (initial[0]) el.initial_option = initial[0];
      return [inputBlock(f.id, f.label, f.required, el)];
    }
    case 'input': {
      const max = Math.min(f.maxLength ?? L.inputMaxLength, L.inputMaxLength);
      const el: types.PlainTextInput = {
        type: 'plain_text_input',
        action_id: FIELD_ACTION_ID,
        multiline: f.multiline,
        max_length: max,
      };
      if (f.placeholder) el.placeholder = plain(f.placeholder, L.placeholder);
      if (f.value) el.initial_value = f.value.slice(0, max);
      return [inputBlock(f.id, f.label, f.required, el)];
    }
  }
}

export interface ModalOrigin {
  channel?: string;
  ts?: string;
}

/** The form's fields with the answers given so far as their values (a page shown again keeps them). */
export function withAnswers(card: CardView, answers: FormValues): CardView {
  const fill = (f: FormField): FormField => {
    if (f.type === 'text') return f;
    const v = answers[f.id];
    if (v === undefined) return f;
    if (f.type === 'rating') return Number.isInteger(Number(v)) ? { ...f, value: Number(v) } : f;
    if (f.type === 'choice') return { ...f, selected: Array.isArray(v) ? v : [v] };
    return typeof v === 'string' ? { ...f, value: v } : f;
  };
  return { ...card, blocks: card.blocks.map((b) => (b.type === 'form' ? { ...b, fields: b.fields.map(fill) } : b)) };
}

/** A piece of a modal that stays on one page: a card block, or one form field. */
interface Unit {
  blocks: SlackBlock[];
  /** A text field inside the form: a good place to start a page. */
  heading: boolean;
  fieldId?: string;
}

function units(card: CardView, form: FormBlock | undefined, title: string): Unit[] {
  const out: Unit[] = [];
  // The modal title holds 24 characters; a longer card title is repeated in full as the first section.
  if (title.length > L.modalTitle) out.push({ blocks: renderText(`**${title}**`), heading: false });
  if (card.header?.subtitle)
    out.push({ blocks: [{ type: 'context', elements: [mrkdwn(card.header.subtitle)] }], heading: false });
  card.blocks.forEach((b, i) => {
    if (b === form)
      for (const f of b.fields)
        out.push({
          blocks: renderField(f),
          heading: f.type === 'text',
          ...(f.type === 'text' ? {} : { fieldId: f.id }),
        });
    else out.push({ blocks: renderBlock(b, i), heading: false });
  });
  return out.filter((u) => u.blocks.length > 0);
}

/** Units → pages of at most `room` blocks each. A page is cut before the last heading on it when that heading
 *  is in the page's second half (a section starts a page), otherwise where the next unit does not fit. */
function paginate(list: Unit[], room: number): Unit[][] {
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let used = 0;
  for (const u of list) {
    if (page.length > 0 && used + u.blocks.length > room) {
      let at = page.length;
      for (let h = page.length - 1; h > 0; h--) {
        if (page[h]!.heading) {
          const before = page.slice(0, h).reduce((n, x) => n + x.blocks.length, 0);
          if (before >= room / 2) at = h;
          break;
        }
      }
      pages.push(page.slice(0, at));
      page = page.slice(at);
      used = page.reduce((n, x) => n + x.blocks.length, 0);
      if (used + u.blocks.length > room) {
        pages.push(page);
        page = [];
        used = 0;
      }
    }
    // A unit bigger than a page (text of ~300,000 characters) is spread over pages by itself.
    for (let i = 0; i < u.blocks.length; i += room) {
      const part = { ...u, blocks: u.blocks.slice(i, i + room) };
      if (i > 0) {
        pages.push(page);
        page = [];
        used = 0;
      }
      page.push(part);
      used += part.blocks.length;
    }
  }
  if (page.length > 0) pages.push(page);
  return pages.length > 0 ? pages : [[]];
}

export interface ModalLayout {
  form: FormBlock | undefined;
  title: string;
  pages: Unit[][];
}

export function modalLayout(card: CardView): ModalLayout {
  const form = card.blocks.find((b): b is FormBlock => b.type === 'form');
  const title = card.header?.title ?? form?.submit.label ?? 'Vitality';
  const all = units(card, form, title);
  const total = all.reduce((n, u) => n + u.blocks.length, 0);
  // One page when everything fits; else pages, each with one line saying where the person is.
  const pages = total <= L.viewBlocks ? [all] : paginate(all, L.viewBlocks - 2);
  return { form, title, pages };
}

/** The page a form field is on (0 when it is not found). */
export function pageOfField(card: CardView, fieldId: string): number {
  const i = modalLayout(card).pages.findIndex((p) => p.some((u) => u.fieldId === fieldId));
  return Math.max(0, i);
}

export interface PageOptions {
  origin?: ModalOrigin;
  closeLabel?: string;
  /** Which page (0-based) of a paged form. */
  page?: number;
  /** Answers so far: shown as the fields' values; on a paged form, carried to the next page. */
  answers?: FormValues;
  /** Where the adapter keeps the answers when they do not fit in private_metadata (instead of `v`). */
  answersKey?: string;
  /** Where the adapter keeps the form card, to draw the next page. */
  formKey?: string;
  /** Errors to show at the top of the page (fields of a page other than the one submitted). */
  notes?: string[];
}

/** The view for one page (of one, for a form that fits). Without a close label Slack shows its own "Cancel",
 *  in the person's Slack language. */
export function renderModal(
  card: CardView,
  origin: ModalOrigin = {},
  closeLabel?: string,
  opts: Omit<PageOptions, 'origin' | 'closeLabel'> = {},
): types.ModalView {
  const answers = opts.answers ?? {};
  const filled = Object.keys(answers).length > 0 ? withAnswers(card, answers) : card;
  const { form, title, pages } = modalLayout(filled);
  const n = pages.length;
  const k = Math.min(Math.max(0, opts.page ?? 0), n - 1);
  const t = fitWords(card);
  const blocks: SlackBlock[] = [];
  if (n > 1) blocks.push({ type: 'context', elements: [mrkdwn(t('fit.page', { i: k + 1, n }))] });
  if (opts.notes && opts.notes.length > 0)
    blocks.push(...renderText(opts.notes.map((x) => `⚠️ ${x}`).join('\n')).slice(0, 1));
  blocks.push(...(pages[k] ?? []).flatMap((u) => u.blocks));
  const view: types.ModalView = {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(title, L.modalTitle),
    blocks,
  };
  if (closeLabel) view.close = plain(closeLabel, L.modalButton);
  if (form) {
    view.submit = plain(n > 1 && k < n - 1 ? t('fit.next', { i: k + 1, n }) : form.submit.label, L.modalButton);
    const meta: ModalMeta = { a: form.submit.action };
    if (origin.channel) meta.c = origin.channel;
    if (origin.ts) meta.m = origin.ts;
    if (n > 1) {
      meta.p = k;
      meta.n = n;
      if (opts.formKey) meta.f = opts.formKey;
      if (opts.answersKey) meta.s = opts.answersKey;
      else if (Object.keys(answers).length > 0) meta.v = answers;
    }
    view.private_metadata = JSON.stringify(meta);
  }
  return view;
}

/** Whether the view's private_metadata fits Slack's 3000 characters (the answers so far may not). */
export const metadataFits = (view: types.ModalView): boolean =>
  (view.private_metadata ?? '').length <= L.privateMetadata;

/** A modal that only says something (a submission the core refused without a field to blame). */
export function renderNoticeModal(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(title || 'Vitality', L.modalTitle),
    blocks: renderText(text).slice(0, L.viewBlocks),
  };
}

export { clip };
