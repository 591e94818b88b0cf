// The emulator's own contract: the gateway hands out one-time tickets, frames have DingTalk's shape, an
// unacknowledged CALLBACK is pushed again, and a well-formed ACK stops that.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { useEmulator } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const wait = { timeout: 5_000, interval: 10 };

useEmulator(
  () => startDingTalkEmulator({ redeliverAfterMs: 50, maxDeliveries: 5 }),
  (started) => (emu = started),
);

async function open(): Promise<{
  ws: WebSocket;
  frames: { headers: Record<string, string>; data: string; type: string }[];
}> {
  const res = await fetch(emu.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      ua: 't',
      subscriptions: [{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }],
    }),
  });
  const { endpoint, ticket } = (await res.json()) as { endpoint: string; ticket: string };
  const ws = new WebSocket(`${endpoint}?ticket=${ticket}`);
  const frames: { headers: Record<string, string>; data: string; type: string }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames };
}

describe('dingtalk emulator', () => {
  it('rejects wrong credentials at the gateway and a reused ticket at the socket', async () => {
    const bad = await fetch(emu.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: emu.clientId, clientSecret: 'nope', subscriptions: [] }),
    });
    expect(bad.status).toBe(401);
    const res = await fetch(emu.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: emu.clientId, clientSecret: emu.clientSecret, subscriptions: [] }),
    });
    const { endpoint, ticket } = (await res.json()) as { endpoint: string; ticket: string };
    const first = new WebSocket(`${endpoint}?ticket=${ticket}`);
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(`${endpoint}?ticket=${ticket}`);
    await expect(
      new Promise((resolve, reject) => {
        second.once('open', resolve);
        second.once('error', reject);
      }),
    ).rejects.toThrow();
    first.close();
  });

  it('redelivers an unacknowledged frame until a proper ACK arrives', async () => {
    const { ws, frames } = await open();
    const id = emu.stream.push('/v1.0/im/bot/messages/get', JSON.stringify({ msgId: 'm' }));
    await vi.waitFor(
      () => expect(frames.filter((f) => f.headers.messageId === id).length).toBeGreaterThanOrEqual(2),
      wait,
    );
    expect(frames[0]).toMatchObject({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        messageId: id,
        topic: '/v1.0/im/bot/messages/get',
        contentType: 'application/json',
        appId: emu.clientId,
      },
    });
    ws.send(JSON.stringify({ code: 200, headers: { contentType: 'application/json', messageId: 'wrong-shape' } }));
    ws.send(
      JSON.stringify({
        code: 200,
        headers: { contentType: 'application/json', messageId: id },
        message: 'OK',
        data: '{"response":{}}',
      }),
    );
    await vi.waitFor(() => expect(emu.stream.isAcked(id)).toBe(true), wait);
    expect(emu.stream.acks.find((a) => a.messageId === id)?.data).toEqual({ response: {} });
    expect(emu.stream.badAnswers).toHaveLength(1);
    ws.close();
  });

  it('answers v1.0 and oapi errors in their own shapes', async () => {
    const v1 = await fetch(`${emu.url}/v1.0/robot/groupMessages/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': 'bogus' },
      body: '{}',
    });
    expect(v1.status).toBe(400);
    expect(await v1.json()).toMatchObject({
      code: 'InvalidAuthentication',
      message: expect.any(String),
      requestid: expect.any(String),
    });
    const oapi = await fetch(`${emu.url}/topapi/v2/user/get?access_token=bogus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"userid":"x"}',
    });
    expect(oapi.status).toBe(200);
    expect(await oapi.json()).toMatchObject({ errcode: 40014, errmsg: expect.any(String) });
  });
});
