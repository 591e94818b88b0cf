// Issue 18: every card kind of the shared catalogue, in both languages and at every size, through the DingTalk
// adapter's real fit + render path — as a template card and as a robot action card (no template configured),
// sent and updated — and every payload checked against DingTalk's documented limits (conformance.ts,
// limits.ts). Nothing may be lost: each content line of the original is in the fitted cards, or the card says
// plainly that the rest is in the app and links there; and every button of the original still works on a
// template card (a 13th and later button goes to a continuation card, it is not dropped).
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/view.js';
import { dingTalkProblems } from '../../../adapters/dingtalk/conformance.js';
import { DINGTALK_LIMITS } from '../../../adapters/dingtalk/limits.js';
import {
  fitDingTalkCard,
  renderCard,
  renderFallbackMessage,
  type CardButton,
} from '../../../adapters/dingtalk/render.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';
import { cardFixtures, type CardFixture } from '../../fixtures/cards/catalog.js';
import { missingContent } from '../../fixtures/cards/content.js';
import { translator } from '../../../src/i18n/index.js';

const opts = { appUrl: 'https://vitality.example.com/app', step: stepCodec('conformance-stepper-secret-32-chars!') };

/** The notes fitCard adds when it sends the rest to the app (in either language), any count. */
const appNotes = (['zh-CN', 'en'] as const).flatMap((l) => {
  const t = translator(l);
  const pattern = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('12345', '\\d+')}$`);
  return [pattern(t('fit.more', { n: 12345 })), pattern(t('fit.tooBig')), pattern(t('fit.formTooBig'))];
});
const saysRestIsInApp = (cards: CardView[]) =>
  cards.some((c) => c.blocks.some((b) => b.type === 'note' && appNotes.some((n) => n.test(b.text)))) &&
  cards.some((c) => c.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.url)));

/** Every action button (callback or link) a card holds outside its forms. */
const actionButtons = (v: CardView) => v.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

function check(f: CardFixture, template: boolean, mode: 'send' | 'update'): void {
  const cards = fitDingTalkCard(f.view, opts, { template, mode });
  expect(cards.length).toBeGreaterThanOrEqual(1);
  if (mode === 'update') expect(cards).toHaveLength(1);
  for (const c of cards) {
    const r = renderCard(c, opts);
    const problems = template
      ? dingTalkProblems({ kind: 'card', cardParamMap: r.cardParamMap })
      : dingTalkProblems({ kind: 'robot', ...renderFallbackMessage(r, opts) });
    expect(problems, `${f.name} (${template ? 'template' : 'robot'}, ${mode})`).toEqual([]);
  }
  const missing = missingContent(f.view, cards);
  if (missing.length > 0)
    expect(saysRestIsInApp(cards), `${f.name} lost ${JSON.stringify(missing.slice(0, 3))}`).toBe(true);
  if (template && mode === 'send' && !saysRestIsInApp(cards)) {
    // Every button still there and still doing what it did, spread over the cards if need be.
    const rendered = cards.flatMap((c) => JSON.parse(renderCard(c, opts).cardParamMap.actions!) as CardButton[]);
    for (const b of actionButtons(f.view)) {
      const same = rendered.find((x) =>
        b.url ? x.url === b.url : x.k === b.action?.k && x.id === b.action?.id && x.v === b.action?.v,
      );
      expect(same, `${f.name}: button "${b.label}"`).toBeDefined();
    }
  }
}

const fixtures = cardFixtures();

describe('DingTalk conformance over the card catalogue', () => {
  it('covers every size in both languages', () => {
    expect(new Set(fixtures.map((f) => f.lang))).toEqual(new Set(['zh-CN', 'en']));
    expect(new Set(fixtures.map((f) => f.size))).toEqual(new Set(['small', 'typical', 'extreme']));
  });

  for (const f of fixtures) {
    it(f.name, () => {
      for (const template of [true, false]) for (const mode of ['send', 'update'] as const) check(f, template, mode);
    });
  }

  it('gives 30 rewards as cards of at most 12 buttons each, every reward still redeemable', () => {
    const f = fixtures.find((x) => x.name.startsWith('rewardsCard/en/extreme'))!;
    const cards = fitDingTalkCard(f.view, opts, { template: true, mode: 'send' });
    const perCard = cards.map((c) => (JSON.parse(renderCard(c, opts).cardParamMap.actions!) as CardButton[]).length);
    expect(perCard.every((n) => n <= DINGTALK_LIMITS.maxButtons)).toBe(true);
    expect(perCard.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(actionButtons(f.view).length);
    expect(cards.length).toBeGreaterThan(1);
  });
});
