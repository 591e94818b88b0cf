// CardView → Block Kit. Messages and the Home tab get blocks; forms cannot live in a message, so a form
// block becomes a button that opens it as a modal (render-modal.ts). The renderer shortens only labels
// (button texts, option texts, titles — marked with "…"); content is never cut here: a card whose content
// does not fit one message is made to fit by fitCard (cards/fit.ts), which measures with `fitsMessage` —
// the same checks Slack applies (conformance.ts) — and splits it into continuation messages or, for an
// update in place, a note and a link to the app.
import type { types } from '@slack/bolt';
import { appUrlOf, fitCard, splitMarkdown, type FitMode } from '../../cards/fit.js';
import type { Block, Button, CardView, FormBlock } from '../../cards/view.js';
import { blocksProblems } from './conformance.js';
import { SLACK_LIMITS as L, clip, cut, textLength } from './limits.js';
import { escapeMrkdwn, toMrkdwn, toPlain } from './mrkdwn.js';

export type SlackBlock = types.KnownBlock;

/** action_id prefixes: a card action button, a link button (acked, ignored), a form-opening button. */
export const ACTION_PREFIX = { action: 'a:', url: 'u:', form: 'form:' } as const;

const TONE_EMOJI: Record<string, string> = { success: '✅ ', warning: '⚠️ ', danger: '⛔ ', info: 'ℹ️ ', neutral: '' };

/** A plain_text object for a label: shortened (with "…") to the field's limit. */
export const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: true,
});
/** A mrkdwn object for content: not shortened — fitCard splits what is too long, measured by fitsMessage. */
export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

/** Markdown → mrkdwn pieces of at most `max` characters, split at safe points of the markdown (paragraph,
 *  line, sentence, word; never inside **…**, `…` or a link) — escaping and link syntax can lengthen a piece,
 *  so a piece that grew past `max` is split again, smaller. */
export function mrkdwnPieces(markdown: string, max: number): string[] {
  const out: string[] = [];
  const go = (md: string, size: number): void => {
    for (const piece of splitMarkdown(md, size)) {
      const text = toMrkdwn(piece);
      if (text.length <= max) out.push(text);
      else if (size > 16) go(piece, Math.floor(size / 2));
      else out.push(cut(text, max)); // 16 characters that escape to more than `max`: cannot happen for max ≥ 80
    }
  };
  go(markdown, max);
  return out.filter((t) => t.trim() !== '');
}

export function renderHeader(card: CardView): SlackBlock[] {
  if (!card.header) return [];
  const title = `${TONE_EMOJI[card.header.tone] ?? ''}${card.header.title}`;
  const out: SlackBlock[] = [{ type: 'header', text: plain(title, L.headerText) }];
  // A title longer than a header holds is shown in full right under it.
  if (title.length > L.headerText) out.push(...renderText(`**${card.header.title}**`));
  if (card.header.subtitle) out.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(card.header.subtitle))] });
  return out;
}

/** Long text is split over several sections rather than cut (a section holds 3000 characters). */
export function renderText(markdown: string): SlackBlock[] {
  return mrkdwnPieces(markdown, L.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) }));
}

/** Fields go ten to a section; a field longer than a field holds (2000) is shown as text sections of its own,
 *  in its place, rather than cut. */
function renderFields(fields: { label: string; value: string }[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let run: types.MrkdwnElement[] = [];
  const flush = () => {
    if (run.length > 0) out.push({ type: 'section', fields: run });
    run = [];
  };
  for (const f of fields) {
    const text = `*${escapeMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`;
    if (text.length > L.fieldText) {
      flush();
      out.push(...renderText(`**${f.label}**\n${f.value}`));
      continue;
    }
    run.push(mrkdwn(text));
    if (run.length === L.sectionFields) flush();
  }
  flush();
  return out;
}

export function renderButton(b: Button, actionId: string): types.Button {
  const btn: types.Button = {
    type: 'button',
    action_id: cut(actionId, L.actionId),
    text: plain(b.label, L.buttonText),
  };
  if (b.style === 'primary' || b.style === 'danger') btn.style = b.style;
  if (b.url) btn.url = b.url;
  // The value is the opaque ActionRef the core made (≤ ~400 characters by its schema, under the 2000 limit);
  // the core re-checks the actor's rights on every action.
  if (b.action) btn.value = JSON.stringify(b.action);
  return btn;
}

/** An actions block holds 25 elements: more buttons go into further actions blocks, each with its own
 *  block_id, and every button keeps a unique action_id (its index in the card's block). */
function renderActions(buttons: Button[], blockIndex: number): SlackBlock[] {
  const out: SlackBlock[] = [];
  for (let from = 0; from < buttons.length; from += L.actionsElements) {
    const elements = buttons
      .slice(from, from + L.actionsElements)
      .map((b, j) =>
        renderButton(b, `${b.action ? ACTION_PREFIX.action : ACTION_PREFIX.url}${blockIndex}:${from + j}`),
      );
    out.push({
      type: 'actions',
      block_id: from === 0 ? `actions-${blockIndex}` : `actions-${blockIndex}-${from / L.actionsElements}`,
      elements,
    });
  }
  return out;
}

/** How much of a form's questions a message shows before its button (the modal has them all). Our own cap:
 *  a 75-question rater form would otherwise fill the message with its preview. */
const FORM_PREVIEW_CHARS = 1500;

/** A form in a message: its text and a preview of its questions, and one button that opens the modal
 *  (Slack cannot hold a form in a message). */
function renderFormLauncher(form: FormBlock): SlackBlock[] {
  const lines = form.fields.map((f) => (f.type === 'text' ? f.markdown : `- ${f.label}`));
  const shown: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length > FORM_PREVIEW_CHARS && shown.length > 0) break;
    shown.push(line);
    used += line.length + 1;
  }
  // The preview says how many questions it leaves for the modal (language-neutral: "… +12").
  if (shown.length < lines.length) shown.push(`… +${lines.length - shown.length}`);
  const out: SlackBlock[] = renderText(shown.join('\n'));
  const launcher: Button = { label: form.openLabel ?? form.submit.label, style: 'primary', action: form.submit.action };
  out.push({
    type: 'actions',
    block_id: cut(`form-${form.id}`, L.blockId),
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
  return renderText(`**${block.label}**\n${value}`);
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
        ? [{ type: 'image', image_url: block.url, alt_text: clip(block.alt || 'image', L.imageAlt) }]
        : block.alt.trim()
          ? [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(block.alt))] }]
          : [];
    case 'note':
      // A context text holds 3000 characters: a longer note is several context blocks.
      return mrkdwnPieces(block.text, L.textObject).map((text) => ({ type: 'context', elements: [mrkdwn(text)] }));
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

/** The notification text (chat.postMessage `text`): shown in notifications and where blocks are not. */
export function fallbackText(card: CardView): string {
  const parts: string[] = [];
  if (card.header) parts.push(card.header.title);
  const firstText = card.blocks.find((b) => b.type === 'text');
  if (firstText && firstText.type === 'text') parts.push(toPlain(firstText.markdown));
  return clip(parts.join('\n') || ' ', L.fallbackText);
}

export function renderBlocks(card: CardView): SlackBlock[] {
  return [...renderHeader(card), ...card.blocks.flatMap((b, i) => renderBlock(b, i))];
}

/** One card as one message, as is: use fitMessage first (a card too big for one message is refused). */
export function renderMessage(card: CardView): { text: string; blocks: SlackBlock[] } {
  return { text: fallbackText(card), blocks: renderBlocks(card) };
}

/** Whether Slack would take this card as one message: every Block Kit limit, and the total text within our
 *  budget under the `msg_blocks_too_long` limit (limits.ts). */
export function fitsMessage(card: CardView): boolean {
  const blocks = renderBlocks(card);
  return blocksProblems(blocks, 'message').length === 0 && textLength(blocks) <= L.messageTextBudget;
}

/** The Home tab: every Block Kit limit (Slack documents no total text for views, limits.ts). */
export function fitsHome(card: CardView): boolean {
  return blocksProblems(renderBlocks(card), 'home').length === 0;
}

/** Where a card's whole content can be read: its own link (its first button with a url), else the app. */
/** The card as messages Slack takes: 'send' → the message and its continuations; 'update' → one message
 *  (what does not fit becomes a note and a link to the app). */
export function fitMessage(card: CardView, mode: FitMode, appHome: string): CardView[] {
  return fitCard(card, { fits: fitsMessage, mode, appUrl: appUrlOf(card, appHome) });
}

export function renderHome(card: CardView, appHome: string): types.HomeView {
  const [fitted] = fitCard(card, { fits: fitsHome, mode: 'update', appUrl: appUrlOf(card, appHome) });
  return { type: 'home', blocks: renderBlocks(fitted ?? card) };
}
