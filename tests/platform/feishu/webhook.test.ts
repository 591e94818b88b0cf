// The adapter's inbound path on its own (no database): a real fastify server with adapter.routes, the real
// SDK EventDispatcher, a recording core. Encrypted + signed pushes as Feishu sends them.
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { card } from '../../../cards/view.js';
import type { BotCore, CoreResponse, InboundEvent, PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { createSender, type FeishuSender, newEventId } from '../../emulators/feishu/sender.js';

const TOKEN = 'vt-webhook';
const KEY = 'encrypt-key-webhook';
let emu: FeishuEmulator;
let app: FastifyInstance;
let adapter: PlatformAdapter;
let sender: FeishuSender;
const seen: InboundEvent[] = [];
const applied = new Set<string>();

const core: BotCore = {
  async handle(event): Promise<CoreResponse> {
    if (applied.has(event.eventId)) return { outcome: 'duplicate' };
    applied.add(event.eventId);
    seen.push(event);
    if (event.type === 'action') {
      return {
        outcome: 'handled',
        toast: { text: 'saved', tone: 'success' },
        card: card({ header: { title: 'New', tone: 'info' }, blocks: [] }),
      };
    }
    return { outcome: 'handled' };
  },
};

beforeAll(async () => {
  emu = await startFeishuEmulator();
  const config = loadConfig({
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_ENCRYPT_KEY: KEY,
    FEISHU_DOMAIN: emu.url,
  });
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
  app = Fastify();
  await app.register(adapter.routes!);
  // A sibling route keeps the default JSON parser: the adapter's raw-body parser is encapsulated.
  app.post('/other', async (req) => ({ parsed: typeof req.body }));
  await adapter.start(core);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  sender = createSender({ url, appId: emu.appId, verificationToken: TOKEN, encryptKey: KEY });
});

afterAll(async () => {
  await adapter?.stop();
  await app?.close();
  await emu?.close();
});

describe('feishu webhook (encrypted, signed)', () => {
  it('answers an encrypted URL verification', async () => {
    await expect(sender.urlVerification('enc-challenge')).resolves.toEqual({
      status: 200,
      json: { challenge: 'enc-challenge' },
    });
  });

  it('handles an encrypted, signed message event and dedupes a re-push', async () => {
    const eventId = newEventId();
    const a = await sender.message({ openId: 'ou_1', text: '/help', eventId });
    const b = await sender.message({ openId: 'ou_1', text: '/help', eventId });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(seen.filter((e) => e.eventId === eventId)).toEqual([
      {
        platform: 'feishu',
        type: 'command',
        eventId,
        name: 'help',
        args: '',
        user: { platformUserId: 'ou_1', lookupProfile: expect.any(Function) },
        replyTo: { kind: 'user', platformUserId: 'ou_1' },
      },
    ]);
  });

  it('answers an encrypted card callback on /feishu/card with toast + raw card', async () => {
    const res = await sender.cardAction({ openId: 'ou_1', value: { k: 'x', id: '1' }, messageId: 'om_1' });
    expect(res).toEqual({
      status: 200,
      json: {
        toast: { type: 'success', content: 'saved' },
        card: {
          type: 'raw',
          data: {
            schema: '2.0',
            config: { update_multi: true, width_mode: 'fill' },
            header: { title: { tag: 'plain_text', content: 'New' }, template: 'blue' },
            body: { elements: [] },
          },
        },
      },
    });
  });

  it('rejects bad, missing and stale signatures (401), wrong tokens (401), undecryptable bodies (400); nothing reaches the core', async () => {
    const before = seen.length;
    expect((await sender.message({ openId: 'ou_1', text: '/help' }, { signing: 'bad' })).status).toBe(401);
    expect((await sender.message({ openId: 'ou_1', text: '/help' }, { signing: 'none' })).status).toBe(401);
    expect((await sender.message({ openId: 'ou_1', text: '/help' }, { signing: 'stale' })).status).toBe(401);
    expect((await sender.message({ openId: 'ou_1', text: '/help' }, { token: 'forged' })).status).toBe(401);
    expect((await sender.post(undefined, { rawBody: '{"encrypt":"bm9wZQ=="}' })).status).toBe(400);
    expect(seen.length).toBe(before);
  });

  it('keeps its raw-body parser to itself', async () => {
    const res = await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } });
    expect(res.json()).toEqual({ parsed: 'object' });
  });
});
