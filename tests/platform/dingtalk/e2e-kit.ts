// Shared set-up of the DingTalk end-to-end tests: the emulator (gateway, stream, OpenAPI), the real server
// with the DingTalk adapter pointed at it, the emulator's directory users, and a record of the core's
// outcome for every inbound event id (so a test can wait for a frame to be handled, or see a duplicate).
import { expect, vi } from 'vitest';
import type { InboundEvent } from '../../../src/bot/port.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';

export const wait = { timeout: 15_000, interval: 20 };
export const dingId = (user: string): string => `ding-${user.replace('.', '-')}`;

export interface DingTalkE2E {
  emu: DingTalkEmulator;
  h: Harness;
  /** Every outcome the core returned per inbound event id, in order. */
  outcomes: Map<string, string[]>;
}

/** Start everything; `users` (demo-org logins) become the emulator's directory, with their e-mails. */
export async function startDingTalkE2E(users: readonly string[]): Promise<DingTalkE2E> {
  const emu = await startDingTalkEmulator({ redeliverAfterMs: 5_000 });
  const h = await startHarness({
    env: {
      DINGTALK_CLIENT_ID: emu.clientId,
      DINGTALK_CLIENT_SECRET: emu.clientSecret,
      DINGTALK_API_URL: emu.url,
      DINGTALK_OAPI_URL: emu.url,
      DINGTALK_GATEWAY_URL: emu.gatewayUrl,
      DINGTALK_CARD_TEMPLATE_ID: 'vitality-card.schema',
    },
  });
  const outcomes = new Map<string, string[]>();
  const original = h.core.handle.bind(h.core);
  h.core.handle = async (event: InboundEvent) => {
    const res = await original(event);
    outcomes.set(event.eventId, [...(outcomes.get(event.eventId) ?? []), res.outcome]);
    return res;
  };
  emu.api.users = users.map((u) => ({ userid: dingId(u), name: u, email: `${u}@qingyun.example`, dept_id_list: [1] }));
  await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(1), wait);
  return { emu, h, outcomes };
}

export async function stopDingTalkE2E(k: DingTalkE2E | undefined): Promise<void> {
  await k?.h.stop();
  await k?.emu.close();
}
