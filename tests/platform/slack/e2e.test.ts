// End to end: the real server (real database, real core, real outbox worker) with the real Bolt app,
// driven by signed Slack requests and talking to the local Web API emulator.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import {
  payloads,
  slackSender,
  startSlackEmulator,
  type RecordedCall,
  type SlackEmulator,
  type SlackSender,
} from '../../emulators/slack/index.js';
import type { BotCore, CoreResponse, InboundEvent } from '../../../src/bot/port.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { slackEnv, useEmulatorAndHarness } from '../../support/platform-harness.js';

const SECRET = 'signing-secret-e2e';
let emu: SlackEmulator;
let h: Harness;
let slack: SlackSender;
let handled: { event: InboundEvent; res: Promise<CoreResponse> }[];
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const STRANGER = 'U0STRANGER';

interface Btn {
  action_id: string;
  value?: string;
  url?: string;
}
interface Blk {
  type: string;
  text?: { text: string };
  elements?: Btn[];
}

useEmulatorAndHarness(
  () => startSlackEmulator({ botToken: 'xoxb-e2e' }),
  (e) => ({
    ...slackEnv(e, 'xoxb-e2e', SECRET),
    SLACK_EXTRA_COMMANDS: '/points',
  }),
  async (started) => {
    ({ emu, h } = started);
    const [person, second] = (await h.sql.rows(
      'select name, email from employees where active and email is not null order by id limit 2',
    )) as { name: string; email: string }[];
    // Alice's Slack profile carries the email of a demo employee; the stranger's does not match anyone.
    emu.addUser({ id: ALICE, email: person!.email, name: person!.name, locale: 'en-US' });
    // Bob's employee record has no language: his Slack locale (English) applies, not the zh-CN default.
    emu.addUser({ id: BOB, email: second!.email, name: second!.name, locale: 'en-GB' });
    await h.sql.run('update employees set locale = null where email = ?', second!.email);
    emu.addUser({ id: STRANGER, email: 'stranger@elsewhere.example', name: 'Stranger', locale: 'en-US' });
    await h.sql.run("update employees set locale = 'en' where email = ?", person!.email);
    slack = slackSender({ serverUrl: h.url, signingSecret: SECRET });
    // Watch what the core answers without changing it (the adapter holds this same object).
    handled = [];
    const core: BotCore = h.core;
    const original = core.handle.bind(core);
    vi.spyOn(core, 'handle').mockImplementation((event) => {
      const res = original(event);
      handled.push({ event, res });
      return res;
    });
  },
);
// Each test leaves the outbox delivered, so the next one sees only its own Web API calls.
afterEach(async () => {
  await h.drainOutbox();
  await vi.waitFor(async () =>
    expect((await h.outbox()).filter((r) => r.status === 'pending' || r.status === 'sending')).toEqual([]),
  );
});

const since = (n: number, method: string): RecordedCall[] => emu.calls.slice(n).filter((c) => c.method === method);
const blocksOf = (c: RecordedCall): Blk[] => c.args.blocks as Blk[];
const inboundCount = async (): Promise<number> =>
  ((await h.sql.row("select count(*) as n from inbound_events where platform = 'slack'")) as { n: number }).n;

async function helpMessage(): Promise<RecordedCall> {
  const n = emu.calls.length;
  const seen = handled.length;
  const lastRow = (await h.outbox()).at(-1)?.id ?? 0;
  const res = await slack.slashCommand(
    payloads.slashCommand({ command: '/vitality', text: 'help', userId: ALICE, responseUrl: emu.responseUrl() }),
  );
  expect(res.status).toBe(200);
  expect(res.text).toBe('');
  // The command is acked first; the core runs after the ack and writes the reply to the outbox.
  await vi.waitFor(() => expect(handled.length).toBeGreaterThan(seen));
  expect((await handled[seen]!.res).outcome).toBe('handled');
  await settled(lastRow);
  const posted = since(n, 'chat.postMessage');
  expect(posted).toHaveLength(1);
  return posted[0]!;
}

describe('Slack end to end', () => {
  it('answers /vitality help with the help card in a DM', async () => {
    const n = emu.calls.length;
    const msg = await helpMessage();
    expect(postedChannel(msg)).toBe(`D${ALICE}`);
    expect(since(n, 'conversations.open')[0]!.args).toEqual({ users: ALICE });
    // The user was linked by the email users.info returned.
    expect(since(n, 'users.info')[0]!.args).toEqual({ user: ALICE, include_locale: 'true' });
    const blocks = blocksOf(msg);
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'ℹ️ Vitality — what you can do', emoji: true },
    });
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
    expect(buttons.filter((b) => b.value).map((b) => b.value)).toEqual([
      '{"k":"cmd","v":"whoami"}',
      '{"k":"lang.set","v":"zh-CN"}',
    ]);
    expect(buttons.filter((b) => b.url).map((b) => b.url)).toEqual(['http://127.0.0.1:3000/app/']);
  });

  it('updates the card in place with chat.update when a button is pressed', async () => {
    const msg = await helpMessage();
    const button = blocksOf(msg)
      .flatMap((b) => b.elements ?? [])
      .find((b) => b.value?.includes('lang.set'))!;
    const channel = postedChannel(msg);
    const messageTs = await lastPostedTs();
    const n = emu.calls.length;
    const res = await slack.interaction(
      payloads.blockActions({
        userId: ALICE,
        channelId: channel,
        messageTs,
        actionId: button.action_id,
        value: button.value!,
        responseUrl: emu.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(since(n, 'chat.update')).toHaveLength(1));
    const upd = since(n, 'chat.update')[0]!;
    expect(upd.args).toMatchObject({ channel, ts: messageTs });
    // The same help card, redrawn in the language the button switched to.
    expect(blocksOf(upd)[0]!.text!.text).toBe('ℹ️ 元气 Vitality — 你可以做什么');
    expect((await h.employeeByEmail(await aliceEmail()))!.locale).toBe('zh-CN');
    await h.sql.run("update employees set locale = 'en' where email = ?", await aliceEmail());
  });

  it('replaces a card whose object is gone with the expired card', async () => {
    const messageTs = await lastPostedTs();
    const n = emu.calls.length;
    const res = await slack.interaction(
      payloads.blockActions({
        userId: ALICE,
        channelId: `D${ALICE}`,
        messageTs,
        actionId: 'a:0:0',
        value: '{"k":"survey.gone","id":"42"}',
        responseUrl: emu.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(since(n, 'chat.update')).toHaveLength(1));
    expect(JSON.stringify(blocksOf(since(n, 'chat.update')[0]!))).toContain('This card has expired');
  });

  it('answers a refused button with an ephemeral message through response_url', async () => {
    const n = emu.calls.length;
    const responseUrl = emu.responseUrl('refused-1');
    const res = await slack.interaction(
      payloads.blockActions({
        userId: ALICE,
        channelId: `D${ALICE}`,
        messageTs: await lastPostedTs(),
        actionId: 'a:3:1',
        value: '{"k":"lang.set","v":"klingon"}',
        responseUrl,
      }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(since(n, 'response_url')).toHaveLength(1));
    expect(since(n, 'response_url')[0]!.args).toEqual({
      _id: 'refused-1',
      response_type: 'ephemeral',
      replace_original: false,
      text: expect.stringContaining('/lang'),
    });
    expect(since(n, 'chat.update')).toEqual([]);
  });

  it('applies a retried event once', async () => {
    const before = (await h.outbox()).length;
    const event = payloads.imMessage(ALICE, '/whoami', 'Ev0RETRY0001');
    const first = await slack.event(event);
    const retry = await slack.event(event, { retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await vi.waitFor(() => expect(handled.filter((x) => x.event.eventId === 'Ev0RETRY0001')).toHaveLength(2));
    const outcomes = await Promise.all(
      handled.filter((x) => x.event.eventId === 'Ev0RETRY0001').map(async (x) => (await x.res).outcome),
    );
    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect((await h.outbox()).length).toBe(before + 1);
  });

  it('rejects forged, unsigned, stale and future-dated requests with 401 and records nothing', async () => {
    const n = emu.calls.length;
    const inbound = await inboundCount();
    const outbox = (await h.outbox()).length;
    const handledBefore = handled.length;
    const cmd = payloads.slashCommand({
      command: '/vitality',
      text: 'help',
      userId: ALICE,
      responseUrl: emu.responseUrl(),
    });
    for (const signing of ['forged', 'missing', 'stale', 'future'] as const) {
      expect((await slack.slashCommand(cmd, { signing })).status).toBe(401);
      expect((await slack.event(payloads.appHomeOpened(ALICE), { signing })).status).toBe(401);
    }
    expect(emu.calls.length).toBe(n);
    expect(await inboundCount()).toBe(inbound);
    expect((await h.outbox()).length).toBe(outbox);
    expect(handled.length).toBe(handledBefore);
  });

  it('answers 400 to a correctly signed but malformed payload', async () => {
    expect((await slack.post('{not json', 'application/json')).status).toBe(400);
    expect((await slack.post('payload=%7Bnope', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await slack.post('text=help', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await slack.event({ type: 'event_callback' })).status).toBe(400);
  });

  it('answers the url_verification challenge', async () => {
    const res = await slack.event({ token: 't', challenge: 'ch4ll3nge', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: 'ch4ll3nge' });
  });

  it('delays on a 429 with Retry-After and then delivers exactly once', async () => {
    emu.failNext('chat.postMessage', { rateLimitedSeconds: 1 });
    const n = emu.calls.length;
    const lastRow = (await h.outbox()).at(-1)!.id;
    const res = await slack.slashCommand(
      payloads.slashCommand({ command: '/vitality', text: 'whoami', userId: ALICE, responseUrl: emu.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(since(n, 'chat.postMessage').length).toBeGreaterThanOrEqual(1));
    await settled(lastRow);
    const attempts = since(n, 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    // The retry waited at least the Retry-After the emulator asked for (a lower bound, not a timing race).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(attempts[1]!.args).toEqual(attempts[0]!.args);
    const row = (await h.outbox()).at(-1)!;
    expect(row.status).toBe('sent');
    // The throttled call was the platform pacing us, not a failure: it used up no attempt (issue 17).
    expect(row.attempts).toBe(1);
    expect(await h.sql.row('select throttled from outbox where id = ?', row.id)).toEqual({ throttled: 1 });
  });

  it('a post Slack accepted but whose answer was lost is found on the retry, not posted twice', async () => {
    // Slack has no idempotency key: the outbox row's key rides in the message metadata, and a retry looks
    // for it in the DM's latest messages before posting again.
    emu.failNext('chat.postMessage', { lostAnswerStatus: 503 });
    const n = emu.calls.length;
    const lastRow = (await h.outbox()).at(-1)!.id;
    const res = await slack.slashCommand(
      payloads.slashCommand({ command: '/vitality', text: 'whoami', userId: ALICE, responseUrl: emu.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await settled(lastRow);
    const posts = since(n, 'chat.postMessage');
    expect(posts.map((c) => c.status)).toEqual([503]);
    const key = (posts[0]!.args.metadata as { event_type: string; event_payload: { key: string } }).event_payload.key;
    const row = (await h.sql.row(
      'select status, attempts, idempotency_key as key, sent_ref as ref from outbox where id > ? order by id desc limit 1',
      lastRow,
    )) as { status: string; attempts: number; key: string; ref: string };
    expect(row).toMatchObject({ status: 'sent', attempts: 2, key });
    // The retry asked for the DM's history with metadata and took the message Slack already had.
    const lookups = since(n, 'conversations.history');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.args).toMatchObject({ include_all_metadata: 'true' });
    const found = (
      lookups[0]!.response!.messages as { ts: string; metadata?: { event_payload: { key: string } } }[]
    ).filter((m) => m.metadata?.event_payload.key === key);
    expect(found).toHaveLength(1);
    expect(JSON.parse(row.ref)).toMatchObject({ messageId: found[0]!.ts });
  });

  it('routes an extra slash command (/points) to the core command of that name', async () => {
    const res = await slack.slashCommand(
      payloads.slashCommand({ command: '/points', text: 'top month', userId: ALICE, responseUrl: emu.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() =>
      expect(handled.at(-1)!.event).toMatchObject({ type: 'command', name: 'points', args: 'top month' }),
    );
    // No /points command exists yet: the core answers with an "unknown command" card.
    expect((await handled.at(-1)!.res).outcome).toBe('handled');
  });

  it('publishes the App Home view on app_home_opened', async () => {
    const n = emu.calls.length;
    expect((await slack.event(payloads.appHomeOpened(ALICE))).status).toBe(200);
    await vi.waitFor(() => expect(since(n, 'views.publish')).toHaveLength(1));
    const call = since(n, 'views.publish')[0]!;
    expect(call.args.user_id).toBe(ALICE);
    expect(call.args.view).toMatchObject({ type: 'home' });
  });

  it('uses the Slack locale for an employee who has none', async () => {
    const n = emu.calls.length;
    const lastRow = (await h.outbox()).at(-1)!.id;
    expect(
      (
        await slack.slashCommand(
          payloads.slashCommand({ command: '/vitality', text: 'help', userId: BOB, responseUrl: emu.responseUrl() }),
        )
      ).status,
    ).toBe(200);
    await vi.waitFor(async () => expect((await h.outbox()).at(-1)!.id).toBeGreaterThan(lastRow));
    await settled(lastRow);
    const toBob = since(n, 'chat.postMessage').filter((c) => postedChannel(c) === `D${BOB}`);
    expect(toBob).toHaveLength(1);
    expect(blocksOf(toBob[0]!)[0]!.text!.text).toBe('ℹ️ Vitality — what you can do');
  });

  it('tells a Slack user who is not in the org so, by DM', async () => {
    const n = emu.calls.length;
    const res = await slack.slashCommand(
      payloads.slashCommand({ command: '/vitality', text: 'help', userId: STRANGER, responseUrl: emu.responseUrl() }),
    );
    expect(res.status).toBe(200);
    const toStranger = () =>
      since(n, 'chat.postMessage').filter((c) => postedChannel(c) === `D${STRANGER}` || c.args.channel === STRANGER);
    await vi.waitFor(() => expect(toStranger()).toHaveLength(1));
    expect(postedChannel(toStranger()[0]!)).toBe(`D${STRANGER}`);
    expect(toStranger()[0]!.args).toMatchObject({ text: expect.stringContaining("couldn't find you") });
    expect(since(n, 'users.info')[0]!.args).toEqual({ user: STRANGER, include_locale: 'true' });
  });
});

/** Wait for the rows written after `afterId` (Slack's request is answered before the core has handled it),
 *  drain the outbox (waiting out a retry's backoff), and wait until they are delivered (the server's own
 *  worker may hold a row in 'sending' while drainOutbox looks only at 'pending' ones). */
async function settled(afterId: number): Promise<void> {
  const written = async () => (await h.outbox()).filter((r) => r.id > afterId);
  await vi.waitFor(async () => expect((await written()).length).toBeGreaterThan(0));
  await h.drainOutbox();
  // The server's worker may be mid-retry (a lost answer: conversations.history, then the row marked sent): give
  // it time on a busy machine rather than vitest's default second.
  await vi.waitFor(async () => expect((await written()).map((r) => r.status).filter((s) => s !== 'sent')).toEqual([]), {
    timeout: 15_000,
    interval: 50,
  });
}

async function aliceEmail(): Promise<string> {
  return String(
    (
      (await h.sql.row('select email from employees where active and email is not null order by id limit 1')) as {
        email: string;
      }
    ).email,
  );
}
async function lastPostedTs(): Promise<string> {
  // The emulator answers chat.postMessage with the ts; the outbox stores it as the card's sentRef.
  const row = (await h.outbox()).filter((r) => r.platform === 'slack' && r.sentRef).at(-1)!;
  const ref = JSON.parse(row.sentRef!) as { messageId: string; chatId: string };
  expect(ref.chatId).toBe(`D${ALICE}`);
  return ref.messageId;
}
