// CardView → Block Kit. Messages and the Home tab get blocks; forms cannot live in a message, so a form
// block becomes a button that opens it as a modal (render-modal.ts). Every limit in limits.ts is enforced
// here so that Slack never rejects a rendered card with invalid_blocks.
import type { types } from '@slack/bolt';
import type { Block, Button, CardView, FormBlock } from '../../cards/view.js';
import { SLACK_LIMITS as L, clip } from './limits.js';
import { escapeMrkdwn, toMrkdwn, toPlain } from './mrkdwn.js';

export type SlackBlock = types.KnownBlock;

/** action_id prefixes: a card action button, a link button (acked, ignored), a form-opening button. */
export const ACTION_PREFIX = { action: 'a:', url: 'u:', form: 'form:' } as const;

const TONE_EMOJI: Record<string, string> = { success: '✅ ', warning: '⚠️ ', danger: '⛔ ', info: 'ℹ️ ', neutral: '' };

export const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: true,
});
export const mrkdwn = (text: string, max: number = L.sectionText): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: clip(text, max),
});

export function renderHeader(card: CardView): SlackBlock[] {
  if (!card.header) return [];
  const out: SlackBlock[] = [
    { type: 'header', text: plain(`${TONE_EMOJI[card.header.tone] ?? ''}${card.header.title}`, L.headerText) },
  ];
  if (card.header.subtitle) out.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(card.header.subtitle))] });
  return out;
}

/** Long text is split over several sections rather than cut (a section holds 3000 characters). */
export function renderText(markdown: string): SlackBlock[] {
  const text = toMrkdwn(markdown);
  if (text.trim() === '') return [];
  const out: SlackBlock[] = [];
  for (let i = 0; i < text.length; i += L.sectionText) {
    out.push({ type: 'section', text: mrkdwn(text.slice(i, i + L.sectionText)) });
  }
  return out;
}

function renderFields(fields: { label: string; value: string }[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += L.sectionFields) {
    out.push({
      type: 'section',
      fields: fields
        .slice(i, i + L.sectionFields)
        .map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, L.fieldText)),
    });
  }
  return out;
}

export function renderButton(b: Button, actionId: string): types.Button {
  const btn: types.Button = { type: 'button', action_id: clip(actionId, L.actionId), text: plain(b.label, L.buttonText) };
  if (b.style === 'primary' || b.style === 'danger') btn.style = b.style;
  if (b.url) btn.url = b.url.slice(0, L.buttonUrl);
  // The value is the opaque ActionRef the core made; the core re-checks the actor's rights on every action.
  if (b.action) btn.value = JSON.stringify(b.action).slice(0, L.buttonValue);
  return btn;
}

function renderActions(buttons: Button[], blockIndex: number): SlackBlock[] {
  const elements = buttons
    .slice(0, L.actionsElements)
    .map((b, j) => renderButton(b, `${b.action ? ACTION_PREFIX.action : ACTION_PREFIX.url}${blockIndex}:${j}`));
  return [{ type: 'actions', block_id: `actions-${blockIndex}`, elements }];
}

/** A form in a message: its text and a preview of its questions, and one button that opens the modal
 *  (Slack cannot hold a form in a message). */
function renderFormLauncher(form: FormBlock): SlackBlock[] {
  const lines = form.fields.map((f) => (f.type === 'text' ? f.markdown : `- ${f.label}`));
  const out: SlackBlock[] = renderText(lines.join('\n'));
  const launcher: Button = { label: form.openLabel ?? form.submit.label, style: 'primary', action: form.submit.action };
  out.push({
    type: 'actions',
    block_id: clip(`form-${form.id}`, L.blockId),
    elements: [renderButton(launcher, `${ACTION_PREFIX.form}${form.id}`)],
  });
  return out;
}

/** A rating/choice/input outside a form has nothing to submit it on Slack: shown read-only. */
function renderReadOnly(block: Extract<Block, { type: 'rating' | 'choice' | 'input' }>): SlackBlock[] {
  let value = '';
  if (block.type === 'rating') value = block.value === undefined ? `${block.min}–${block.max}` : String(block.value);
  if (block.type === 'choice') {
    const chosen = block.options.filter((o) => block.selected?.includes(o.value)).map((o) => o.label);
    value = (chosen.length > 0 ? chosen : block.options.map((o) => o.label)).join(', ');
  }
  if (block.type === 'input') value = block.value ?? '';
  return [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(block.label)}*\n${escapeMrkdwn(value)}`) }];
}

export function renderBlock(block: Block, index: number): SlackBlock[] {
  switch (block.type) {
    case 'text':
      return renderText(block.markdown);
    case 'fields':
      return block.fields.length > 0 ? renderFields(block.fields) : [];
    case 'actions':
      return renderActions(block.buttons, index);
    case 'image':
      // Slack fetches image_url itself, so it must be an absolute http(s) URL; otherwise show the alt text.
      return /^https?:\/\//.test(block.url)
        ? [{ type: 'image', image_url: block.url.slice(0, L.imageUrl), alt_text: clip(block.alt || 'image', L.imageAlt) }]
        : [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(block.alt))] }];
    case 'note':
      return [{ type: 'context', elements: [mrkdwn(toMrkdwn(block.text))] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'form':
      return renderFormLauncher(block);
    case 'rating':
    case 'choice':
    case 'input':
      return renderReadOnly(block);
  }
}

/** Keep within a surface's block budget: cut, and say so in a last context block. */
export function capBlocks(blocks: SlackBlock[], max: number, more = '…'): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), { type: 'context', elements: [mrkdwn(more)] }];
}

/** The notification text (chat.postMessage `text`): shown in notifications and where blocks are not. */
export function fallbackText(card: CardView): string {
  const parts: string[] = [];
  if (card.header) parts.push(card.header.title);
  const firstText = card.blocks.find((b) => b.type === 'text');
  if (firstText && firstText.type === 'text') parts.push(toPlain(firstText.markdown));
  return clip(parts.join('\n') || ' ', L.fallbackText);
}

export function renderMessage(card: CardView): { text: string; blocks: SlackBlock[] } {
  const blocks = [...renderHeader(card), ...card.blocks.flatMap((b, i) => renderBlock(b, i))];
  return { text: fallbackText(card), blocks: capBlocks(blocks, L.messageBlocks) };
}

export function renderHome(card: CardView): types.HomeView {
  const blocks = [...renderHeader(card), ...card.blocks.flatMap((b, i) => renderBlock(b, i))];
  return { type: 'home', blocks: capBlocks(blocks, L.viewBlocks) };
}
