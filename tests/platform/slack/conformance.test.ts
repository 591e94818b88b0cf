// Issue 18: every card kind of the shared catalogue (tests/fixtures/cards), both languages, small / typical /
// extreme sizes, through the Slack adapter's real render + fit path — each payload checked against Slack's
// documented limits (adapters/slack/conformance.ts, and the emulator's own independent checks) and against
// what the reader must find: nothing lost, or the app-link note says where the rest is.
// The payloads are also type-checked against @slack/types: the functions below are typed to return the SDK's
// own shapes (KnownBlock, ModalView, HomeView) without a cast, so `npm run typecheck` fails if they drift.
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/view.js';
import { blocksProblems, messageProblems, viewProblems } from '../../../adapters/slack/conformance.js';
import { SLACK_LIMITS, textLength } from '../../../adapters/slack/limits.js';
import { modalLayout, renderModal } from '../../../adapters/slack/render-modal.js';
import { fitMessage, renderHome, renderMessage } from '../../../adapters/slack/render.js';
import { APP_URL, cardFixtures, badInputCards, LANGS } from '../../fixtures/cards/catalog.js';
import { missingContent } from '../../fixtures/cards/content.js';
import { messageRefusal, viewProblems as emuViewProblems } from '../../emulators/slack/block-kit-check.js';
import { translator } from '../../../src/i18n/index.js';

// Compile-time conformance with @slack/types: no casts anywhere on these paths.
const messageBlocks = (card: CardView): types.KnownBlock[] => renderMessage(card).blocks;
const modalView = (card: CardView, page: number): types.ModalView => renderModal(card, {}, undefined, { page });
const homeView = (card: CardView): types.HomeView => renderHome(card, APP_URL);

/** The words the fitter adds when something is left for the app. */
const appNotes = new Set(
  LANGS.flatMap((l) => {
    const t = translator(l);
    return [t('fit.tooBig'), t('fit.formTooBig'), t('fit.more', { n: '#' })];
  }),
);
const isAppNote = (text: string): boolean => appNotes.has(text) || appNotes.has(text.replace(/\d+/, '#'));
const linksToApp = (cards: CardView[]): boolean =>
  cards.some((c) => c.blocks.some((b) => b.type === 'note' && isAppNote(b.text))) &&
  cards.some((c) => c.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.url !== undefined)));

/** Every option value of an input element, whether in `options` or in `option_groups`. */
function optionValues(el: types.InputBlockElement): string[] {
  const o = el as { options?: { value?: string }[]; option_groups?: { options: { value?: string }[] }[] };
  return [...(o.options ?? []), ...(o.option_groups ?? []).flatMap((g) => g.options)].map((x) => x.value ?? '');
}

const all = [
  ...cardFixtures().map((f) => ({ name: f.name, view: f.view })),
  ...LANGS.flatMap((lang) => badInputCards(lang).map((b) => ({ name: `bad-input/${lang}/${b.name}`, view: b.view }))),
];

describe('Slack conformance over the card catalogue', () => {
  it('covers the whole catalogue', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it.each(all)('$name: sent as messages Slack accepts, nothing lost', ({ view }) => {
    const cards = fitMessage(view, 'send', APP_URL);
    for (const c of cards) {
      const payload = renderMessage(c);
      expect(messageProblems(payload)).toEqual([]);
      expect(messageRefusal(messageBlocks(c))).toBeUndefined();
      expect(textLength(payload.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageTextBudget);
    }
    const missing = missingContent(view, cards);
    if (missing.length > 0) expect(linksToApp(cards), `missing ${missing.slice(0, 3).join(' | ')}`).toBe(true);
  });

  it.each(all)('$name: updated in place as one message Slack accepts, the rest linked', ({ view }) => {
    const cards = fitMessage(view, 'update', APP_URL);
    expect(cards).toHaveLength(1);
    expect(messageProblems(renderMessage(cards[0]!))).toEqual([]);
    if (missingContent(view, cards).length > 0) expect(linksToApp(cards)).toBe(true);
  });

  it.each(all)('$name: the Home tab view is accepted', ({ view }) => {
    const home = homeView(view);
    expect(viewProblems(home)).toEqual([]);
    expect(emuViewProblems(home)).toEqual([]);
  });

  const forms = all.filter((f) => f.view.blocks.some((b) => b.type === 'form'));
  it.each(forms)('$name: its modal pages are accepted and hold every field and every option', ({ view }) => {
    const n = modalLayout(view).pages.length;
    const seen = new Map<string, string[]>();
    for (let k = 0; k < n; k++) {
      const v = modalView(view, k);
      expect(viewProblems(v)).toEqual([]);
      expect(emuViewProblems(v)).toEqual([]);
      expect(blocksProblems(v.blocks, 'modal')).toEqual([]);
      if (n > 1) expect(JSON.parse(v.private_metadata ?? '{}')).toMatchObject({ p: k, n });
      for (const b of v.blocks.filter((x): x is types.InputBlock => x.type === 'input'))
        if (b.block_id) seen.set(b.block_id, optionValues(b.element));
    }
    const form = view.blocks.find((b) => b.type === 'form')!;
    if (form.type !== 'form') return;
    for (const f of form.fields) {
      if (f.type === 'text') continue;
      expect(seen.has(f.id), `field ${f.id}`).toBe(true);
      if (f.type === 'choice' && f.options.length > SLACK_LIMITS.radioOptions)
        expect(seen.get(f.id)).toEqual(f.options.map((o) => o.value));
    }
  });
});
