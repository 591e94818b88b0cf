// "Open in app": a link button to the mini-app page a card is about. Cards get a plain https URL; the core
// rewrites it per platform as the message is written (src/bot/app-links.ts), so it opens inside the client.
import type { Translate } from '../src/i18n/index.js';
import type { BlockInput, ButtonInput } from './view.js';

export function appButton(url: string, t: Translate): ButtonInput {
  return { label: t('app.open'), url };
}

/** An actions block with just the link, or nothing when the card has no page to link to. */
export function openInApp(url: string | undefined, t: Translate): BlockInput[] {
  return url ? [{ type: 'actions', buttons: [appButton(url, t)] }] : [];
}
