// The Feishu emulator refuses what Feishu documents it refuses — so a test fails exactly where the real
// platform would: a card over 200 elements (every tagged node counted, plain_text included) with 230099
// (card error 300305), a request body over 30 KB with 230025 (measured on the request, where the card is an
// escaped JSON string, not on the card), a form button with behaviors (JSON 2.0 refuses unsupported
// attributes). Raw payloads through the real SDK client; the adapter's own send never produces these.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeishuClient } from '../../../adapters/feishu/client.js';
import { FeishuApiError, toDeliveryError } from '../../../adapters/feishu/errors.js';
import { requestBodyBytes } from '../../../adapters/feishu/conformance.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { createSender } from '../../emulators/feishu/sender.js';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { loadConfig } from '../../../src/config.js';

let emu: FeishuEmulator;
let client: FeishuClient;
beforeAll(async () => {
  emu = await startFeishuEmulator();
  client = new FeishuClient({
    appId: emu.appId,
    appSecret: emu.appSecret,
    domain: emu.url,
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => emu.close());

const to = { kind: 'user' as const, platformUserId: 'ou_limits' };
const cardWith = (elements: unknown[]) => ({ schema: '2.0', config: { update_multi: true }, body: { elements } });

async function refusal(p: Promise<unknown>): Promise<FeishuApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FeishuApiError) return e;
    throw e;
  }
  throw new Error('expected Feishu to refuse');
}

describe('feishu emulator: card limits as Feishu enforces them', () => {
  it('200 elements pass; 201 are refused with 230099 / 300305 — a button counts twice (itself and its plain_text)', async () => {
    const md = (i: number) => ({ tag: 'markdown', content: `m${i}` });
    await client.sendMessage(
      to,
      'interactive',
      JSON.stringify(cardWith(Array.from({ length: 200 }, (_, i) => md(i)))),
      'lim-200',
    );
    // 199 markdown + one button with its text: 201 as Feishu counts, though only 200 components.
    const button = {
      tag: 'button',
      text: { tag: 'plain_text', content: 'go' },
      behaviors: [{ type: 'callback', value: { k: 'x' } }],
    };
    const err = await refusal(
      client.sendMessage(
        to,
        'interactive',
        JSON.stringify(cardWith([...Array.from({ length: 199 }, (_, i) => md(i)), button])),
        'lim-201',
      ),
    );
    expect(err.code).toBe(230099);
    expect(err.message).toContain('300305');
    expect(toDeliveryError(err).kind).toBe('permanent');
    expect(emu.refusals.at(-1)).toMatchObject({ code: 230099 });
  });

  it('30 KB is the request body: a card just under 30 KB whose body is over it (quotes escaped again) is refused', async () => {
    // Quotes in the text are escaped twice in the body (\\\" inside the content string).
    const text = '"'.repeat(9_000);
    const card = cardWith([{ tag: 'markdown', content: text }]);
    const cardBytes = Buffer.byteLength(JSON.stringify(card));
    expect(cardBytes).toBeLessThan(30 * 1024);
    expect(requestBodyBytes('create', card, { receiveId: to.platformUserId, uuid: 'lim-body' })).toBeGreaterThan(
      30 * 1024,
    );
    const err = await refusal(client.sendMessage(to, 'interactive', JSON.stringify(card), 'lim-body'));
    expect(err.code).toBe(230025);
    // A PATCH of the same card: its body ({content}) is over 30 KB as well.
    const ok = await client.sendMessage(
      to,
      'interactive',
      JSON.stringify(cardWith([{ tag: 'markdown', content: 'small' }])),
      'lim-small',
    );
    expect((await refusal(client.patchCard(ok.messageId, JSON.stringify(card)))).code).toBe(230025);
    expect(emu.messages.get(ok.messageId)!.patches).toEqual([]);
  });

  it('a form submit button with behaviors is refused (JSON 2.0 refuses unsupported attributes)', async () => {
    const form = {
      tag: 'form',
      name: 'f',
      elements: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: 'Submit' },
          name: 's',
          form_action_type: 'submit',
          behaviors: [{ type: 'callback', value: { k: 'x' } }],
        },
      ],
    };
    expect(
      (await refusal(client.sendMessage(to, 'interactive', JSON.stringify(cardWith([form])), 'lim-form'))).code,
    ).toBe(230099);
  });

  it('a callback answered with a card over the limits is flagged as refused by the client', async () => {
    // A tiny server answering every callback with a 201-element card.
    const { createServer } = await import('node:http');
    const big = cardWith(Array.from({ length: 201 }, (_, i) => ({ tag: 'markdown', content: `m${i}` })));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ card: { type: 'raw', data: big } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const sender = createSender({ url: `http://127.0.0.1:${port}`, appId: emu.appId, verificationToken: 'vt' });
      const res = await sender.cardAction({ openId: 'ou_x', value: { k: 'x' }, messageId: 'om_x' });
      expect(res.refused).toMatch(/^230099/);
      // And a form submission is sent as Feishu documents it: tag, name and form_value, no value.
      const posted: unknown[] = [];
      server.removeAllListeners('request');
      server.on('request', (req, res2) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          posted.push(JSON.parse(body));
          res2.writeHead(200, { 'content-type': 'application/json' });
          res2.end('{}');
        });
      });
      await sender.cardAction({ openId: 'ou_x', name: 'vf1_abc', formValue: { q1: '3' }, messageId: 'om_x' });
      const action = (posted[0] as { event: { action: Record<string, unknown> } }).event.action;
      expect(action).toEqual({ tag: 'button', timezone: 'Asia/Shanghai', name: 'vf1_abc', form_value: { q1: '3' } });
      expect(action).not.toHaveProperty('value');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a text over 150 KB is sent as its first piece with the rest as continuations, each accepted, nothing lost', async () => {
    const config = loadConfig({
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
      FEISHU_DOMAIN: emu.url,
      FEISHU_VERIFICATION_TOKEN: 'vt',
      FEISHU_ALLOW_UNSIGNED: 'true',
    });
    const adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
    const text = Array.from({ length: 4500 }, (_, i) => `第${i}行：门店反馈的内容。`).join('\n'); // ~170 KB as UTF-8
    expect(Buffer.byteLength(text)).toBeGreaterThan(150 * 1024);
    const refusals = emu.refusals.length;
    const first = await adapter.send(to, { kind: 'text', text }, { idempotencyKey: 'lim-text-1' });
    const rest = first.continuations ?? [];
    expect(rest.length).toBeGreaterThan(0);
    const pieces = [JSON.parse(emu.messages.get(first.messageId)!.content) as { text: string }];
    for (const [i, c] of rest.entries()) {
      const ref = await adapter.send(to, c, { idempotencyKey: `lim-text-${i + 2}` });
      expect(ref.continuations).toBeUndefined();
      pieces.push(JSON.parse(emu.messages.get(ref.messageId)!.content) as { text: string });
    }
    expect(emu.refusals.length).toBe(refusals);
    expect(
      pieces
        .map((p) => p.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(text.replace(/\s/g, ''));
    // Splitting ~170 KB at safe points takes a few seconds on a loaded 2-core machine.
  }, 60_000);
});
