// Issue 8 on DingTalk, end to end through the real adapter, the real dingtalk-stream client and the
// emulator: the store rating cycle of tests/integration/ratings-sandbox.test.ts, with every step a
// DingTalk robot message or card callback.
// - HR opens the cycle with the robot message `/rating open store 深圳南山店 14`;
// - the rater card (a form of 1–5 ratings plus an optional comment per person) arrives as a template card
//   rendered as a stepper: one person's rating per step, one tap per rating (one Stream card callback),
//   the card advancing in place (PUT /v1.0/card/instances), the last tap saving every rating at once.
//   A DingTalk card cannot take typed text, so the optional comments are skipped (the card links to the
//   mini-app for them) — nobody's result here carries a rater comment;
// - complaints are imported with ONE multi-line robot message (`/rating import <cycle>` + CSV lines):
//   a DingTalk text message carries its line breaks in text.content;
// - HR closes the cycle with a robot message, and the assertions read what the emulator received.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { dingId, sayAs, startDingTalkE2E, stopDingTalkE2E, wait, type DingTalkE2E } from './e2e-kit.js';
import { cardCallback, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import type { Card } from '../../emulators/dingtalk/open-api.js';
import { EXPECTED as expected, GIVEN as given } from '../../support/store-cycle.js';

let emu: DingTalkEmulator;
let h: Harness;
let kit: DingTalkE2E | undefined;
const staff = ['ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
const store = ['tom.harris', ...staff];
// Tom never rates himself: his own dish quality goes to his manager sun.li. A DingTalk stepper card saves on
// its last step, so she answers every step, Tom's dish quality (4) included — unlike the sandbox test, where
// it stays unrated. chen.zhiyuan (CEO) rates nobody here.
const people = ['lin.xiaowen', 'sun.li', 'chen.zhiyuan', ...store];
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const TOM_DQ = 4;
// Tom's composite with his dish quality rated: (4·50 + 3.8·20 + 4·30)/100.
const expectedHere: Record<string, string> = { ...expected, 'tom.harris': '3.96' };
const nameOf = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.name;

const buttonsOf = (c: Card) => JSON.parse(c.cardParamMap.actions ?? '[]') as Record<string, string>[];
const cardsTo = (user: string) =>
  [...emu.api.cards.values()].filter((c) => c.openSpaceId === `dtv1.card//IM_ROBOT.${dingId(user)}`);
const textOf = (c: Card) => `${c.cardParamMap.title} ${c.cardParamMap.subtitle} ${c.cardParamMap.markdown}`;
const isResult = (c: Card) => /^(你的评价结果|Your result)/.test(c.cardParamMap.title ?? '');
const isRecommendation = (c: Card) =>
  /推荐你一门课程|推荐的课程|A course for you|A course suggestion/.test(c.cardParamMap.title ?? '');
/** The composite shown on a result card (the first of its fields, rendered as `**label**: value`). */
const compositeOn = (c: Card) => /\*\*(?:综合得分|Composite)\*\*: (\S+)/.exec(c.cardParamMap.markdown ?? '')?.[1];

const say = async (user: string, text: string): Promise<void> => void (await sayAs(kit!, user, text));

/** Says something; resolves with the text of the new cards the bot sent that person once it matches. */
async function reply(user: string, text: string, want: string | RegExp): Promise<string> {
  const before = new Set(cardsTo(user).map((c) => c.outTrackId));
  await say(user, text);
  const fresh = () =>
    cardsTo(user)
      .filter((c) => !before.has(c.outTrackId))
      .map(textOf)
      .join('\n');
  await vi.waitFor(() => expect(fresh()).toMatch(want), wait);
  return fresh();
}

/** The DingTalk card sent to `user` by the outbox row with `cardKey`. */
async function cardByKey(user: string, cardKey: string): Promise<Card> {
  let outTrackId = '';
  await vi.waitFor(async () => {
    const rows = (await h.outbox()).filter(
      (r) =>
        r.platform === 'dingtalk' &&
        r.op === 'send' &&
        r.cardKey === cardKey &&
        JSON.parse(r.recipient).platformUserId === dingId(user),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('sent');
    outTrackId = (JSON.parse(rows[0]!.sentRef!) as { messageId: string }).messageId;
    expect(emu.api.cards.get(outTrackId)).toBeDefined();
  }, wait);
  return emu.api.cards.get(outTrackId)!;
}

/** Taps a button (its params, as the card template sends them back: without label and style) as `user`;
 *  resolves once the frame is acked and the core answered it. */
async function tap(user: string, c: Card, button: Record<string, string>, expected = 'handled'): Promise<void> {
  const { label: _l, style: _s, ...params } = button;
  const frame = emu.pushCardCallback(cardCallback({ userId: dingId(user), outTrackId: c.outTrackId, params }));
  await vi.waitFor(() => expect(emu.stream.isAcked(frame)).toBe(true), wait);
  await vi.waitFor(() => expect(kit!.outcomes.get(`card:${frame}`)).toEqual([expected]), wait);
}

/** Answers a rater card's stepper: at each step reads whose rating the card asks for (the buttons' field
 *  `r_<subjectId>_<dimension>`), taps the value `valueFor(subjectId)`, and waits for the card to move on.
 *  Returns the subjects in the order the card asked for them. */
async function rateThroughStepper(
  rater: string,
  c: Card,
  dimension: string,
  valueFor: (subjectId: number, dimension: string) => number,
  lastOutcome = 'handled',
): Promise<number[]> {
  const current = () => emu.api.cards.get(c.outTrackId)!;
  const total = Number(/\(1\/(\d+)\)/.exec(current().cardParamMap.markdown ?? '')?.[1]);
  const asked: number[] = [];
  const fields: string[] = [];
  for (let step = 1; step <= total; step++) {
    const md = current().cardParamMap.markdown!;
    expect(md, `${rater} step ${step}`).toContain(`(${step}/${total})`);
    const ratingButtons = buttonsOf(current()).filter((b) => b.k === 'rating.submit');
    // One question per step: five buttons 1–5, all for the same field.
    expect(ratingButtons.map((b) => b.fv)).toEqual(['1', '2', '3', '4', '5']);
    const field = ratingButtons[0]!.f!;
    expect(new Set(ratingButtons.map((b) => b.f))).toEqual(new Set([field]));
    const m = new RegExp(`^r_(\\d+)_(${dimension})$`).exec(field);
    expect(m, field).not.toBeNull();
    const subject = Number(m![1]);
    expect(fields).not.toContain(field);
    fields.push(field);
    asked.push(subject);
    // The step names the person being rated (the form's section heading above the question).
    const person = (await h.sql.row('select name from employees where id = ?', subject)) as { name: string };
    expect(md).toContain(`**${person.name}**`);
    const button = ratingButtons.find((b) => b.fv === String(valueFor(subject, m![2]!)))!;
    expect(button.n).toBe(step < total ? '1' : undefined);
    const updates = current().updates;
    await tap(rater, c, button, step < total ? 'handled' : lastOutcome);
    await vi.waitFor(() => expect(current().updates).toBeGreaterThan(updates), wait);
    if (step < total) expect(current().cardParamMap.markdown).toContain(`(${step + 1}/${total})`);
  }
  return asked;
}

const ratingsOf = async (cycleId: number, dimension: string) =>
  Object.fromEntries(
    (
      (await h.sql.rows(
        'select subject_id as s, value as v, rater_id as r from ratings where cycle_id = ? and dimension = ?',
        cycleId,
        dimension,
      )) as { s: number; v: number; r: number | null }[]
    ).map((x) => [x.s, [x.v, x.r]]),
  );

beforeAll(async () => {
  kit = await startDingTalkE2E(people);
  ({ emu, h } = kit);
  // Each person has talked to the robot once: the profile lookup (oapi user/get) links them by e-mail.
  for (const u of people) await say(u, '/whoami');
}, 60_000);

afterAll(async () => stopDingTalkE2E(kit));

describe('a store rating cycle on DingTalk', () => {
  let cycleId: number;

  it('HR opens the cycle from DingTalk; each of the two raters gets one stepper card, nobody else', async () => {
    const before = Object.fromEntries(people.map((u) => [u, cardsTo(u).length]));
    await reply('lin.xiaowen', '/rating open store 深圳南山店 14', /评价周期已开启[\s\S]*2 位评价人/);
    cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    const raters = await h.sql.rows(
      'select rater_id as r from rating_raters where cycle_id = ? order by rater_id',
      cycleId,
    );
    expect(raters).toEqual(
      (await Promise.all(['tom.harris', 'sun.li'].map(id))).sort((a, b) => a - b).map((r) => ({ r })),
    );
    expect(await h.sql.row('select closed_at as c from rating_cycles where id = ?', cycleId)).toEqual({ c: null });

    const tomCard = await cardByKey('tom.harris', `rating:${cycleId}:${await id('tom.harris')}`);
    const sunCard = await cardByKey('sun.li', `rating:${cycleId}:${await id('sun.li')}`);
    for (const c of [tomCard, sunCard]) expect(c.callbackType).toBe('STREAM');
    // Tom reads English: his card asks for dish quality, 5 people; sun.li's (Chinese) new products for 6
    // people and Tom's dish quality.
    expect(tomCard.cardParamMap.subtitle).toBe('0 of 5 rated');
    expect(tomCard.cardParamMap.markdown).toContain('**Dish quality** (1/5)');
    expect(sunCard.cardParamMap.subtitle).toBe('已评 0 / 7');
    expect(sunCard.cardParamMap.markdown).toContain('(1/7)');
    // 1–5 buttons with the scale's hints, and a link to the mini-app for the comments a card cannot take.
    expect(buttonsOf(tomCard).map((b) => b.label)).toEqual([
      '1 Needs support',
      '2',
      '3',
      '4',
      '5 Outstanding',
      'Answer in the app',
    ]);
    expect(buttonsOf(tomCard).at(-1)).toEqual({
      label: 'Answer in the app',
      style: 'default',
      url: `${h.app.config.publicBaseUrl}/app`,
    });
    expect(buttonsOf(sunCard).at(-1)!.label).toBe('在应用中作答');
    // One card each; the people being rated got nothing yet.
    expect(cardsTo('tom.harris').length - before['tom.harris']!).toBe(1);
    expect(cardsTo('sun.li').length - before['sun.li']!).toBe(1);
    expect(cardsTo('chen.zhiyuan').length - before['chen.zhiyuan']!).toBe(0);
    for (const u of staff) expect({ u, n: cardsTo(u).length - before[u]! }).toEqual({ u, n: 0 });
  });

  it("Tom rates his five people's dish quality through the card, one tap per person", async () => {
    const tom = await id('tom.harris');
    const card = await cardByKey('tom.harris', `rating:${cycleId}:${tom}`);
    const dq = Object.fromEntries(await Promise.all(staff.map(async (u) => [await id(u), given[u]!.dq!])));
    const asked = await rateThroughStepper('tom.harris', card, 'dish_quality', (s) => dq[s]!);
    expect(new Set(asked)).toEqual(new Set(await Promise.all(staff.map(id))));
    // The last tap saved all five at once; the card now shows the core's answer in place.
    const now = emu.api.cards.get(card.outTrackId)!;
    expect(now.cardParamMap.subtitle).toBe('5 of 5 rated');
    expect(now.cardParamMap.markdown).toContain('Saved 5 change(s).');
    expect(now.cardParamMap.tone).toBe('success');
    expect(await ratingsOf(cycleId, 'dish_quality')).toEqual(
      Object.fromEntries(await Promise.all(staff.map(async (u) => [await id(u), [given[u]!.dq, tom]]))),
    );
    // Nothing was saved by the intermediate taps alone: one save, five changes, no later edits.
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'rating.change'")).toEqual({
      n: 0,
    });
  });

  it("sun.li rates new-product contribution for all six, and Tom's dish quality, through her card", async () => {
    const sun = await id('sun.li');
    const card = await cardByKey('sun.li', `rating:${cycleId}:${sun}`);
    const np = Object.fromEntries(await Promise.all(store.map(async (u) => [await id(u), given[u]!.np])));
    const asked = await rateThroughStepper('sun.li', card, '(?:new_product|dish_quality)', (s, d) =>
      d === 'dish_quality' ? TOM_DQ : np[s]!,
    );
    expect(new Set(asked)).toEqual(new Set(await Promise.all(store.map(id))));
    const now = emu.api.cards.get(card.outTrackId)!;
    expect(now.cardParamMap.subtitle).toBe('已评 7 / 7');
    expect(now.cardParamMap.markdown).toContain('已保存 7 处修改。');
    expect(await ratingsOf(cycleId, 'new_product')).toEqual(
      Object.fromEntries(await Promise.all(store.map(async (u) => [await id(u), [given[u]!.np, sun]]))),
    );
    expect((await ratingsOf(cycleId, 'dish_quality'))[await id('tom.harris')]).toEqual([TOM_DQ, sun]);
  });

  it("a forged tap rating someone who is not Tom's is refused, and Tom is told so in the chat", async () => {
    const tom = await id('tom.harris');
    const card = await cardByKey('tom.harris', `rating:${cycleId}:${tom}`);
    const genuine = buttonsOf(emu.api.cards.get(card.outTrackId)!).find((b) => b.k === 'rating.submit')!;
    const before = emu.api.robotMessages.length;
    // A save for lin.xiaowen (HR, not in Tom's store): the card cannot show a field error, so nothing would change on it.
    await tap(
      'tom.harris',
      card,
      { ...genuine, f: `r_${await id('lin.xiaowen')}_dish_quality`, fv: '1', n: '' },
      'invalid',
    );
    await vi.waitFor(() => expect(emu.api.robotMessages.length).toBe(before + 1), wait);
    const notice = emu.api.robotMessages.at(-1)!;
    expect(notice).toMatchObject({ kind: 'user', to: [dingId('tom.harris')], msgKey: 'sampleText' });
    expect(String(notice.msgParam['content'])).toBe(
      'You are not a rater of some of these people or dimensions. Nothing was saved.\nYou do not rate this.',
    );
    expect(
      await h.sql.row(
        'select count(*) as n from ratings where cycle_id = ? and subject_id = ?',
        cycleId,
        await id('lin.xiaowen'),
      ),
    ).toEqual({ n: 0 });
  });

  it('HR imports the complaint rates as CSV lines in one multi-line robot message', async () => {
    const header = `/rating import ${cycleId}\nemail,dimension,value`;
    // An unknown person fails the whole import, and nothing is saved.
    await reply(
      'lin.xiaowen',
      `${header}\nye.qing@qingyun.example,complaints,2\nnobody@qingyun.example,complaints,1`,
      '第 3 行：找不到邮箱为“nobody@qingyun.example”的人员',
    );
    expect(
      await h.sql.row("select count(*) as n from ratings where cycle_id = ? and dimension = 'complaints'", cycleId),
    ).toEqual({ n: 0 });
    const rows = Object.entries(given)
      .filter(([, g]) => g.complaints !== undefined)
      .map(([u, g]) => `${u}@qingyun.example,complaints,${g.complaints}`);
    await reply('lin.xiaowen', `${header}\n${rows.join('\n')}`, '已导入 5 个数值');
    // Stored on the 1–5 scale: c complaints per 100 orders → 1 + 4·(1 − c/10); imported, so no rater.
    const complaints = (await ratingsOf(cycleId, 'complaints')) as Record<string, [number, number | null]>;
    expect(Object.fromEntries(Object.entries(complaints).map(([s, [v, r]]) => [s, [v.toFixed(2), r]]))).toEqual(
      Object.fromEntries(
        await Promise.all(
          [
            ['ye.qing', '4.20'],
            ['jiang.tao', '3.00'],
            ['pan.yue', '4.60'],
            ['sophia.lee', '5.00'],
            ['tom.harris', '3.80'],
          ].map(async ([u, v]) => [await id(u!), [v, null]]),
        ),
      ),
    );
  });

  it('HR closes the cycle; each of the six receives exactly one result card with their own composite', async () => {
    const before = Object.fromEntries(people.map((u) => [u, new Set(cardsTo(u).map((c) => c.outTrackId))]));
    const fresh = (u: string) => cardsTo(u).filter((c) => !before[u]!.has(c.outTrackId));
    // du.peng's complaint rate is missing: HR sees that first, and the card's button confirms.
    await reply('lin.xiaowen', `/rating close ${cycleId}`, '客诉率：6 人中有 1 人未填写');
    const summary = fresh('lin.xiaowen').find((c) => buttonsOf(c).some((b) => b.k === 'rating.close'))!;
    await tap(
      'lin.xiaowen',
      summary,
      buttonsOf(summary).find((b) => b.k === 'rating.close')!,
    );
    await vi.waitFor(
      () =>
        expect(textOf(emu.api.cards.get(summary.outTrackId)!)).toContain(
          `第 ${cycleId} 期：6 人已收到结果；发出 1 条课程推荐`,
        ),
      wait,
    );
    // Six result cards, two recommendation cards (pan.yue and Tom): wait until all are delivered.
    await vi.waitFor(
      () => expect(store.map((u) => fresh(u).filter(isResult).length)).toEqual(store.map(() => 1)),
      wait,
    );
    await vi.waitFor(
      () => expect(['pan.yue', 'tom.harris'].map((u) => fresh(u).filter(isRecommendation).length)).toEqual([1, 1]),
      wait,
    );
    await h.drainOutbox();

    for (const [u, composite] of Object.entries(expectedHere)) {
      const results = fresh(u).filter(isResult);
      expect({ u, n: results.length }).toEqual({ u, n: 1 });
      expect({ u, composite: compositeOn(results[0]!) }).toEqual({ u, composite });
      // Exactly one composite on the card, and no other person's name on it.
      expect((results[0]!.cardParamMap.markdown!.match(/\*\*(?:综合得分|Composite)\*\*/g) ?? []).length).toBe(1);
      for (const other of store) if (other !== u) expect(textOf(results[0]!)).not.toContain(await nameOf(other));
    }
    // The result cards are in each person's language; the stored composites are the hand computations.
    expect(fresh('tom.harris').find(isResult)!.cardParamMap.title).toBe('Your result: Store rating');
    expect(fresh('sophia.lee').find(isResult)!.cardParamMap.title).toBe('Your result: Store rating');
    expect(fresh('ye.qing').find(isResult)!.cardParamMap.title).toBe('你的评价结果：门店综合评价');
    const stored = (await h.sql.rows(
      'select employee_id as e, composite as c from rating_results where cycle_id = ?',
      cycleId,
    )) as { e: number; c: number }[];
    expect(Object.fromEntries(stored.map((r) => [r.e, r.c.toFixed(2)]))).toEqual(
      Object.fromEntries(await Promise.all(Object.entries(expectedHere).map(async ([u, c]) => [await id(u), c]))),
    );
    // Missing dimensions are named, not counted as zero.
    expect(fresh('du.peng').find(isResult)!.cardParamMap.markdown).toContain('未评维度：客诉率');
    expect(fresh('tom.harris').find(isResult)!.cardParamMap.markdown).not.toContain('Not rated');
    // HR, sun.li and the CEO are not rated in this cycle: no result card for them.
    for (const u of ['lin.xiaowen', 'sun.li', 'chen.zhiyuan'])
      expect({ u, n: fresh(u).filter(isResult).length }).toEqual({ u, n: 0 });
  });

  it("pan.yue's low dish quality brings a course recommendation to her and to Tom, and to nobody else", async () => {
    const rec = cardsTo('pan.yue').filter(isRecommendation);
    expect(rec).toHaveLength(1);
    expect(rec[0]!.cardParamMap.title).toBe('潘悦 Yue Pan，推荐你一门课程');
    expect(rec[0]!.cardParamMap.markdown).toContain('出品标准复训');
    expect(buttonsOf(rec[0]!).map((b) => b.k)).toContain('course.enrol');
    const forTom = cardsTo('tom.harris').filter(isRecommendation);
    expect(forTom).toHaveLength(1);
    expect(forTom[0]!.cardParamMap.title).toBe('A course suggestion for 潘悦 Yue Pan');
    expect(forTom[0]!.cardParamMap.markdown).toContain('Kitchen standards refresher');
    expect(buttonsOf(forTom[0]!).map((b) => b.k)).not.toContain('course.enrol');
    for (const u of ['ye.qing', 'jiang.tao', 'sophia.lee', 'du.peng', 'sun.li', 'lin.xiaowen', 'chen.zhiyuan'])
      expect({ u, n: cardsTo(u).filter(isRecommendation).length }).toEqual({ u, n: 0 });
    expect(
      await h.sql.rows(
        'select employee_id as e, dimension as d, reason as r from recommendations where cycle_id = ?',
        cycleId,
      ),
    ).toEqual([{ e: await id('pan.yue'), d: 'dish_quality', r: 'low' }]);

    // She asks to take the course with the card's button: a training request for Tom, the card redrawn.
    const enrol = buttonsOf(rec[0]!).find((b) => b.k === 'course.enrol')!;
    await tap('pan.yue', rec[0]!, enrol);
    await vi.waitFor(
      () =>
        expect(emu.api.cards.get(rec[0]!.outTrackId)!.cardParamMap.markdown).toContain('已申请报名，等待上级审批。'),
      wait,
    );
    expect(buttonsOf(emu.api.cards.get(rec[0]!.outTrackId)!).map((b) => b.k)).not.toContain('course.enrol');
    expect(
      await h.sql.row(
        'select flow_key as flow, approvers, applicant_id as a from approval_requests order by id desc limit 1',
      ),
    ).toEqual({ flow: 'training', approvers: JSON.stringify([await id('tom.harris')]), a: await id('pan.yue') });
  });

  it('after close, answering the rater card again changes nothing', async () => {
    const tom = await id('tom.harris');
    const card = await cardByKey('tom.harris', `rating:${cycleId}:${tom}`);
    // The card still shows the stepper; Tom goes through it again, rating everyone 1: the last tap (the
    // save) is refused and the card says why.
    await rateThroughStepper('tom.harris', card, 'dish_quality', () => 1, 'invalid');
    expect(emu.api.cards.get(card.outTrackId)!.cardParamMap.markdown).toContain(
      'This rating cycle is closed; ratings can no longer change.',
    );
    expect(await ratingsOf(cycleId, 'dish_quality')).toEqual({
      ...Object.fromEntries(await Promise.all(staff.map(async (u) => [await id(u), [given[u]!.dq, tom]]))),
      [tom]: [TOM_DQ, await id('sun.li')],
    });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'rating.change'")).toEqual({
      n: 0,
    });
  });
});

describe('who may see ratings, asked from DingTalk', () => {
  it("ye.qing sees her own result but is refused jiang.tao's", async () => {
    const own = await reply('ye.qing', '/ratings', /综合得分\*\*: 4\.54/);
    expect(own).not.toContain('3.50');
    const refused = await reply('ye.qing', '/ratings jiang.tao@qingyun.example', '你只能查看自己的评价');
    expect(refused).not.toContain('3.50');
    expect(refused).not.toContain(await nameOf('jiang.tao'));
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'rating.view' and actor_employee_id = ?",
        await id('ye.qing'),
      ),
    ).toEqual({ n: 0 });
  });
});
