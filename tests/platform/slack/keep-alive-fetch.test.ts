// The WebClient's transport (adapters/slack/keep-alive-fetch.ts) through the real @slack/web-api client, against a
// local HTTP server: the form body arrives whole, one kept-alive connection serves many calls, a 429 reaches the
// client with its Retry-After (the outbox's pacing depends on it), a hung call times out, and a redirect is
// refused rather than followed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webClientOptions } from '../../../adapters/slack/client.js';
import { keepAliveFetch } from '../../../adapters/slack/keep-alive-fetch.js';

let server: http.Server;
let base = '';
const bodies: string[] = [];
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      if (req.url === '/api/chat.postMessage')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"ts":"1.2"}');
      if (req.url === '/api/chat.update')
        return res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"ok":false}');
      if (req.url === '/api/views.open') return; // never answered: the client's timeout must end it
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the Slack WebClient over keep-alive node:http', () => {
  it('posts the whole form body, answers JSON, and reuses one connection', async () => {
    const web = new webApi.WebClient('xoxb-t', webClientOptions(base));
    sockets.clear();
    bodies.length = 0;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '审批 ✅ & more' } }];
    for (let i = 0; i < 5; i++) {
      const res = await web.chat.postMessage({ channel: 'D1', text: `n${i}`, blocks });
      expect(res.ok).toBe(true);
      expect(res.ts).toBe('1.2');
    }
    const form = new URLSearchParams(bodies[4]);
    expect(form.get('text')).toBe('n4');
    expect(JSON.parse(form.get('blocks')!)).toEqual(blocks);
    expect(sockets.size).toBe(1);
  });

  it('hands a 429 to the client with its Retry-After, without retrying', async () => {
    const web = new webApi.WebClient('xoxb-t', webClientOptions(base));
    bodies.length = 0;
    const err = await web.chat.update({ channel: 'D1', ts: '1.2', text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(bodies).toHaveLength(1);
  });

  it('ends a hung call at the timeout', async () => {
    const web = new webApi.WebClient('xoxb-t', { ...webClientOptions(base), timeout: 200 });
    const err = await web.views
      .open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: webApi.ErrorCode.RequestError });
  });

  it('refuses a redirect instead of following it', async () => {
    const err = await keepAliveFetch(`${base}/other`, { method: 'POST', body: 'a=1', redirect: 'error' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TypeError);
    expect(String(err)).toContain('redirect');
  });
});
