// A CardView with a form block → a modal (https://docs.slack.dev/surfaces/modals). Each form field is an
// input block whose block_id is the field id, so `response_action: 'errors'` can map field errors back.
// The submit ActionRef and the card's message travel in private_metadata (max 3000 characters).
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { actionRefSchema, type CardView, type FormBlock, type FormField } from '../../cards/view.js';
import { SLACK_LIMITS as L, clip } from './limits.js';
import { capBlocks, plain, renderBlock, renderText, type SlackBlock } from './render.js';

export const MODAL_CALLBACK_ID = 'vitality_form';
/** Every input element uses this action_id; its block_id (the field id) tells fields apart. */
export const FIELD_ACTION_ID = 'v';

export const modalMetaSchema = z.object({
  /** The form's submit action. */
  a: actionRefSchema,
  /** The message the form was opened from (channel, ts), to update it after the submission. */
  c: z.string().optional(),
  m: z.string().optional(),
});
export type ModalMeta = z.infer<typeof modalMetaSchema>;

type Option = types.PlainTextOption;
const option = (value: string, label: string): Option => ({
  text: plain(label, L.optionText),
  value: value.slice(0, L.optionValue),
});

function ratingOptions(f: Extract<FormField, { type: 'rating' }>): Option[] {
  const out: Option[] = [];
  for (let n = f.min; n <= f.max && out.length < L.selectOptions; n++) {
    const end = n === f.min ? f.minLabel : n === f.max ? f.maxLabel : undefined;
    out.push(option(String(n), end ? `${n} · ${end}` : String(n)));
  }
  return out;
}

function inputBlock(id: string, label: string, required: boolean, element: types.InputBlockElement): SlackBlock {
  return {
    type: 'input',
    block_id: clip(id, L.blockId),
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
      const el: types.StaticSelect = { type: 'static_select', action_id: FIELD_ACTION_ID, options };
      if (initial) el.initial_option = initial;
      return [inputBlock(f.id, f.label, f.required, el)];
    }
    case 'choice': {
      const options = f.options.slice(0, L.selectOptions).map((o) => option(o.value, o.label));
      const initial = options.filter((o) => o.value !== undefined && f.selected?.includes(o.value));
      const few = options.length <= L.radioOptions;
      if (f.multi) {
        const el: types.Checkboxes | types.MultiStaticSelect = few
          ? { type: 'checkboxes', action_id: FIELD_ACTION_ID, options }
          : { type: 'multi_static_select', action_id: FIELD_ACTION_ID, options };
        if (initial.length > 0) el.initial_options = initial;
        return [inputBlock(f.id, f.label, f.required, el)];
      }
      const el: types.RadioButtons | types.StaticSelect = few
        ? { type: 'radio_buttons', action_id: FIELD_ACTION_ID, options }
        : { type: 'static_select', action_id: FIELD_ACTION_ID, options };
      if (initial[0]) el.initial_option = initial[0];
      return [inputBlock(f.id, f.label, f.required, el)];
    }
    case 'input': {
      const el: types.PlainTextInput = {
        type: 'plain_text_input',
        action_id: FIELD_ACTION_ID,
        multiline: f.multiline,
        max_length: Math.min(f.maxLength ?? L.inputMaxLength, L.inputMaxLength),
      };
      if (f.placeholder) el.placeholder = plain(f.placeholder, L.placeholder);
      if (f.value) el.initial_value = f.value;
      return [inputBlock(f.id, f.label, f.required, el)];
    }
  }
}

export interface ModalOrigin {
  channel?: string;
  ts?: string;
}

/** Without a close label Slack shows its own "Cancel", in the person's Slack language. */
export function renderModal(card: CardView, origin: ModalOrigin = {}, closeLabel?: string): types.ModalView {
  const form = card.blocks.find((b): b is FormBlock => b.type === 'form');
  const blocks: SlackBlock[] = [];
  // The modal title holds 24 characters; a longer card title is repeated in full as the first section.
  const title = card.header?.title ?? form?.submit.label ?? 'Vitality';
  if (title.length > L.modalTitle) blocks.push(...renderText(`**${title}**`));
  if (card.header?.subtitle) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: card.header.subtitle }] });
  card.blocks.forEach((b, i) => {
    if (b === form) blocks.push(...b.fields.flatMap(renderField));
    else blocks.push(...renderBlock(b, i));
  });
  const view: types.ModalView = {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(title, L.modalTitle),
    blocks: capBlocks(blocks, L.viewBlocks),
  };
  if (closeLabel) view.close = plain(closeLabel, L.modalButton);
  if (form) {
    view.submit = plain(form.submit.label, L.modalButton);
    const meta: ModalMeta = { a: form.submit.action };
    if (origin.channel) meta.c = origin.channel;
    if (origin.ts) meta.m = origin.ts;
    view.private_metadata = JSON.stringify(meta).slice(0, L.privateMetadata);
  }
  return view;
}

/** A modal that only says something (a submission the core refused without a field to blame). */
export function renderNoticeModal(title: string, text: string): types.ModalView {
  return { type: 'modal', title: plain(title || 'Vitality', L.modalTitle), blocks: renderText(text) };
}
