// Issue 6 on DingTalk, end to end: HR launches the pulse to R&D (8 people) with a robot message, the
// invitations go out as template cards (createAndDeliver) through the outbox, six people answer through
// the card's stepper (one Stream card callback per tap, the card advancing in place through the card
// update API; the last tap leaves a card that thanks without repeating the answers, which wait sealed in
// the pool while the wave is open), the scheduler reminds the other two exactly once, the manager's
// /report of the open wave shows participation only, and once HR has closed the wave with a robot
// message, the manager's /report comes back as a card showing 75% participation and the averages
// computed here.
// DingTalk cards cannot take typed text, so nobody leaves a comment (the stepper skips the optional
// comment; the mini-app has it).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tick } from '../../../src/bot/scheduler.js';
import type { Harness } from '../../support/harness.js';
import { dingId, startDingTalkE2E, stopDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';
import { cardCallback, robotMessage, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';
import { expectNoAnswers, questionTexts } from '../no-echo.js';
import { ANSWERS as answers, NOT_ANSWERING as silent, RND as rnd } from '../../support/rnd-pulse.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const DAY = 24 * 60 * 60 * 1000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
// The answers (tests/support/rnd-pulse.ts) are in template order: the order of the stepper.

async function say(user: string, text: string): Promise<void> {
  const msg = robotMessage({ userId: dingId(user), text, robotCode: emu.clientId });
  const frame = emu.pushRobotMessage(msg);
  await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(kit!.outcomes.get(msg.msgId as string)?.at(-1)).toBe('handled'), wait);
}

const buttonsOf = (c: Card) => JSON.parse(c.cardParamMap.actions ?? '[]') as Record<string, string>[];
const cardsTo = (user: string) =>
  [...emu.api.cards.values()].filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}`);
const surveyCardsTo = (user: string) => cardsTo(user).filter((c) => buttonsOf(c).some((b) => b.k === 'survey.answer'));
const isReminder = (c: Card) => /温馨提醒|friendly reminder/.test(c.cardParamMap.markdown ?? '');

beforeAll(async () => {
  kit = await startDingTalkE2E(['lin.xiaowen', 'wang.fang', ...rnd]);
  ({ emu, h } = kit);
  // Each person has talked to the robot once: the adapter's profile lookup (oapi user/get) links their
  // DingTalk id to the employee with that e-mail.
  for (const u of ['lin.xiaowen', 'wang.fang', ...rnd]) await say(u, '/whoami');
  await h.drainOutbox();
}, 60_000);

afterAll(async () => stopDingTalkE2E(kit));

describe('pulse survey on DingTalk, end to end', () => {
  let waveId: number;

  it('HR launches the pulse to R&D and each of the 8 gets one stepper card, nobody else', async () => {
    const before = emu.api.cards.size;
    await say('lin.xiaowen', '/survey launch 产品研发部 7');
    await h.drainOutbox();
    waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    expect(await h.sql.row('select count(*) as n from survey_participation where wave_id = ?', waveId)).toEqual({
      n: 8,
    });
    await vi.waitFor(() => expect(rnd.filter((u) => surveyCardsTo(u).length === 1)).toEqual(rnd), wait);
    // HR's confirmation card says 8 people; one invitation per person plus that confirmation.
    await vi.waitFor(() => expect(emu.api.cards.size).toBe(before + 9), wait);
    const confirm = cardsTo('lin.xiaowen').at(-1)!.cardParamMap;
    expect(`${confirm.title} ${confirm.markdown}`).toMatch(/8 人|8 people/);
    expect(surveyCardsTo('wang.fang')).toEqual([]);
    for (const u of rnd) {
      const c = surveyCardsTo(u)[0]!;
      expect(c.callbackType).toBe('STREAM');
      expect(c.cardParamMap.markdown).toContain('(1/10)');
      expect(
        buttonsOf(c)
          .filter((b) => b.k === 'survey.answer')
          .map((b) => [b.id, b.f, b.fv]),
      ).toEqual([1, 2, 3, 4, 5].map((v) => [String(waveId), buttonsOf(c)[0]!.f, String(v)]));
    }
  });

  it('six people answer through the card stepper, one tap per question', async () => {
    const questions = await questionTexts(h, waveId);
    let n = 0;
    for (const [user, values] of Object.entries(answers)) {
      const { outTrackId } = surveyCardsTo(user)[0]!;
      const cardsBefore = new Set(cardsTo(user).map((c) => c.outTrackId));
      const robotBefore = emu.api.robotMessages.length;
      const current = () => emu.api.cards.get(outTrackId)!;
      for (let step = 0; step < values.length; step++) {
        const last = step === values.length - 1;
        const tapped = buttonsOf(current()).find((b) => b.k === 'survey.answer' && b.fv === String(values[step]));
        expect(tapped, `${user} step ${step + 1}`).toBeDefined();
        // What the card template sends back for a button: its params, without label and style.
        const { label: _l, style: _s, ...params } = tapped!;
        expect(params.n).toBe(last ? undefined : '1');
        const frame = emu.pushCardCallback(cardCallback({ userId: dingId(user), outTrackId, params }));
        await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
        await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)?.at(-1)).toBe('handled'), wait);
        if (!last) await vi.waitFor(() => expect(current().cardParamMap.markdown).toContain(`(${step + 2}/10)`), wait);
      }
      // The last tap submitted all ten answers at once; the card now thanks, in the person's language
      // (emily.carter reads English), and says the answers are not repeated.
      await vi.waitFor(
        () => expect(current().cardParamMap.title).toMatch(/^(谢谢，回答已提交|Thank you — your answers are in)$/),
        wait,
      );
      expect(current().cardParamMap.markdown).toMatch(/这里不会重复你的回答|They are not repeated here/);
      // No button is left, so no button carries the answers the stepper collected (its `a` parameter).
      expect(buttonsOf(current())).toEqual([]);
      await h.drainOutbox();
      // Nothing DingTalk holds for the person after the submission carries an answer: not the card as it
      // now stands, not a card or robot message sent since.
      expectNoAnswers(current().cardParamMap, { what: `${user}: the recorded card`, questions });
      for (const c of cardsTo(user).filter((c) => !cardsBefore.has(c.outTrackId)))
        expectNoAnswers(c.cardParamMap, { what: `${user}: a card sent after the submission`, questions });
      for (const m of emu.api.robotMessages.slice(robotBefore))
        expectNoAnswers(m, { what: 'a robot message sent after the submission', questions });
      n++;
      // Sealed in the pool until the wave closes; nothing reaches the response tables while it is open.
      expect(await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', waveId)).toEqual({ n });
      expect(await h.sql.row('select count(*) as n from survey_responses where wave_id = ?', waveId)).toEqual({
        n: 0,
      });
    }
    expect(
      await h.sql.row('select count(*) as n from survey_participation where wave_id = ? and answered', waveId),
    ).toEqual({ n: 6 });
  });

  it('the two who did not answer get exactly one reminder each, nobody who answered gets one', async () => {
    const opened = new Date(
      ((await h.sql.row('select opened_at as t from survey_waves where id = ?', waveId)) as { t: string }).t,
    );
    const platforms = new Set(h.app.adapters.keys());
    expect((await tick(h.app.db, h.app.config, platforms, new Date(opened.getTime() + 2 * DAY))).reminded).toBe(0);
    expect(
      (await tick(h.app.db, h.app.config, platforms, new Date(opened.getTime() + 3 * DAY + 60_000))).reminded,
    ).toBe(2);
    expect(
      (await tick(h.app.db, h.app.config, platforms, new Date(opened.getTime() + 3 * DAY + 120_000))).reminded,
    ).toBe(0);
    await h.drainOutbox();
    await vi.waitFor(() => expect(silent.map((u) => surveyCardsTo(u).filter(isReminder).length)).toEqual([1, 1]), wait);
    for (const u of Object.keys(answers)) expect(cardsTo(u).filter(isReminder), u).toEqual([]);
    // The reminder is a new stepper card for the same wave, starting at the first question.
    for (const u of silent) {
      const reminder = surveyCardsTo(u).find(isReminder)!;
      expect(reminder.cardParamMap.markdown).toContain('(1/10)');
      expect(buttonsOf(reminder).find((b) => b.k === 'survey.answer')!.id).toBe(String(waveId));
    }
    const sent = (await h.sql.rows(
      'select employee_id as e, reminders_sent as n from survey_participation where wave_id = ?',
      waveId,
    )) as { e: number; n: number }[];
    expect(Object.fromEntries(sent.map((r) => [r.e, r.n]))).toEqual(
      Object.fromEntries(await Promise.all(rnd.map(async (u) => [await id(u), silent.includes(u) ? 1 : 0]))),
    );
    expect(
      (await h.outbox()).filter(
        (r) => r.platform === 'dingtalk' && r.cardKey === `survey:${waveId}` && r.status !== 'sent',
      ),
    ).toEqual([]);
  });

  it("the manager's /report of the open wave shows participation 75% only: no averages, no eNPS", async () => {
    const before = new Set(cardsTo('li.ming').map((c) => c.outTrackId));
    await say('li.ming', '/report pulse 产品研发部');
    await h.drainOutbox();
    await vi.waitFor(() => expect(cardsTo('li.ming').filter((c) => !before.has(c.outTrackId))).toHaveLength(1), wait);
    const report = cardsTo('li.ming').find((c) => !before.has(c.outTrackId))!.cardParamMap.markdown!;
    expect(report).toContain('**参与率**: 75% (6/8)');
    expect(report).toContain('本轮结束后');
    expect(report).not.toContain('eNPS');
    expect(report).not.toMatch(/`[█░]{10}`/);
    for (const name of ['工作态度', '团队协作', '情绪表达', '摩擦点']) expect(report).not.toContain(name);
  });

  it('HR closes the wave with a robot message; the six answers leave the pool for the response tables', async () => {
    const before = new Set(cardsTo('lin.xiaowen').map((c) => c.outTrackId));
    await say('lin.xiaowen', `/survey close ${waveId}`);
    await h.drainOutbox();
    await vi.waitFor(
      () => expect(cardsTo('lin.xiaowen').filter((c) => !before.has(c.outTrackId))).toHaveLength(1),
      wait,
    );
    const closed = cardsTo('lin.xiaowen').find((c) => !before.has(c.outTrackId))!.cardParamMap;
    expect(closed.title).toBe('调研已关闭');
    expect(
      await h.sql.row('select count(*) as n from survey_waves where id = ? and closed_at is not null', waveId),
    ).toEqual({ n: 1 });
    expect(await h.sql.row('select count(*) as n from survey_pool where wave_id = ?', waveId)).toEqual({ n: 0 });
    expect(await h.sql.row('select count(*) as n from survey_responses where wave_id = ?', waveId)).toEqual({
      n: 6,
    });
  });

  it("the manager's /report from DingTalk after the close shows participation 75% and the averages computed by hand", async () => {
    // By hand, from the answers above:
    //   attitude      (13+11+14+10+11+13)/18 = 72/18 = 4.00
    //   collaboration (9+10+9+9+12+9)/18     = 58/18 = 3.22
    //   expression    (9+9+10+6+9+8)/18      = 51/18 = 2.83
    //   eNPS: promoters 9,10,9 (3), detractors 6 (1) of 6 → (3−1)/6 = 33
    //   lowest items: trust 12/6 = 2.00, conflict 14/6 = 2.33, frustration 15/6 = 2.50
    const people = Object.values(answers);
    const dim = (d: number) =>
      (people.reduce((s, a) => s + a[3 * d]! + a[3 * d + 1]! + a[3 * d + 2]!, 0) / (3 * people.length)).toFixed(2);
    const item = (i: number) => (people.reduce((s, a) => s + a[i]!, 0) / people.length).toFixed(2);
    const enps = Math.round(
      ((people.filter((a) => a[9]! >= 9).length - people.filter((a) => a[9]! <= 6).length) / people.length) * 100,
    );
    expect([dim(0), dim(1), dim(2), enps]).toEqual(['4.00', '3.22', '2.83', 33]);
    expect([item(8), item(5), item(6)]).toEqual(['2.00', '2.33', '2.50']);

    const before = new Set(cardsTo('li.ming').map((c) => c.outTrackId));
    await say('li.ming', '/report pulse 产品研发部');
    await h.drainOutbox();
    await vi.waitFor(() => expect(cardsTo('li.ming').filter((c) => !before.has(c.outTrackId))).toHaveLength(1), wait);
    const report = cardsTo('li.ming').find((c) => !before.has(c.outTrackId))!.cardParamMap.markdown!;
    expect(report).toContain('75% (6/8)');
    expect(report).toContain(`**eNPS**: ${enps}`);
    // The bar is `code` in the card; DingTalk's markdown has no code, so it arrives as the bar itself.
    const dimLine = (name: string, avg: string) =>
      new RegExp(`- ${name}: [█░]{10} \\*\\*${avg.replace('.', '\\.')}\\*\\*`);
    expect(report).toMatch(dimLine('工作态度', dim(0)));
    expect(report).toMatch(dimLine('团队协作', dim(1)));
    expect(report).toMatch(dimLine('情绪表达', dim(2)));
    const friction = report.slice(report.indexOf('摩擦点'));
    expect(friction.indexOf(`我相信自己提出的问题会被认真对待并得到解决。 — **${item(8)}**`)).toBeGreaterThan(0);
    expect(friction.indexOf(`团队中的分歧能被公开讨论并公平解决。 — **${item(5)}**`)).toBeGreaterThan(
      friction.indexOf(item(8)),
    );
    expect(friction).toContain(`工作中让我感到挫败的时刻很少。 — **${item(6)}**`);
    const audit = await h.sql.rows(
      "select actor_employee_id as actor, subject from audit_log where action = 'survey.report.view' order by id",
    );
    expect(audit).toContainEqual({ actor: await id('li.ming'), subject: `wave:${waveId}` });
  });
});
