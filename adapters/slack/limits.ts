// Block Kit limits the renderer enforces, from Slack's Block Kit reference
// (https://docs.slack.dev/reference/block-kit/blocks, …/block-elements, …/composition-objects,
// https://docs.slack.dev/reference/views and https://docs.slack.dev/reference/methods/chat.postMessage).
import type { DeliveryLimits } from '../../src/bot/port.js';

export const SLACK_LIMITS = {
  /** "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs." */
  messageBlocks: 50,
  viewBlocks: 100,
  /** header block: plain_text, max 150 characters. */
  headerText: 150,
  /** section block: text max 3000 characters; up to 10 fields of max 2000 characters each. */
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  /** actions block: up to 25 elements. */
  actionsElements: 25,
  /** button: text max 75, value max 2000, url max 3000 characters; action_id max 255. */
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  /** context block: up to 10 elements (each a text object, max 3000). */
  contextElements: 10,
  /** image block: image_url max 3000, alt_text max 2000. */
  imageUrl: 3000,
  imageAlt: 2000,
  /** input block: label max 2000; plain_text_input max_length up to 3000; placeholder max 150. */
  inputLabel: 2000,
  inputMaxLength: 3000,
  placeholder: 150,
  /** static_select: up to 100 options; option text max 75, value max 150. radio_buttons/checkboxes: 10. */
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  radioOptions: 10,
  /** modal view: title, submit and close max 24 characters; private_metadata max 3000. */
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  /** chat.postMessage `text`: Slack truncates beyond 40,000 characters. A card's notification text
   *  (shown in notifications, next to the blocks) is kept much shorter. */
  messageText: 40_000,
  fallbackText: 3000,
} as const;

/** Cut a string to `max` characters, marking the cut with an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/** Outbox pacing. chat.postMessage is a "special tier": "generally allows posting one message per second per
 *  channel, while also maintaining a workspace-wide limit" (https://docs.slack.dev/apis/web-api/rate-limits).
 *  Every DM is its own channel, so each recipient gets a bucket of 1/s with a short burst (a card and its
 *  update), and all calls share the workspace cap, which Slack does not publish: SLACK_RATE_PER_SECOND
 *  (default 20), adapted to 429s. A burst of a quarter second at the cap; 16 calls in flight keep the cap
 *  filled at a few hundred ms per call. */
export function slackRate(workspacePerSecond: number): DeliveryLimits {
  return {
    ratePerSecond: workspacePerSecond,
    burst: Math.max(1, Math.ceil(workspacePerSecond / 4)),
    perRecipient: { ratePerSecond: 1, burst: 3 },
    concurrency: 16,
    adaptive: true,
  };
}
