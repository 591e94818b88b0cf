// More presses than the server can work on at once (issue 22: on PostgreSQL, acked presses waited past the pool's
// timeout and were lost). With one place (INBOUND_CONCURRENCY=1) held by a press whose Slack call hangs, the
// next command and the next button press wait INBOUND_WAIT_MS, then are acked with "busy, nothing was changed" —
// the command in its ack, the button press to the presser alone through its response_url — and the core never
// sees them. When the place comes free the held press finishes, and the same command sent again is carried out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payloads, slackSender, startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { slackEnv } from '../../support/platform-harness.js';
import { t } from '../../../src/i18n/index.js';

const SECRET = 'signing-secret-admission';
const ALICE = 'UZHANGWEI';
const BOB = 'ULIMING';
let emu: SlackEmulator;
let h: Harness;
let slack: ReturnType<typeof slackSender>;

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-admission' });
  h = await startHarness({
    env: { ...slackEnv(emu, 'xoxb-admission', SECRET), INBOUND_CONCURRENCY: '1', INBOUND_WAIT_MS: '300' },
  });
  for (const [id, user] of [
    [ALICE, 'zhang.wei'],
    [BOB, 'li.ming'],
  ] as const) {
    const e = (await h.employeeByEmail(`${user}@qingyun.example`))!;
    emu.addUser({ id, email: e.email!, name: e.name, locale: 'en-US' });
  }
  slack = slackSender({ serverUrl: h.url, signingSecret: SECRET });
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

const slackEvents = async () =>
  (await h.sql.row<{ n: number }>("select count(*) as n from inbound_events where platform = 'slack'"))!.n;
const command = (userId: string, text: string) =>
  slack.slashCommand(
    payloads.slashCommand({ command: '/vitality', text, userId, responseUrl: emu.responseUrl(`cmd-${userId}`) }),
  );
const dmsTo = (userId: string) =>
  emu.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}` || c.args.channel === userId);

describe('Slack: presses beyond what the server works on at once', () => {
  it('are acked as "busy" with nothing done, never acked and then lost; the held press completes', async () => {
    const eventsBefore = await slackEvents();
    // Alice's first command takes the only place and waits there on users.info (her profile), held by "Slack".
    const release = emu.holdNext('users.info');
    const first = await command(ALICE, 'help');
    expect([first.status, first.text]).toEqual([200, '']);
    await vi.waitFor(() => expect(emu.callsTo('users.info').map((c) => c.args.user)).toContain(ALICE));

    // Bob's command gets no place within INBOUND_WAIT_MS: its ack says so, to him alone.
    const busy = await command(BOB, 'help');
    expect(busy.status).toBe(200);
    expect(busy.text).toBe(t('en', 'error.busy'));

    // Bob's button press: acked at once (an empty 200, as Slack requires), the refusal through response_url.
    const press = await slack.interaction(
      payloads.blockActions({
        userId: BOB,
        channelId: `D${BOB}`,
        messageTs: '1700000000.000100',
        actionId: 'a:approval.approve',
        value: JSON.stringify({ k: 'approval.approve', id: '1' }),
        responseUrl: emu.responseUrl('press-bob'),
      }),
    );
    expect([press.status, press.text]).toEqual([200, '']);
    await vi.waitFor(() =>
      expect(emu.callsTo('response_url').filter((c) => c.args._id === 'press-bob')).toHaveLength(1),
    );
    expect(emu.callsTo('response_url').find((c) => c.args._id === 'press-bob')!.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: t('en', 'error.busy'),
    });
    // Neither reached the core: nothing of them was recorded.
    expect(await slackEvents()).toBe(eventsBefore);

    // The held press goes on once Slack answers, and is carried out once.
    release();
    await vi.waitFor(async () => expect(await slackEvents()).toBe(eventsBefore + 1), { timeout: 10_000 });
    h.app.worker.kick();
    await vi.waitFor(() => expect(dmsTo(ALICE).length).toBeGreaterThan(0), { timeout: 10_000 });

    // With the place free again, Bob's command sent once more is carried out.
    const again = await command(BOB, 'help');
    expect([again.status, again.text]).toEqual([200, '']);
    await vi.waitFor(async () => expect(await slackEvents()).toBe(eventsBefore + 2), { timeout: 10_000 });
    h.app.worker.kick();
    await vi.waitFor(() => expect(dmsTo(BOB).length).toBeGreaterThan(0), { timeout: 10_000 });
  });
});
