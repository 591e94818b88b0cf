// Reach on Feishu and on DingTalk (issue 17): with the sandbox off and one platform on, a survey launched to
// people who never talked to the bot reaches all of them — each adapter's findUsers finds them in the
// platform's emulator (Feishu: batch_get_id by e-mail; DingTalk: the organisation walk), the core links them,
// and every one gets the invitation card on that platform.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { startFeishuEmulator, type FeishuEmulator } from '../emulators/feishu/open-api.js';
import { createSender } from '../emulators/feishu/sender.js';
import { robotMessage, startDingTalkEmulator, type DingTalkEmulator } from '../emulators/dingtalk/index.js';
import type { InboundEvent } from '../../src/bot/port.js';
import { dingTalkEnv } from '../support/platform-harness.js';
import { RND } from '../support/rnd-pulse.js';

const HR = 'lin.xiaowen';
const wait = { timeout: 20_000, interval: 20 };

const latestWave = async (h: Harness) =>
  ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
const linked = async (h: Harness, platform: string) =>
  ((await h.sql.row('select count(*) as n from platform_identities where platform = ?', platform)) as { n: number }).n;
const sendsOf = async (h: Harness, platform: string, cardKey: string) =>
  (await h.outbox()).filter((r) => r.platform === platform && r.op === 'send' && r.cardKey === cardKey);

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('reach on Feishu (sandbox off)', () => {
  const openId = (user: string) => `ou_${user.replace('.', '_')}`;

  it('HR launches to R&D, none of whom ever wrote to the bot: all 8 are found by e-mail and get the invitation', async () => {
    const emu: FeishuEmulator = await startFeishuEmulator();
    const h = await startHarness({
      env: {
        SANDBOX_ENABLED: 'false',
        FEISHU_APP_ID: emu.appId,
        FEISHU_APP_SECRET: emu.appSecret,
        FEISHU_VERIFICATION_TOKEN: 'reach-fs',
        FEISHU_DOMAIN: emu.url,
        FEISHU_ALLOW_UNSIGNED: 'true',
      },
    });
    stop = async () => {
      await h.stop();
      await emu.close();
    };
    // The start-up link job ran against an empty Feishu; then the people join Feishu.
    await h.app.startupLink;
    expect(await linked(h, 'feishu')).toBe(0);
    for (const u of [HR, ...RND])
      emu.users.push({ open_id: openId(u), name: u, email: `${u}@qingyun.example`, department_ids: [] });
    const sender = createSender({ url: h.url, appId: emu.appId, verificationToken: 'reach-fs' });
    expect((await sender.message({ openId: openId(HR), text: '/whoami' })).status).toBe(200);
    await vi.waitFor(async () => expect(await linked(h, 'feishu')).toBe(1), wait);

    expect((await sender.message({ openId: openId(HR), text: '/survey launch 产品研发部 7' })).status).toBe(200);
    await h.core.whenIdle();
    await vi.waitFor(
      async () => expect(await h.sql.row('select count(*) as n from survey_waves')).toEqual({ n: 1 }),
      wait,
    );
    const waveId = await latestWave(h);
    expect(await linked(h, 'feishu')).toBe(9);
    const invited = (await sendsOf(h, 'feishu', `survey:${waveId}`)).map(
      (r) => (JSON.parse(r.recipient) as { platformUserId: string }).platformUserId,
    );
    expect(invited.sort()).toEqual(RND.map(openId).sort());
    // Delivered: each of them has the card in their chat with the bot.
    await h.drainOutbox();
    for (const u of RND) expect([...emu.messages.values()].filter((m) => m.receive_id === openId(u))).toHaveLength(1);
  }, 60_000);
});

describe('reach on DingTalk (sandbox off)', () => {
  const dingId = (user: string) => `ding-${user.replace('.', '-')}`;

  it('HR launches to R&D, none of whom ever wrote to the robot: all 8 are found in the organisation and get the card', async () => {
    const emu: DingTalkEmulator = await startDingTalkEmulator({ redeliverAfterMs: 5_000 });
    const h = await startHarness({
      env: {
        SANDBOX_ENABLED: 'false',
        ...dingTalkEnv(emu),
        DINGTALK_CARD_TEMPLATE_ID: 'vitality-card.schema',
      },
    });
    stop = async () => {
      await h.stop();
      await emu.close();
    };
    const outcomes = new Map<string, string>();
    const original = h.core.handle.bind(h.core);
    h.core.handle = async (event: InboundEvent) => {
      const res = await original(event);
      outcomes.set(event.eventId, res.outcome);
      return res;
    };
    await vi.waitFor(() => expect(emu.stream.sockets.size).toBe(1), wait);
    await h.app.startupLink;
    expect(await linked(h, 'dingtalk')).toBe(0);
    emu.api.users = [HR, ...RND].map((u) => ({
      userid: dingId(u),
      name: u,
      email: `${u}@qingyun.example`,
      dept_id_list: [1],
    }));
    const say = async (text: string) => {
      const msg = robotMessage({ userId: dingId(HR), text, robotCode: emu.clientId });
      emu.pushRobotMessage(msg);
      await vi.waitFor(() => expect(outcomes.get(msg.msgId as string)).toBe('handled'), wait);
    };
    await say('/whoami');
    expect(await linked(h, 'dingtalk')).toBe(1);

    await say('/survey launch 产品研发部 7');
    await h.core.whenIdle();
    await vi.waitFor(
      async () => expect(await h.sql.row('select count(*) as n from survey_waves')).toEqual({ n: 1 }),
      wait,
    );
    const waveId = await latestWave(h);
    expect(await linked(h, 'dingtalk')).toBe(9);
    const invited = (await sendsOf(h, 'dingtalk', `survey:${waveId}`)).map(
      (r) => (JSON.parse(r.recipient) as { platformUserId: string }).platformUserId,
    );
    expect(invited.sort()).toEqual(RND.map(dingId).sort());
    await h.drainOutbox();
    for (const u of RND) {
      const cards = [...emu.api.cards.values()].filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(u)}`);
      expect(
        cards.some((c) => JSON.parse(c.cardParamMap.actions!).some((b: { k?: string }) => b.k === 'survey.answer')),
      ).toBe(true);
    }
  }, 60_000);
});
