// A pulse survey on DingTalk end to end: HR launches it with a robot command, the invitations go out as
// template cards through the outbox, and a person answers ten questions one tap at a time on the card
// (the form stepper) — the last tap records the answers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboundEvent } from '../../../src/bot/port.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { cardCallback, robotMessage, startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';

let emu: DingTalkEmulator;
let h: Harness;
const wait = { timeout: 15_000, interval: 20 };
const handled = new Map<string, string>();
const rnd = ['li.ming', 'zhang.wei', 'liu.yang', 'chen.jing', 'yang.fan', 'emily.carter', 'david.kim', 'wu.hao'];
const dingId = (user: string) => `ding-${user.replace('.', '-')}`;

async function say(user: string, text: string): Promise<void> {
  const msg = robotMessage({ userId: dingId(user), text, robotCode: emu.clientId });
  emu.pushRobotMessage(msg);
  await vi.waitFor(() => expect(handled.get(msg.msgId as string)).toBe('handled'), wait);
}

beforeAll(async () => {
  emu = await startDingTalkEmulator({ redeliverAfterMs: 5_000 });
  h = await startHarness({
    env: {
      DINGTALK_CLIENT_ID: emu.clientId,
      DINGTALK_CLIENT_SECRET: emu.clientSecret,
      DINGTALK_API_URL: emu.url,
      DINGTALK_OAPI_URL: emu.url,
      DINGTALK_GATEWAY_URL: emu.gatewayUrl,
      DINGTALK_CARD_TEMPLATE_ID: 'vitality-card.schema',
    },
  });
  const original = h.core.handle.bind(h.core);
  h.core.handle = async (event: InboundEvent) => {
    const res = await original(event);
    handled.set(event.eventId, res.outcome);
    return res;
  };
  emu.api.users = ['lin.xiaowen', ...rnd].map((u) => ({ userid: dingId(u), name: u, email: `${u}@qingyun.example`, dept_id_list: [1] }));
  await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(1), wait);
  // Each person has talked to the robot once, which links their DingTalk id to them by e-mail.
  for (const u of ['lin.xiaowen', ...rnd]) await say(u, '/whoami');
  await h.drainOutbox();
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await emu?.close();
});

const invitationFor = (user: string) =>
  [...emu.api.cards.values()].find((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}` && JSON.parse(c.cardParamMap.actions!).some((b: { k?: string }) => b.k === 'survey.answer'));

describe('pulse survey on DingTalk', () => {
  it('HR launches a survey and everyone in R&D gets a stepper card', async () => {
    await say('lin.xiaowen', '/survey launch 产品研发部 7');
    await h.drainOutbox();
    await vi.waitFor(() => expect(rnd.filter((u) => invitationFor(u))).toEqual(rnd), wait);
    const card = invitationFor('li.ming')!;
    expect(card.cardParamMap.markdown).toContain('(1/10)');
  });

  it('a person answers ten questions one tap each; the last tap records the answers', async () => {
    const card = invitationFor('li.ming')!;
    const values = [5, 4, 4, 3, 4, 2, 3, 4, 2, 9];
    for (let step = 0; step < values.length; step++) {
      const buttons = JSON.parse(emu.api.cards.get(card.outTrackId)!.cardParamMap.actions!) as Record<string, string>[];
      const { label: _l, style: _s, ...params } = buttons.find((b) => b.fv === String(values[step]))!;
      expect(params.n).toBe(step < values.length - 1 ? '1' : undefined);
      const id = emu.pushCardCallback(cardCallback({ userId: dingId('li.ming'), outTrackId: card.outTrackId, params }));
      await vi.waitFor(() => expect(handled.get(`card:${id}`)).toBe('handled'), wait);
      await vi.waitFor(() => expect(emu.api.cards.get(card.outTrackId)!.updates).toBe(step + 1), wait);
      if (step < values.length - 1) expect(emu.api.cards.get(card.outTrackId)!.cardParamMap.markdown).toContain(`(${step + 2}/10)`);
    }
    const done = emu.api.cards.get(card.outTrackId)!.cardParamMap;
    expect(`${done.title} ${done.markdown}`).toMatch(/answers recorded|回答已记录/);
    expect((h.sqlite.prepare('select count(*) as n from survey_responses').get() as { n: number }).n).toBe(1);
  });
});
