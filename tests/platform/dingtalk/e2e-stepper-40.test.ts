// Issue 18 on DingTalk: a survey far longer than a card holds — 40 rating items in four sections plus eNPS —
// is still answered on the card, one tap per question (the stepper pages it: one question per card update),
// every card update accepted by the emulator within DingTalk's limits, and the 41st tap records all 41
// answers in one submission.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { dingId, sayAs, startDingTalkE2E, stopDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { RND as rnd } from '../../support/rnd-pulse.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const ITEMS = 40;

/** A template of four sections of ten 1–5 items each, eNPS and an optional comment. */
const spec = {
  nameZh: '四十题敬业度调研',
  nameEn: 'Forty-item engagement survey',
  scaleMin: 1,
  scaleMax: 5,
  commentEnabled: true,
  enps: true,
  dimensions: ['alpha', 'beta', 'gamma', 'delta'].map((d, di) => ({
    key: d,
    nameZh: `第${di + 1}部分`,
    nameEn: `Part ${di + 1}`,
    items: Array.from({ length: 10 }, (_, i) => ({
      key: `q${i + 1}`,
      zh: `第${di * 10 + i + 1}题：这一项你同意吗？`,
      en: `Item ${di * 10 + i + 1}: do you agree?`,
    })),
  })),
};

beforeAll(async () => {
  kit = await startDingTalkE2E(['lin.xiaowen', ...rnd]);
  ({ emu, h } = kit);
  for (const u of ['lin.xiaowen', ...rnd]) await sayAs(kit, u, '/whoami');
}, 60_000);

afterAll(async () => stopDingTalkE2E(kit));

describe('a 40-item survey on the DingTalk stepper', () => {
  it('is answered one tap per question and ends in one submission of every answer', async () => {
    await sayAs(kit!, 'lin.xiaowen', `/survey template ${JSON.stringify(spec)}`);
    const templateId = ((await h.sql.row('select max(id) as id from survey_templates')) as { id: number }).id;
    const items = (
      (await h.sql.row('select count(*) as n from survey_items where template_id = ?', templateId)) as { n: number }
    ).n;
    expect(items).toBe(ITEMS + 1);
    await sayAs(kit!, 'lin.xiaowen', `/survey launch 产品研发部 7 template=${templateId}`);
    const waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    expect(
      ((await h.sql.row('select template_id as t from survey_waves where id = ?', waveId)) as { t: number }).t,
    ).toBe(templateId);

    const invitation = () =>
      [...emu.api.cards.values()].find(
        (c) =>
          c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId('li.ming')}` &&
          (JSON.parse(c.cardParamMap.actions!) as { k?: string }[]).some((b) => b.k === 'survey.answer'),
      );
    await vi.waitFor(() => expect(invitation()).toBeDefined(), wait);
    const { outTrackId } = invitation()!;
    const total = ITEMS + 1;
    expect(emu.api.cards.get(outTrackId)!.cardParamMap.markdown).toContain(`(1/${total})`);
    const refusalsBefore = emu.api.refusals.length;

    for (let step = 0; step < total; step++) {
      const last = step === total - 1;
      const value = last ? 8 : 1 + (step % 5);
      const buttons = JSON.parse(emu.api.cards.get(outTrackId)!.cardParamMap.actions!) as Record<string, string>[];
      expect(buttons.length).toBeLessThanOrEqual(12);
      const {
        label: _l,
        style: _s,
        ...params
      } = buttons.find((b) => b.k === 'survey.answer' && b.fv === String(value))!;
      expect(params.n).toBe(last ? undefined : '1');
      const frame = emu.pushCardCallback(cardCallback({ userId: dingId('li.ming'), outTrackId, params }));
      await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)?.at(-1)).toBe('handled'), wait);
      await vi.waitFor(() => expect(emu.api.cards.get(outTrackId)!.updates).toBe(step + 1), wait);
      if (!last) expect(emu.api.cards.get(outTrackId)!.cardParamMap.markdown).toContain(`(${step + 2}/${total})`);
    }
    // Every update was within DingTalk's limits (the emulator refuses what DingTalk would).
    expect(emu.api.refusals.slice(refusalsBefore)).toEqual([]);
    // One submission, carrying all 41 answers, sealed in the pool while the wave is open.
    expect(
      ((await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', waveId)) as { n: number }).n,
    ).toBe(1);
    const done = emu.api.cards.get(outTrackId)!.cardParamMap;
    expect(done.title).toBe('谢谢，回答已提交');
    expect(JSON.parse(done.actions ?? '[]')).toEqual([]);
  }, 120_000);
});
