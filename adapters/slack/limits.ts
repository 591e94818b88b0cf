// Every Slack limit the renderer relies on, each with its source. Block Kit reference:
// https://docs.slack.dev/reference/block-kit/blocks (blocks), …/block-kit/block-elements (elements),
// …/block-kit/composition-objects (text, option, option group objects), https://docs.slack.dev/reference/views
// (modal and Home views) and https://docs.slack.dev/reference/methods/chat.postMessage.
// Lengths are compared in UTF-16 code units (JavaScript's `length`): never fewer than the code points Slack
// may count, so a string within the limit here is within it whichever way Slack counts; `clip` cuts between
// graphemes (an emoji stays whole).
import { clipText } from '../../cards/fit.js';
import type { DeliveryLimits } from '../../src/bot/port.js';

export const SLACK_LIMITS = {
  /** Blocks reference: "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs."
   *  (https://docs.slack.dev/reference/block-kit/blocks) */
  messageBlocks: 50,
  viewBlocks: 100,
  /** Header block: "text … Maximum length for the text in this field is 150 characters."
   *  (https://docs.slack.dev/reference/block-kit/blocks/header-block) */
  headerText: 150,
  /** Section block: "Maximum length for the text in this field is 3000 characters"; fields: "Maximum number of items
   *  is 10. Maximum length for the text in each item is 2000 characters."
   *  (https://docs.slack.dev/reference/block-kit/blocks/section-block) */
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  /** Actions block: "An array of interactive element objects … There is a maximum of 25 elements in each action block."
   *  (https://docs.slack.dev/reference/block-kit/blocks/actions-block) */
  actionsElements: 25,
  /** Button element: text "Maximum length for the text in this field is 75 characters"; value "Maximum length … 2000
   *  characters"; url "Maximum length … 3000 characters"; action_id "Maximum length … 255 characters".
   *  (https://docs.slack.dev/reference/block-kit/block-elements/button-element) */
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  /** block_id: "Maximum length for this field is 255 characters." (every block's reference page) */
  blockId: 255,
  /** Context block: "Maximum number of items is 10." (https://docs.slack.dev/reference/block-kit/blocks/context-block);
   *  a text object's text: "The minimum length is 1 and maximum length is 3000 characters."
   *  (https://docs.slack.dev/reference/block-kit/composition-objects/text-object) */
  contextElements: 10,
  textObject: 3000,
  /** Image block: image_url "Maximum length … 3000 characters"; alt_text "Maximum length … 2000 characters".
   *  (https://docs.slack.dev/reference/block-kit/blocks/image-block) */
  imageUrl: 3000,
  imageAlt: 2000,
  /** Input block: label "Maximum length for the text in this field is 2000 characters"
   *  (https://docs.slack.dev/reference/block-kit/blocks/input-block); plain_text_input max_length "Maximum
   *  value is 3000" and its placeholder "Maximum length … 150 characters"
   *  (https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). */
  inputLabel: 2000,
  inputMaxLength: 3000,
  placeholder: 150,
  /** Static select / multi-select: options "Maximum number of options is 100"; option_groups "Maximum number of
   *  option groups is 100" (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element);
   *  option group object: "An option_groups array can have a maximum number of 100 option groups with a maximum
   *  of 100 options", label max 75 (https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object);
   *  option object: text max 75, value max 150 (…/composition-objects/option-object). */
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 150,
  /** Radio buttons and checkboxes: "A maximum of 10 options are allowed."
   *  (…/block-elements/radio-button-group-element, …/block-elements/checkboxes-element) */
  radioOptions: 10,
  /** Modal view: title "max length of 24 characters", submit and close "Max length of 24 characters",
   *  private_metadata "Max length of 3000 characters", callback_id max 255 (https://docs.slack.dev/reference/views/modal-views). */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /** chat.postMessage `text`: "truncate the message if … more than 40,000 characters"
   *  (https://docs.slack.dev/reference/methods/chat.postMessage). A card's notification text is our own,
   *  shorter cap: it only has to say what the message is about. */
  messageText: 40_000,
  fallbackText: 3000,
  /** The total text of a message's blocks. Not in Slack's reference: chat.postMessage / chat.update answer
   *  `msg_blocks_too_long` past it. Slack's maintainer (@vegeris) on bolt-js#2509 ("Blocks too long error at
   *  ~13200 characters", labelled server-side-issue, https://github.com/slackapi/bolt-js/issues/2509): the
   *  limit is "12,000 text characters with a buffer for block containers" (quoted in bolt-js#2867,
   *  https://github.com/slackapi/bolt-js/issues/2867, where a message whose `.text` strings summed to 11,341
   *  was still refused — the containers take some of the 12,000). The markdown block's reference states the
   *  same 12,000 as a cumulative limit (https://docs.slack.dev/reference/block-kit/blocks/markdown-block).
   *  How we count: the length of every `text` string anywhere in the blocks (text objects of headers,
   *  sections, fields, context, button labels, option texts, labels, placeholders) — see textLength(). */
  messageBlocksText: 12_000,
  /** Our own budget under that limit, leaving the "buffer for block containers" (bolt-js#2867 saw a refusal
   *  at 11,341 counted characters): a card is split into continuation messages beyond it. */
  messageTextBudget: 10_000,
} as const;

/** Views (modals, Home tab): Slack documents no total-text limit for a view (the views reference lists only
 *  the 100 blocks and the per-field lengths), so a view is held to the block limits alone. */

/** Cut a string to at most `max` UTF-16 code units (what Slack counts), marking the cut with an ellipsis. Cuts
 *  between graphemes (cards/fit.ts): an emoji (a surrogate pair, a flag, a family joined by ZWJ) or a letter
 *  with its accent is kept whole or left out whole. */
export function clip(s: string, max: number): string {
  return clipText(s, max, (x) => x.length);
}

/** Cut a string to at most `max` UTF-16 code units without a mark (ids, URLs, values), never splitting a pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/** The text Slack counts towards `msg_blocks_too_long`: every `text` string anywhere in the blocks. */
export function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textLength(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'text' && typeof v === 'string') n += v.length;
    else if (typeof v === 'object') n += textLength(v);
  }
  return n;
}

/** Outbox pacing. chat.postMessage is a "special tier": "generally allows posting one message per second per
 *  channel, while also maintaining a workspace-wide limit" (https://docs.slack.dev/apis/web-api/rate-limits).
 *  Every DM is its own channel, so each recipient gets a bucket of 1/s with a short burst (a card and its
 *  update), and all calls share the workspace cap, which Slack does not publish: SLACK_RATE_PER_SECOND
 *  (default 20), adapted to 429s. A burst of a quarter second at the cap; 16 calls in flight keep the cap
 *  filled at a few hundred ms per call. */
export function slackRate(workspacePerSecond: number, perChannelPerSecond = 1): DeliveryLimits {
  return {
    ratePerSecond: workspacePerSecond,
    burst: Math.max(1, Math.ceil(workspacePerSecond / 4)),
    perRecipient: { ratePerSecond: perChannelPerSecond, burst: Math.max(3, perChannelPerSecond) },
    concurrency: 16,
    adaptive: true,
  };
}
