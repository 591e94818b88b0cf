// Long-connection mode: the SDK's real WSClient against the emulator's gateway (endpoint discovery +
// protobuf frames). Events and card callbacks arrive as event frames; the answer goes back in the frame.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { card } from '../../../cards/view.js';
import type { BotCore, CoreResponse, InboundEvent, PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { cardActionEnvelope, messageEnvelope, newEventId } from '../../emulators/feishu/sender.js';

let emu: FeishuEmulator;
let adapter: PlatformAdapter;
const seen: InboundEvent[] = [];
const core: BotCore = {
  async handle(event): Promise<CoreResponse> {
    seen.push(event);
    return event.type === 'action'
      ? {
          outcome: 'handled',
          toast: { text: '已保存', tone: 'success' },
          card: card({ header: { title: '新', tone: 'success' }, blocks: [] }),
        }
      : { outcome: 'handled' };
  },
};

beforeAll(async () => {
  emu = await startFeishuEmulator();
  const config = loadConfig({
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_MODE: 'websocket',
    FEISHU_DOMAIN: emu.url,
  });
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await adapter?.stop();
  await emu?.close();
});

describe('feishu long connection', () => {
  it('has no webhook routes and is not healthy before start', () => {
    expect(adapter.routes).toBeUndefined();
    expect(adapter.health!()).toMatchObject({ ok: false });
  });

  it('connects through /callback/ws/endpoint and becomes healthy', async () => {
    await adapter.start(core);
    await vi.waitFor(() => expect(adapter.health!()).toEqual({ ok: true }), { timeout: 10_000, interval: 50 });
    expect(emu.callsTo('/callback/ws/endpoint')[0]!.body).toMatchObject({ AppID: emu.appId, AppSecret: emu.appSecret });
    expect(emu.ws.connections()).toBe(1);
  });

  it('a message event frame reaches the core through the same normaliser', async () => {
    const eventId = newEventId();
    const answer = await emu.ws.push(messageEnvelope(emu.appId, '', { openId: 'ou_ws', text: '/whoami', eventId }));
    expect(answer.code).toBe(200);
    expect(seen.find((e) => e.eventId === eventId)).toMatchObject({
      type: 'command',
      name: 'whoami',
      replyTo: { kind: 'user', platformUserId: 'ou_ws' },
    });
  });

  it('a card callback frame is answered with toast + card in the response frame', async () => {
    const answer = await emu.ws.push(
      cardActionEnvelope(emu.appId, '', { openId: 'ou_ws', value: { k: 'lang.set', v: 'en' }, messageId: 'om_ws' }),
    );
    expect(answer).toEqual({
      code: 200,
      data: {
        toast: { type: 'success', content: '已保存' },
        card: {
          type: 'raw',
          data: {
            schema: '2.0',
            config: { update_multi: true, width_mode: 'fill' },
            header: { title: { tag: 'plain_text', content: '新' }, template: 'green' },
            body: { elements: [] },
          },
        },
      },
    });
    expect(seen.at(-1)).toMatchObject({
      type: 'action',
      action: { k: 'lang.set', v: 'en' },
      cardRef: { messageId: 'om_ws' },
    });
  });

  it('stop() closes the connection', async () => {
    await adapter.stop();
    await vi.waitFor(() => expect(emu.ws.connections()).toBe(0), { timeout: 5000, interval: 50 });
    expect(adapter.health!()).toMatchObject({ ok: false });
  });
});
