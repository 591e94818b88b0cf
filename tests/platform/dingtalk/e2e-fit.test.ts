// Issue 18 end to end on the DingTalk emulator: the extreme cards of the catalogue and the bad input of the
// issue, each queued for three people and delivered by the real outbox worker through the real adapter —
// as template cards (createAndDeliver) and as robot action cards (batchSend, no template configured). The
// emulator refuses what DingTalk would (tests/emulators/dingtalk/open-api.ts); here it refuses nothing, every
// person gets every part, in order, and every line and every button of the original reaches them.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/view.js';
import { createAdapter } from '../../../adapters/dingtalk/index.js';
import { fitDingTalkCard, type CardButton } from '../../../adapters/dingtalk/render.js';
import { stepCodec } from '../../../adapters/dingtalk/step-seal.js';
import type { PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { translator } from '../../../src/i18n/index.js';
import {
  badInputCards,
  bigPulseReport,
  fixtureNamed,
  longSurvey,
  longTimelineApproval,
  raterForm,
  rewardsCard,
} from '../../fixtures/cards/catalog.js';
import { bodyContentOf, squash } from '../../fixtures/cards/content.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { deliverToEach } from '../../support/outbox-bench.js';
import { dingTalkEnv, useEmulator } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const TEMPLATE = 'vitality-card.schema';

useEmulator(startDingTalkEmulator, (started) => (emu = started));

function adapterFor(template: boolean): PlatformAdapter {
  const config = loadConfig({
    ...dingTalkEnv(emu),
    DINGTALK_ROBOT_CODE: emu.clientId,
    ...(template ? { DINGTALK_CARD_TEMPLATE_ID: TEMPLATE } : {}),
  });
  return createAdapter({ config, logger: pino({ level: 'silent' }) });
}

/** The card queued for each person and delivered by the outbox worker until nothing is pending. */
const deliver = (adapter: PlatformAdapter, people: string[], view: CardView) =>
  deliverToEach(adapter, people, view, { timeoutMs: 60_000 });

/** What one person received, in order: each message's title, markdown and buttons. */
function received(
  person: string,
  template: boolean,
  since: { cards: Set<string>; robot: number },
): { title: string; markdown: string; buttons: CardButton[] }[] {
  if (template) {
    return [...emu.api.cards.values()]
      .filter((c) => !since.cards.has(c.outTrackId) && c.openSpaceId === `dtv1.card//IM_ROBOT.${person}`)
      .map((c) => ({
        title: c.cardParamMap.title ?? '',
        markdown: c.cardParamMap.markdown ?? '',
        buttons: JSON.parse(c.cardParamMap.actions ?? '[]') as CardButton[],
      }));
  }
  return emu.api.robotMessages
    .slice(since.robot)
    .filter((m) => m.kind === 'user' && m.to.includes(person))
    .map((m) => {
      // A robot card's text opens with its title as a heading.
      const text = String(m.msgParam.text ?? '');
      const heading = /^### (.*)\n\n/.exec(text);
      return {
        title: heading?.[1] ?? String(m.msgParam.title ?? ''),
        markdown: heading ? text.slice(heading[0].length) : text,
        buttons: [],
      };
    });
}

/** The "continued in N messages ↓" notes the fitter adds: not content, and they sit between two pieces of a
 *  line split across messages. */
const continued = (['zh-CN', 'en'] as const).flatMap((l) => {
  const t = translator(l);
  return [t('fit.continuedOne'), t('fit.continued', { n: 12345 })].map((s) => squash(s).replace('12345', ''));
});
const isContinuedNote = (line: string) => {
  const s = squash(line).replace(/\d+/g, '');
  return continued.some((c) => c === s);
};

/** The lines a reader must find in the messages (header, text, notes, fields; form questions are asked one
 *  by one by the stepper, buttons are checked by what they do). */
function textAtoms(view: CardView): string[] {
  const readable = {
    ...view,
    blocks: view.blocks.filter((b) => b.type === 'text' || b.type === 'note' || b.type === 'fields'),
  };
  return bodyContentOf(readable)
    .map(squash)
    .filter((a) => a !== '');
}

const people = ['dt-ana', 'dt-bo', 'dt-chen'];
const step = stepCodec('unused-here-but-required-32-chars!!');

const cases: { name: string; view: () => CardView }[] = [
  { name: 'a pulse report with 200 units', view: () => bigPulseReport('zh-CN', 200) },
  { name: 'an approval with an 80-entry timeline', view: () => longTimelineApproval('zh-CN', 80) },
  { name: 'a 15 × 5 rater form', view: () => raterForm('zh-CN', 15, 5) },
  { name: 'a 40-item survey', view: () => longSurvey('en', 40) },
  { name: '300 tags', view: () => fixtureNamed('tagsCard/zh-CN/extreme').view },
  { name: '30 rewards', view: () => rewardsCard('zh-CN', 30) },
  ...badInputCards('zh-CN').map((b) => ({ name: `bad input: ${b.name}`, view: () => b.view })),
  ...badInputCards('en').map((b) => ({ name: `bad input (en): ${b.name}`, view: () => b.view })),
];

describe('DingTalk: the extreme cards reach everyone whole, within DingTalk limits', () => {
  for (const template of [true, false]) {
    for (const c of cases) {
      it(`${template ? 'template card' : 'robot card'}: ${c.name}`, async () => {
        const view = c.view();
        const since = { cards: new Set(emu.api.cards.keys()), robot: emu.api.robotMessages.length };
        const refusalsBefore = emu.api.refusals.length;
        const rows = await deliver(adapterFor(template), people, view);
        // Every row sent — the first parts and their continuations — and nothing refused.
        expect(
          rows.every((r) => r.status === 'sent'),
          JSON.stringify(rows.filter((r) => r.status !== 'sent').map((r) => r.lastError)),
        ).toBe(true);
        expect(emu.api.refusals.slice(refusalsBefore)).toEqual([]);
        const parts = fitDingTalkCard(
          view,
          { appUrl: 'https://unused.example/app', step },
          { template, mode: 'send' },
        ).length;
        for (const p of people) {
          const got = received(p, template, since);
          // Each person reached, with every part, once.
          expect(got, p).toHaveLength(parts);
          expect(got[0]!.title).toBe(view.header?.title);
          const text = got
            .flatMap((m) => m.markdown.split('\n'))
            .filter((l) => !isContinuedNote(l))
            .map(squash)
            .join('');
          const lost = textAtoms(view).filter((a) => !text.includes(a));
          expect(
            lost.map((a) => `${a.slice(0, 60)}… (${a.length})`),
            `${p}: lines lost`,
          ).toEqual([]);
          if (template) {
            // Every button of the original still there and still doing what it did.
            const buttons = got.flatMap((m) => m.buttons);
            for (const b of view.blocks.flatMap((x) => (x.type === 'actions' ? x.buttons : []))) {
              const same = buttons.some((x) =>
                b.url ? x.url === b.url : x.k === b.action?.k && x.id === b.action?.id && x.v === b.action?.v,
              );
              expect(same, `${p}: button "${b.label}"`).toBe(true);
            }
          }
        }
      });
    }
  }
});
