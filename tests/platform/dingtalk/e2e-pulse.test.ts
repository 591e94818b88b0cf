// A pulse survey on DingTalk end to end: HR launches it with a robot command, the invitations go out as
// template cards through the outbox, and a person answers ten questions one tap at a time on the card
// (the form stepper) — the last tap seals the answers in the pool and leaves a card that thanks without
// repeating them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectNoAnswers, questionTexts } from '../no-echo.js';
import type { Harness } from '../../support/harness.js';
import { dingId, startDingTalkE2E, stopDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';
import { cardCallback, robotMessage, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { RND as rnd } from '../../support/rnd-pulse.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;

async function say(user: string, text: string): Promise<void> {
  const msg = robotMessage({ userId: dingId(user), text, robotCode: emu.clientId });
  emu.pushRobotMessage(msg);
  await vi.waitFor(() => expect(kit!.outcomes.get(msg.msgId as string)?.at(-1)).toBe('handled'), wait);
}

beforeAll(async () => {
  kit = await startDingTalkE2E(['lin.xiaowen', ...rnd]);
  ({ emu, h } = kit);
  // Each person has talked to the robot once, which links their DingTalk id to them by e-mail.
  for (const u of ['lin.xiaowen', ...rnd]) await say(u, '/whoami');
  await h.drainOutbox();
}, 60_000);

afterAll(async () => stopDingTalkE2E(kit));

const invitationFor = (user: string) =>
  [...emu.api.cards.values()].find(
    (c) =>
      c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}` &&
      JSON.parse(c.cardParamMap.actions!).some((b: { k?: string }) => b.k === 'survey.answer'),
  );

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
      await vi.waitFor(() => expect(kit!.outcomes.get(`card:${id}`)?.at(-1)).toBe('handled'), wait);
      await vi.waitFor(() => expect(emu.api.cards.get(card.outTrackId)!.updates).toBe(step + 1), wait);
      if (step < values.length - 1) {
        const mid = emu.api.cards.get(card.outTrackId)!.cardParamMap;
        expect(mid.markdown).toContain(`(${step + 2}/10)`);
        // The answers so far ride in every button, sealed: the card data DingTalk keeps holds none in the clear.
        const carried = (JSON.parse(mid.actions!) as { a?: string }[]).filter((b) => b.a !== undefined);
        expect(carried.length).toBeGreaterThan(0);
        for (const b of carried) expect(b.a).not.toMatch(/"i\d+"\s*:|\{/);
      }
    }
    const done = emu.api.cards.get(card.outTrackId)!.cardParamMap;
    expect(done.title).toBe('谢谢，回答已提交');
    expect(done.markdown).toContain('这里不会重复你的回答');
    // The card left in the chat repeats no answer (no "5 / 5", no question) and no button carries them.
    expect(JSON.parse(done.actions ?? '[]')).toEqual([]);
    const waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    expectNoAnswers(done, { what: 'the recorded card', questions: await questionTexts(h, waveId) });
    // Sealed in the pool until the wave closes: no response row while it is open.
    expect(
      ((await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', waveId)) as { n: number }).n,
    ).toBe(1);
    expect(((await h.sql.row('select count(*) as n from survey_responses')) as { n: number }).n).toBe(0);
  });
});
