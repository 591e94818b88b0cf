// Slack: 20 consecutive chat.postMessage calls answered 429 + Retry-After: 1 lose nobody (issue 17: 2 of 39
// people used to be dead-lettered after 8 throttled attempts). A missing scope (403-class) is not retried: HR
// is told whom the card was for and what to grant.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import { deliveryReportCard } from '../../../cards/delivery.js';
import { deliveryReportView } from '../../../src/bot/delivery-report.js';
import { loadConfig } from '../../../src/config.js';
import { listDeadLetters } from '../../../src/domain/delivery/dead-letters.js';
import { seedDemoOrg } from '../../../src/domain/org/demo-org.js';
import { findByEmail, linkIdentity } from '../../../src/domain/org/employees.js';
import { translator } from '../../../src/i18n/index.js';
import { freshDb } from '../../support/db.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { expectNobodyLost, fanOutThroughThrottling, THROTTLED_ANSWERS } from '../outbox-throttle-kit.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { slackEnv } from '../../support/platform-harness.js';

let emu: SlackEmulator;
const people = Array.from({ length: 6 }, (_, i) => `U0T${i}`);

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-throttle' });
  for (const id of people) emu.addUser({ id, email: `${id.toLowerCase()}@qingyun.example`, name: id });
});
afterAll(() => emu.close());

const adapter = () =>
  createAdapter({
    config: loadConfig(slackEnv(emu, 'xoxb-throttle', 'throttle-secret')),
    logger: pino({ level: 'silent' }),
  });

describe('Slack outbox: throttling waited out, a missing scope told to HR', () => {
  it('a window of 20 throttled answers delivers every card, each once, with no attempt spent', async () => {
    for (let i = 0; i < THROTTLED_ANSWERS; i++) emu.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const rows = await fanOutThroughThrottling(adapter(), people);
    expectNobodyLost(rows, people.length);
    const posts = emu.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.status === 429)).toHaveLength(THROTTLED_ANSWERS);
    // Each person got exactly one card.
    expect(
      posts
        .filter((c) => c.status === 200)
        .map((c) => postedChannel(c))
        .sort(),
    ).toEqual(people.map((p) => `D${p}`).sort());
  });

  it('a missing scope is not retried: the card is dead after one call, and HR reads who it was for and what to grant', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const person = (await findByEmail(db, 'zhang.wei@qingyun.example'))!;
    await linkIdentity(db, 'slack', 'U0T0', person.id);
    emu.failNext('chat.postMessage', { error: 'missing_scope' });
    const before = emu.callsTo('chat.postMessage').length;
    const rows = await fanOutThroughThrottling(adapter(), ['U0T0'], db);
    expect(rows.map((r) => [r.status, r.attempts, r.deadReason])).toEqual([['dead', 1, 'permission']]);
    expect(emu.callsTo('chat.postMessage').length).toBe(before + 1);
    expect((await listDeadLetters(db)).rows).toMatchObject([
      {
        person: { id: person.id, name: person.name },
        platform: 'slack',
        reason: 'permission',
        detail: 'chat.postMessage: missing_scope',
      },
    ]);
    const t = translator('en');
    const text = JSON.stringify(deliveryReportCard(await deliveryReportView(db, t), t));
    expect(text).toContain(`**${person.name}** · Slack · Pulse survey`);
    expect(text).toContain('Permission missing — chat.postMessage: missing_scope');
    expect(text).toContain('Ask the platform admin to grant the app the permission named above');
  });
});
