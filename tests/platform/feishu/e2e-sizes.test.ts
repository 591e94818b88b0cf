// Issue 18 end to end on the Feishu emulator: the extreme cards of the catalogue and the bad input of the
// issue, each queued for three people and delivered by the real outbox worker through the real adapter and
// the SDK. The emulator refuses what Feishu would (over 200 elements counted as Feishu counts, a request body
// over 30 KB, a form button with behaviors); here it refuses nothing, every row is sent (continuations
// included), each person gets every part in order, and every line of the original reaches them.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/view.js';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { pageCodec } from '../../../adapters/feishu/page-seal.js';
import { fitFeishu } from '../../../adapters/feishu/render.js';
import { loadConfig } from '../../../src/config.js';
import {
  badInputCards,
  bigPulseReport,
  claimForm,
  longSurvey,
  longTimelineApproval,
  raterForm,
  rewardsCard,
} from '../../fixtures/cards/catalog.js';
import { bodyContentOf, squash } from '../../fixtures/cards/content.js';
import { startFeishuEmulator, type FeishuEmulator } from '../../emulators/feishu/open-api.js';
import { deliverToEach } from '../../support/outbox-bench.js';
import { translator } from '../../../src/i18n/index.js';
import { useEmulator } from '../../support/platform-harness.js';

let emu: FeishuEmulator;
useEmulator(startFeishuEmulator, (started) => (emu = started));

const BASE = 'https://vitality.example.com';

function adapter() {
  const config = loadConfig({
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_DOMAIN: emu.url,
    FEISHU_VERIFICATION_TOKEN: 'vt-sizes',
    FEISHU_ALLOW_UNSIGNED: 'true',
    PUBLIC_BASE_URL: BASE,
  });
  return createAdapter({ config, logger: pino({ level: 'silent' }) });
}

const deliver = (people: string[], view: CardView) => deliverToEach(adapter(), people, view, { timeoutMs: 120_000 });

/** The "continued in N messages ↓" notes the fitter adds: not content, and they sit between two pieces of a
 *  line split across messages (as does the next message's header, which is not walked). */
const continued = (['zh-CN', 'en'] as const).flatMap((l) =>
  [translator(l)('fit.continuedOne'), translator(l)('fit.continued', { n: 12345 })].map((x) =>
    squash(x).replace('12345', ''),
  ),
);
const isContinuedNote = (line: string) => continued.includes(squash(line).replace(/\d+/g, ''));

/** Every markdown text in the bodies of Feishu cards, as one squashed string (buttons the fitter keeps on the
 *  first card would otherwise sit between two pieces of a split line). */
function readable(cards: { body: unknown }[]): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (typeof x !== 'object' || x === null) return;
    const r = x as Record<string, unknown>;
    if (r['tag'] === 'markdown' && typeof r['content'] === 'string')
      out.push(r['content'].replace(/&#60;/g, '<').replace(/&#62;/g, '>'));
    Object.values(r).forEach(walk);
  };
  walk(cards.map((c) => c.body));
  return out
    .flatMap((s) => s.split('\n'))
    .filter((l) => !isContinuedNote(l))
    .map(squash)
    .join('');
}

/** The lines a reader must find: text and note lines, each field's label and value. */
function atoms(view: CardView): string[] {
  const prose = bodyContentOf({ ...view, blocks: view.blocks.filter((b) => b.type === 'text' || b.type === 'note') });
  const fields = view.blocks.flatMap((b) => (b.type === 'fields' ? b.fields.flatMap((f) => [f.label, f.value]) : []));
  return [...prose, ...fields]
    .flatMap((s) => s.split('\n'))
    .map(squash)
    .filter((a) => a !== '');
}

const people = ['ou_fs_ana', 'ou_fs_bo', 'ou_fs_chen'];
const ctx = { codec: pageCodec('unused'), appUrl: `${BASE}/app` };

const cases: { name: string; view: () => CardView }[] = [
  { name: 'a pulse report with 200 units', view: () => bigPulseReport('zh-CN', 200) },
  { name: 'an approval with an 80-entry timeline', view: () => longTimelineApproval('zh-CN', 80) },
  { name: 'a 15 × 5 rater form', view: () => raterForm('zh-CN', 15, 5) },
  { name: 'a 40-item survey', view: () => longSurvey('en', 40) },
  { name: '300 tags', view: () => claimForm('zh-CN', 300) },
  { name: '30 rewards', view: () => rewardsCard('zh-CN', 30) },
  ...badInputCards('zh-CN').map((b) => ({ name: `bad input: ${b.name}`, view: () => b.view })),
  ...badInputCards('en').map((b) => ({ name: `bad input (en): ${b.name}`, view: () => b.view })),
];

describe('Feishu: the extreme cards reach everyone whole, within Feishu limits', () => {
  for (const c of cases) {
    it(
      c.name,
      async () => {
        const view = c.view();
        const before = new Set(emu.messages.keys());
        const refusals = emu.refusals.length;
        const rows = await deliver(people, view);
        expect(
          rows.every((r) => r.status === 'sent'),
          JSON.stringify(rows.filter((r) => r.status !== 'sent').map((r) => r.lastError)),
        ).toBe(true);
        expect(emu.refusals.slice(refusals)).toEqual([]);
        const parts = fitFeishu(view, 'send', ctx).length;
        for (const p of people) {
          const got = [...emu.messages.values()].filter((m) => !before.has(m.message_id) && m.receive_id === p);
          // Each person reached, with every part, once.
          expect(got, p).toHaveLength(parts);
          const cards = got.map(
            (m) => JSON.parse(m.content) as { header?: { title: { content: string } }; body: unknown },
          );
          expect(cards[0]!.header?.title.content).toBe(view.header?.title);
          const text = readable(cards);
          const lost = atoms(view).filter((a) => !text.includes(a));
          expect(
            lost.map((a) => `${a.slice(0, 60)}… (${a.length})`),
            `${p}: lines lost`,
          ).toEqual([]);
        }
      },
      120_000,
    );
  }
});
