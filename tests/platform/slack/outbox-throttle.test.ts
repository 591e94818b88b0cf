// Slack: 20 consecutive chat.postMessage calls answered 429 + Retry-After: 1 lose nobody (issue 17: 2 of 39
// people used to be dead-lettered after 8 throttled attempts).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { EMU_BOT_ID, EMU_BOT_USER_ID, startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { expectNobodyLost, fanOutThroughThrottling, THROTTLED_ANSWERS } from '../outbox-throttle-kit.js';

let emu: SlackEmulator;
const people = Array.from({ length: 6 }, (_, i) => `U0T${i}`);

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-throttle' });
  for (const id of people) emu.addUser({ id, email: `${id.toLowerCase()}@qingyun.example`, name: id });
});
afterAll(() => emu.close());

describe('Slack outbox under 429 + Retry-After', () => {
  it('a window of 20 throttled answers delivers every card, each once, with no attempt spent', async () => {
    for (let i = 0; i < THROTTLED_ANSWERS; i++) emu.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-throttle', SLACK_SIGNING_SECRET: 'throttle-secret', SLACK_API_URL: emu.url, SLACK_BOT_ID: EMU_BOT_ID, SLACK_BOT_USER_ID: EMU_BOT_USER_ID });
    const rows = await fanOutThroughThrottling(createAdapter({ config, logger: pino({ level: 'silent' }) }), people);
    expectNobodyLost(rows, people.length);
    const posts = emu.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.status === 429)).toHaveLength(THROTTLED_ANSWERS);
    // Each person got exactly one card.
    expect(posts.filter((c) => c.status === 200).map((c) => c.args.channel).sort()).toEqual(people.map((p) => `D${p}`).sort());
  });
});
