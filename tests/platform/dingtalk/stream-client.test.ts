// The DWClient subclass on its own against the emulator: configurable gateway, health, clean stop.
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { VitalityStreamClient } from '../../../adapters/dingtalk/stream-client.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { useEmulator } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
const wait = { timeout: 10_000, interval: 20 };
const logger = pino({ level: 'silent' });

useEmulator(startDingTalkEmulator, (started) => (emu = started));

describe('dingtalk stream client', () => {
  it('reports a gateway that rejects the credentials, and keeps retrying until stopped', async () => {
    const c = new VitalityStreamClient({
      clientId: emu.clientId,
      clientSecret: 'wrong',
      gatewayUrl: emu.gatewayUrl,
      logger,
    });
    c.registerCallbackListener('/v1.0/im/bot/messages/get', () => {});
    await c.connect(); // never rejects: the SDK retries on its own
    expect(c.health()).toEqual({ ok: false, detail: 'gateway: gateway answered HTTP 401' });
    const attempts = emu.callsTo('/v1.0/gateway/connections/open').length;
    await vi.waitFor(
      () => expect(emu.callsTo('/v1.0/gateway/connections/open').length).toBeGreaterThan(attempts),
      wait,
    );
    c.stop();
    expect(emu.stream.sockets.size).toBe(0);
  });

  it('connects through the configured gateway, and stop() closes the socket for good', async () => {
    const c = new VitalityStreamClient({
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      gatewayUrl: emu.gatewayUrl,
      logger,
    });
    c.registerCallbackListener('/v1.0/card/instances/callback', () => {});
    await c.connect();
    expect(c.health()).toEqual({ ok: true });
    expect(emu.stream.subscriptions.at(-1)).toEqual([{ type: 'CALLBACK', topic: '/v1.0/card/instances/callback' }]);
    const opened = emu.stream.connectionsOpened;
    c.stop();
    await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(0), wait);
    expect(c.health()).toEqual({ ok: false, detail: 'stopped' });
    await c.connect(); // e.g. the SDK's pending reconnect timer firing after stop()
    expect(emu.stream.connectionsOpened).toBe(opened);
  });

  it('on a disconnect frame opens the next connection at once; stop() closes the draining one too', async () => {
    const c = new VitalityStreamClient({
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      gatewayUrl: emu.gatewayUrl,
      logger,
    });
    c.registerCallbackListener('/v1.0/card/instances/callback', () => {});
    await c.connect();
    const opened = emu.stream.connectionsOpened;
    emu.stream.sendDisconnect(60_000); // the server would close the old socket only after a minute
    await vi.waitFor(() => expect(emu.stream.connectionsOpened).toBe(opened + 1), wait);
    await vi.waitFor(() => expect(c.health()).toEqual({ ok: true }), wait);
    expect(emu.stream.sockets.size).toBe(2);
    c.stop();
    await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(0), wait);
  });
});
