// Issue 18, end to end on the Slack emulator: the extreme cards of the catalogue (a 200-unit pulse report, an
// approval with an 80-entry timeline, a 15×5 rater card, a 40-item survey, 300 tags, 30 rewards) and the bad
// input (a 50,000-character comment, 500 units, 300 tags) go to three people through the real outbox worker
// and the real Slack adapter (createAdapter → WebClient → the emulator, which refuses what Slack refuses:
// invalid_blocks, msg_blocks_too_long). Every call is accepted, every person gets every part — the message and
// its continuations, which the worker queues as sends of their own — and nothing of a card is lost.
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webClientOptions } from '../../../adapters/slack/client.js';
import { createAdapter } from '../../../adapters/slack/index.js';
import { fitMessage, renderMessage } from '../../../adapters/slack/render.js';
import type { CardView } from '../../../cards/view.js';
import { enqueue } from '../../../src/bot/outbox.js';
import { OutboxWorker } from '../../../src/bot/outbox-worker.js';
import { loadConfig } from '../../../src/config.js';
import { inTransaction } from '../../../src/db/connection.js';
import { outbox } from '../../../src/db/schema.js';
import { freshDb } from '../../support/db.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import {
  badInputCards,
  bigPulseReport,
  claimForm,
  longSurvey,
  longTimelineApproval,
  raterForm,
  rewardsCard,
} from '../../fixtures/cards/catalog.js';
import { missingContent } from '../../fixtures/cards/content.js';
import { scaleLimits, withLimits } from '../delivery-kit.js';
import { slackEnv } from '../../support/platform-harness.js';

let emu: SlackEmulator;
const people = ['U0SIZE1', 'U0SIZE2', 'U0SIZE3'];
const APP_HOME = 'http://vitality.test/app';

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-sizes' });
  for (const id of people) emu.addUser({ id, email: `${id.toLowerCase()}@qingyun.example`, name: id });
});
afterAll(() => emu.close());

const extremes = (lang: 'zh-CN' | 'en'): { name: string; view: CardView }[] => [
  { name: 'pulse-200', view: bigPulseReport(lang, 200) },
  { name: 'timeline-80', view: longTimelineApproval(lang, 80) },
  { name: 'rater-15x5', view: raterForm(lang, 15, 5) },
  { name: 'survey-40', view: longSurvey(lang, 40) },
  { name: 'tags-300', view: claimForm(lang, 300) },
  { name: 'rewards-30', view: rewardsCard(lang, 30) },
  ...badInputCards(lang),
];

describe('Slack: the extreme cards reach everyone, accepted, nothing lost', () => {
  it.each(['zh-CN', 'en'] as const)(
    '%s',
    async (lang) => {
      const cards = extremes(lang);
      const config = loadConfig({
        ...slackEnv(emu, 'xoxb-sizes', 'sizes-secret'),
        PUBLIC_BASE_URL: 'http://vitality.test',
      });
      const real = createAdapter({ config, logger: pino({ level: 'silent' }) });
      // Slack's pace (1/s per DM) scaled up: the emulator enforces no rate here, what is tested is the content.
      const adapter = withLimits(real, scaleLimits(real.limits, 50));
      const db = await freshDb();
      const before = emu.calls.length;
      await inTransaction(db, async () => {
        for (const p of people)
          for (const c of cards)
            await enqueue(db, {
              platform: 'slack',
              op: 'send',
              recipient: { kind: 'user', platformUserId: p },
              message: { kind: 'card', card: c.view },
            });
      });
      const worker = new OutboxWorker({
        db,
        adapters: new Map([['slack', adapter]]),
        logger: pino({ level: 'silent' }),
        maxAttempts: 3,
        pollMs: 20,
      });
      await worker.drainUntilIdle({ timeoutMs: 120_000 });

      // Every row sent (continuations included), none dead or left.
      const rows = await db.select().from(outbox).orderBy(outbox.id);
      expect(rows.filter((r) => r.status !== 'sent').map((r) => [r.status, r.lastError])).toEqual([]);
      // Every chat.postMessage accepted by the emulator: no invalid_blocks, no msg_blocks_too_long.
      const posts = emu.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
      expect(posts.filter((c) => c.response?.ok !== true).map((c) => c.response?.error)).toEqual([]);

      // What each person should have: every fitted part of every card, as the adapter renders it.
      const expected = cards.flatMap((c) => fitMessage(c.view, 'send', APP_HOME));
      expect(expected.length).toBeGreaterThan(cards.length); // some cards did need continuations
      for (const c of cards) expect(missingContent(c.view, fitMessage(c.view, 'send', APP_HOME)), c.name).toEqual([]);
      const want = expected.map((v) => JSON.stringify(renderMessage(v).blocks)).sort();
      for (const p of people) {
        const got = posts
          .filter((c) => postedChannel(c) === `D${p}`)
          .map((c) => JSON.stringify(c.args.blocks))
          .sort();
        expect(got.length, p).toBe(want.length);
        expect(got).toEqual(want);
      }
      // A card's continuations come after it, in order, in the person's DM.
      const pulse = fitMessage(cards[0]!.view, 'send', APP_HOME).map((v) => JSON.stringify(renderMessage(v).blocks));
      for (const p of people) {
        const seq = posts.filter((c) => postedChannel(c) === `D${p}`).map((c) => JSON.stringify(c.args.blocks));
        const at = pulse.map((b) => seq.indexOf(b));
        expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!))).toBe(true);
      }
    },
    180_000,
  );

  it('the emulator refuses the unfitted card as Slack does: a 200-unit report in one message is msg_blocks_too_long', async () => {
    const web = new webApi.WebClient('xoxb-sizes', webClientOptions(emu.url));
    const whole = renderMessage(bigPulseReport('en', 200));
    expect(whole.blocks.length).toBeLessThanOrEqual(50); // not the block count: the total text
    await expect(web.chat.postMessage({ channel: 'DU0SIZE1', ...whole })).rejects.toMatchObject({
      data: { ok: false, error: 'msg_blocks_too_long' },
    });
  });

  it('a card updated in place beyond one message keeps what fits and links the rest to the app, accepted by the emulator', async () => {
    const config = loadConfig({
      ...slackEnv(emu, 'xoxb-sizes', 'sizes-secret'),
      PUBLIC_BASE_URL: 'http://vitality.test',
    });
    const adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
    const small = bigPulseReport('en', 3);
    const ref = await adapter.send(
      { kind: 'user', platformUserId: people[0]! },
      { kind: 'card', card: small },
      { idempotencyKey: 'update-test', attempt: 1 },
    );
    expect(ref.continuations).toBeUndefined();
    await adapter.update(ref, { kind: 'card', card: bigPulseReport('en', 200) });
    const upd = emu.callsTo('chat.update').at(-1)!;
    expect(upd.response?.ok).toBe(true);
    const blocks = JSON.stringify(upd.args.blocks);
    expect(blocks).toContain('more items do not fit in this card');
    expect(blocks).toMatch(/"url":"http[^"]+"/);
  });
});
