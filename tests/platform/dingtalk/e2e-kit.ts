// Shared set-up of the DingTalk end-to-end tests: the emulator (gateway, stream, OpenAPI), the real server
// with the DingTalk adapter pointed at it, the emulator's directory users, and a record of the core's
// outcome for every inbound event id (so a test can wait for a frame to be handled, or see a duplicate).
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { InboundEvent } from '../../../src/bot/port.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { robotMessage, startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';
import { dingTalkEnv } from '../../support/platform-harness.js';

export const wait = { timeout: 15_000, interval: 20 };
export const dingId = (user: string): string => `ding-${user.replace('.', '-')}`;

export interface DingTalkE2E {
  emu: DingTalkEmulator;
  h: Harness;
  /** Every outcome the core returned per inbound event id, in order. */
  outcomes: Map<string, string[]>;
}

/** Start everything; `users` (demo-org logins) become the emulator's directory, with their e-mails. */
export async function startDingTalkE2E(
  users: readonly string[],
  env: Record<string, string> = {},
): Promise<DingTalkE2E> {
  const emu = await startDingTalkEmulator({ redeliverAfterMs: 5_000 });
  const h = await startHarness({
    env: {
      ...dingTalkEnv(emu),
      DINGTALK_CARD_TEMPLATE_ID: 'vitality-card.schema',
      ...env,
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

/** For the tests of a file: everything started before the first, and each of `users` has said `/whoami` once
 *  (the profile lookup, oapi user/get, links them by e-mail); `started` hands the kit to the file's variables.
 *  Stopped after the last test. */
export function useLinkedDingTalkE2E(users: readonly string[], started: (k: DingTalkE2E) => unknown): void {
  let kit: DingTalkE2E | undefined;
  beforeAll(async () => {
    kit = await startDingTalkE2E(users);
    started(kit);
    for (const u of users) await sayAs(kit, u, '/whoami');
  }, 60_000);
  afterAll(async () => stopDingTalkE2E(kit));
}

/** The robot's plain messages (not cards) to `user`, each as its msgParam JSON. */
export const robotTextsTo = (k: DingTalkE2E, user: string): string[] =>
  k.emu.api.robotMessages.filter((m) => m.to.includes(dingId(user))).map((m) => JSON.stringify(m.msgParam));

/** A person writes to the robot; resolves once the frame is acked, the core handled it and the outbox is drained. */
export async function sayAs(k: DingTalkE2E, user: string, text: string): Promise<string> {
  const msg = robotMessage({ userId: dingId(user), text, robotCode: k.emu.clientId });
  const frame = k.emu.pushRobotMessage(msg);
  await vi.waitFor(() => expect(k.emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(k.outcomes.get(msg.msgId as string)).toEqual(['handled']), wait);
  await k.h.drainOutbox();
  return msg.msgId as string;
}

/** The interactive card of approval request `rid` delivered to `user`, once the outbox has sent it. */
export async function approvalCardOf(k: DingTalkE2E, user: string, rid: number): Promise<Card> {
  let outTrackId = '';
  await vi.waitFor(async () => {
    const row = (await k.h.outbox()).find(
      (r) =>
        r.platform === 'dingtalk' &&
        r.op === 'send' &&
        r.cardKey === `approval:${rid}` &&
        JSON.parse(r.recipient).platformUserId === dingId(user),
    );
    expect(row?.status).toBe('sent');
    outTrackId = (JSON.parse(row!.sentRef!) as { messageId: string }).messageId;
    expect(k.emu.api.cards.get(outTrackId)).toBeDefined();
  }, wait);
  return k.emu.api.cards.get(outTrackId)!;
}

/** The card's buttons as the template holds them. */
export const buttonsOf = (c: Card): Record<string, string>[] =>
  JSON.parse(c.cardParamMap.actions ?? '[]') as Record<string, string>[];

/** The params the card template sends back for button `k`: its fields without label and style. */
export function buttonParams(c: Card, k: string): Record<string, string> {
  const button = buttonsOf(c).find((b) => b.k === k);
  expect(button, `${k} on "${c.cardParamMap.title}"`).toBeDefined();
  const { label: _l, style: _s, ...params } = button!;
  return params;
}
