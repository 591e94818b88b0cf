// Slack with its chat.postMessage limits switched on in the emulator (a workspace cap, 1/s per channel):
// a fan-out to 100 people, with the workspace shedding load (429s) for a moment mid-way, reaches each of
// them exactly once, and no call is refused by the limits we pace for (issue 17, item 3).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { fanOut, tally, withLimits } from '../delivery-kit.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { slackEnv } from '../../support/platform-harness.js';

let emu: SlackEmulator;
const people = Array.from({ length: 100 }, (_, i) => `U0F${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-fanout' });
  for (const id of people) emu.addUser({ id, email: `${id.toLowerCase()}@qingyun.example`, name: id });
});
afterAll(() => emu.close());

describe('Slack fan-out under the workspace cap and 1/s per channel', () => {
  it('100 people each get the card once; nobody is dead; only the injected window is refused', async () => {
    // The workspace cap is a setting (SLACK_RATE_PER_SECOND); here 100/s on both sides so the test is quick.
    const limits = emu.enforceRateLimits({
      workspace: { ratePerSecond: 100, burst: 100 },
      perChannel: { ratePerSecond: 1, burst: 3 },
    });
    const adapter = createAdapter({
      config: loadConfig({
        ...slackEnv(emu, 'xoxb-fanout', 'fanout-secret'),
        SLACK_RATE_PER_SECOND: '100',
      }),
      logger: pino({ level: 'silent' }),
    });
    const { rows } = await fanOut(
      withLimits(adapter, adapter.limits, (n) => n === 50 && limits.closeFor(500)),
      people,
    );
    expect(rows.map((r) => r.status)).toEqual(people.map(() => 'sent'));
    const posted = emu
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200)
      .map((c) => postedChannel(c));
    expect(
      tally(
        posted,
        people.map((p) => `D${p}`),
      ),
    ).toEqual({ missing: [], duplicates: 0 });
    expect(limits.refused.get('closed')).toBeGreaterThan(0);
    expect([limits.refused.get('workspace') ?? 0, limits.refused.get('perChannel') ?? 0]).toEqual([0, 0]);
  });
});
