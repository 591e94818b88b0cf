// Socket Mode: the same adapter with SLACK_APP_TOKEN set talks to the emulator's WebSocket through Bolt's
// SocketModeReceiver; the listeners and normaliser are the ones the HTTP receiver uses.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import { card } from '../../../cards/view.js';
import { loadConfig } from '../../../src/config.js';
import type { BotCore, CoreResponse, InboundEvent, PlatformAdapter } from '../../../src/bot/port.js';
import {
  EMU_BOT_ID,
  EMU_BOT_USER_ID,
  payloads,
  startSlackEmulator,
  type SlackEmulator,
} from '../../emulators/slack/index.js';

const USER = 'U0SOCK';
let emu: SlackEmulator;
let adapter: PlatformAdapter;
const seen: InboundEvent[] = [];
const home = card({ header: { title: 'Home' }, blocks: [{ type: 'text', markdown: 'Hi' }] });
const core: BotCore = {
  async handle(event): Promise<CoreResponse> {
    seen.push(event);
    if (event.type === 'appHome') return { outcome: 'handled', card: home };
    if (event.type === 'action' && event.values) return { outcome: 'handled', fieldErrors: { q1: 'Required' } };
    return { outcome: 'handled' };
  },
};

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-sock' });
  emu.addUser({ id: USER, email: 'sock@qingyun.example', name: 'Sock' });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sock',
    SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
    SLACK_APP_TOKEN: 'xapp-1-sock',
    SLACK_API_URL: emu.url,
    SLACK_BOT_ID: EMU_BOT_ID,
    SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
  });
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await adapter?.stop();
  await emu?.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app token and serves no HTTP route', async () => {
    expect(adapter.routes).toBeUndefined();
    expect(adapter.health!().ok).toBe(false);
    await adapter.start(core);
    await vi.waitFor(() => expect(adapter.health!()).toEqual({ ok: true }));
    const open = emu.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-1-sock');
  });

  it('acks a slash command envelope and hands the command to the core', async () => {
    const ack = await emu.socketMode.send(
      'slash_commands',
      payloads.slashCommand({ command: '/vitality', text: 'whoami', userId: USER, responseUrl: emu.responseUrl() }),
    );
    expect(ack.envelope_id).toMatch(/^env-/);
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ type: 'command', name: 'whoami' }));
  });

  it('publishes the Home tab on an app_home_opened envelope', async () => {
    const n = emu.callsTo('views.publish').length;
    await emu.socketMode.send('events_api', payloads.appHomeOpened(USER, 'EvSOCK1'));
    await vi.waitFor(() => expect(emu.callsTo('views.publish')).toHaveLength(n + 1));
    expect(seen.at(-1)).toMatchObject({ type: 'appHome', eventId: 'EvSOCK1' });
  });

  it('returns field errors in the ack of a view submission', async () => {
    const view = { callback_id: 'vitality_form', private_metadata: JSON.stringify({ a: { k: 'survey.answer' } }) };
    const ack = await emu.socketMode.send(
      'interactive',
      payloads.viewSubmission({ userId: USER, view, values: { c: { v: { type: 'plain_text_input', value: 'x' } } } }),
    );
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { q1: 'Required' } });
  });
});
