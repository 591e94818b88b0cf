// The outbound client (real @slack/web-api WebClient) against the local Web API emulator.
import { LogLevel, webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackClient, webClientOptions } from '../../../adapters/slack/client.js';
import { DeliveryError } from '../../../src/bot/port.js';
import { card } from '../../../cards/view.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';

let emu: SlackEmulator;
let client: SlackClient;
const ALICE = { id: 'U0ALICE', email: 'alice@qingyun.example', name: 'Alice', locale: 'zh-CN' };

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-test' });
  emu.addUser(ALICE);
  emu.addUser({ id: 'U0BOB', email: 'bob@qingyun.example', name: 'Bob' });
  client = new SlackClient(new webApi.WebClient('xoxb-test', webClientOptions(emu.url)), {
    clientId: 'cid',
    clientSecret: 'csecret',
  });
});
afterAll(() => emu.close());

const helpCard = card({ header: { title: 'Help' }, blocks: [{ type: 'text', markdown: '**hi**' }] });

async function deliveryError(p: Promise<unknown>): Promise<DeliveryError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('SlackClient', () => {
  it('posts a first DM to the user id (no conversations.open: Tier 3 would pace a fan-out), then to the DM Slack named', async () => {
    const before = emu.calls.length;
    const ref = await client.send({ kind: 'user', platformUserId: 'U0ALICE' }, { kind: 'card', card: helpCard });
    await client.send({ kind: 'user', platformUserId: 'U0ALICE' }, { kind: 'text', text: 'again' });
    const calls = emu.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(calls[0]!.token).toBe('xoxb-test');
    expect(calls[0]!.args).toMatchObject({
      channel: 'U0ALICE',
      text: 'Help\nhi',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Help', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: '*hi*' } },
      ],
    });
    expect(calls[1]!.args).toMatchObject({ channel: 'DU0ALICE', text: 'again' });
    expect(ref).toEqual({ messageId: expect.stringMatching(/^\d+\.\d+$/), chatId: 'DU0ALICE' });
  });

  it('a retry to someone not written to yet opens the DM first, to look for a copy that did land', async () => {
    const fresh = new SlackClient(new webApi.WebClient('xoxb-test', webClientOptions(emu.url)));
    const before = emu.calls.length;
    const first = await fresh.send(
      { kind: 'user', platformUserId: 'U0BOB' },
      { kind: 'text', text: 'hello' },
      { idempotencyKey: 'k-bob-1', attempt: 1 },
    );
    const again = await new SlackClient(new webApi.WebClient('xoxb-test', webClientOptions(emu.url))).send(
      { kind: 'user', platformUserId: 'U0BOB' },
      { kind: 'text', text: 'hello' },
      { idempotencyKey: 'k-bob-1', attempt: 2 },
    );
    expect(emu.calls.slice(before).map((c) => c.method)).toEqual([
      'chat.postMessage',
      'conversations.open',
      'conversations.history',
    ]);
    expect(again).toEqual(first);
  });

  it('updates a sent message with chat.update', async () => {
    const ref = await client.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'v1' });
    await client.update(ref, { kind: 'card', card: helpCard });
    const upd = emu.callsTo('chat.update').at(-1)!;
    expect(upd.args).toMatchObject({ channel: 'C0TEAM', ts: ref.messageId, text: 'Help\nhi' });
  });

  it('maps a 429 to rate_limited with Retry-After, without retrying by itself', async () => {
    emu.failNext('chat.postMessage', { rateLimitedSeconds: 7 });
    const before = emu.callsTo('chat.postMessage').length;
    const err = await deliveryError(client.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }));
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(7000);
    expect(emu.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('maps permanent and transient API errors', async () => {
    expect((await deliveryError(client.send({ kind: 'chat', chatId: 'nope' }, { kind: 'text', text: 'x' }))).kind).toBe(
      'permanent',
    );
    emu.failNext('chat.postMessage', { error: 'invalid_auth' });
    expect(
      (await deliveryError(client.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }))).message,
    ).toContain('invalid_auth');
    emu.failNext('chat.postMessage', { error: 'internal_error' });
    expect(
      (await deliveryError(client.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }))).kind,
    ).toBe('transient');
    expect(
      (await deliveryError(client.update({ messageId: '1.1', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }))).kind,
    ).toBe('permanent');
    const bad = new SlackClient(new webApi.WebClient('xoxb-wrong', webClientOptions(emu.url)));
    const e = await deliveryError(bad.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }));
    expect([e.kind, e.message]).toEqual(['permanent', 'chat.postMessage: invalid_auth']);
  });

  it('maps a network failure to transient', async () => {
    const dead = new SlackClient(
      new webApi.WebClient('xoxb-test', { ...webClientOptions('http://127.0.0.1:1/api'), logLevel: LogLevel.ERROR }),
    );
    expect((await deliveryError(dead.send({ kind: 'chat', chatId: 'C0TEAM' }, { kind: 'text', text: 'x' }))).kind).toBe(
      'transient',
    );
  });

  it('looks up a profile with users.info include_locale', async () => {
    expect(await client.lookupProfile('U0ALICE')).toEqual({
      email: 'alice@qingyun.example',
      locale: 'zh-CN',
      displayName: 'Alice',
    });
    expect(await client.lookupProfile('U0BOB')).toEqual({
      email: 'bob@qingyun.example',
      locale: 'en',
      displayName: 'Bob',
    });
    expect(emu.callsTo('users.info').at(-1)!.args).toEqual({ user: 'U0BOB', include_locale: 'true' });
  });

  it('exchanges a Sign in with Slack code for the identity', async () => {
    emu.addAuthCode('code-1', 'U0ALICE');
    expect(await client.exchangeAuthCode('code-1')).toEqual({
      platformUserId: 'U0ALICE',
      email: 'alice@qingyun.example',
      displayName: 'Alice',
    });
    expect(emu.callsTo('openid.connect.token').at(-1)!.args).toMatchObject({
      client_id: 'cid',
      client_secret: 'csecret',
      code: 'code-1',
    });
    await expect(client.exchangeAuthCode('code-1')).rejects.toThrow(/invalid_code/);
  });
});
