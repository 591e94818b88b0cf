// Manager ratings on Feishu, end to end (issue 8), through the real server, the Feishu adapter, the real Lark
// SDK and the local emulator. The same store scenario as tests/integration/ratings-sandbox.test.ts:
// - HR opens the cycle from a Feishu chat: `/rating open store 深圳南山店 14`;
// - each rater's card is a card JSON 2.0 form container (one select_static 1–5 per person and dimension, named
//   r_<subjectId>_<dimension>, and a comment input c_<subjectId>); Tom Harris (store head, English) rates dish
//   quality and HQ's sun.li rates new-product contribution by submitting that form (card.action.trigger with
//   form_value, which carries every named component of the form, as Feishu does);
// - HR imports the complaint rates in ONE multi-line Feishu text message: `/rating import <cycle>` followed by
//   the CSV lines (Feishu text messages keep their line breaks in content.text);
// - HR closes the cycle from Feishu; each of the six receives exactly one result card with their own
//   composite (computed by hand below), and pan.yue's low dish quality produces a course recommendation for her
//   and for Tom, her manager.
// Assertions read what the emulator received (sent cards, callback answers) and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../emulators/feishu/open-api.js';
import {
  type CardJson,
  current,
  type FeishuE2E,
  formElements,
  openId,
  refOn,
  startFeishuE2E,
  submitNameOf,
  textOf,
} from './e2e-kit.js';
import { EXPECTED, GIVEN } from '../../support/store-cycle.js';

const TOKEN = 'vt-ratings-e2e';

const HR = 'lin.xiaowen';
const TOM = 'tom.harris';
const HQ = 'sun.li';
const STAFF = ['ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
const STORE = [TOM, ...STAFF];
const PEOPLE = [HR, HQ, ...STORE];

const cardsTo = (user: string): { message: EmuMessage; card: CardJson }[] =>
  f
    .messagesTo(user)
    .filter((m) => m.msg_type === 'interactive')
    .map((message) => ({ message, card: current(message) }));

const selectsOf = (c: CardJson) => formElements(c).filter((e) => e['tag'] === 'select_static');
const inputsOf = (c: CardJson) => formElements(c).filter((e) => e['tag'] === 'input');

/** The rater's Feishu card(s) for this cycle: a form whose submit is rating.submit for the cycle. */
const raterCards = (user: string, cycleId: number) =>
  cardsTo(user).filter(({ card }) => {
    const submit = formElements(card).at(-1);
    // The submit button names its ActionRef (Feishu returns the name on a submission; it has no behaviors).
    return (
      submit?.['form_action_type'] === 'submit' &&
      submit['behaviors'] === undefined &&
      submit['name'] === submitNameOf({ k: 'rating.submit', id: String(cycleId) })
    );
  });

/** What Feishu puts in form_value on submit: every named component of the form, with its current value
 *  (a select's chosen option, else its initial_option; an input's text, '' when empty) — with `changes` applied
 *  the way the person would pick them. A choice must be one of the select's options. */
function formValueOf(c: CardJson, changes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of selectsOf(c)) {
    const name = s['name'] as string;
    const chosen = changes[name] ?? (s['initial_option'] as string | undefined);
    if (chosen === undefined) continue; // an untouched select without a value is not submitted
    expect(
      (s['options'] as { value: string }[]).map((o) => o.value),
      `${name} offers ${chosen}`,
    ).toContain(chosen);
    out[name] = chosen;
  }
  for (const i of inputsOf(c))
    out[i['name'] as string] = changes[i['name'] as string] ?? (i['default_value'] as string | undefined) ?? '';
  for (const k of Object.keys(changes)) expect(out, `the form has a component named ${k}`).toHaveProperty(k);
  return out;
}

const isResult = (c: CardJson) => /^(你的评价结果|Your result)/.test(c.header?.title.content ?? '');
/** The composite shown on a result card: the first field, rendered as a column of markdown "**label**\nvalue". */
const compositeOn = (c: CardJson) => /\*\*(?:综合得分|Composite)\*\*\n(\S+)/.exec(textOf(c))?.[1];

let f: FeishuE2E;

beforeAll(async () => {
  f = await startFeishuE2E({ token: TOKEN, link: PEOPLE });
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

describe('a store rating cycle on Feishu', () => {
  let cycleId: number;

  it('HR opens the cycle from Feishu; Tom and sun.li each get one form card, the staff none', async () => {
    const [confirm, ...more] = await f.say(HR, '/rating open store 深圳南山店 14');
    expect(more).toEqual([]);
    expect(textOf(confirm!)).toContain('评价周期已开启');
    expect(textOf(confirm!)).toContain('深圳南山店');
    cycleId = ((await f.h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    expect(textOf(confirm!)).toContain(`第 ${cycleId} 期`);

    const tomCards = raterCards(TOM, cycleId);
    expect(tomCards).toHaveLength(1);
    const tomCard = tomCards[0]!.card;
    // One 1–5 select per person for dish quality, and a comment input per person; labels in English.
    expect(
      selectsOf(tomCard)
        .map((s) => s['name'])
        .sort(),
    ).toEqual((await Promise.all(STAFF.map(async (u) => `r_${await f.id(u)}_dish_quality`))).sort());
    for (const s of selectsOf(tomCard))
      expect((s['options'] as { value: string }[]).map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(
      inputsOf(tomCard)
        .map((i) => i['name'])
        .sort(),
    ).toEqual((await Promise.all(STAFF.map(async (u) => `c_${await f.id(u)}`))).sort());
    expect(tomCard.header?.subtitle?.content).toBe('0 of 5 rated');
    expect(textOf(tomCard)).toContain('Dish quality');

    const sunCards = raterCards(HQ, cycleId);
    expect(sunCards).toHaveLength(1);
    // New products for all six, and Tom's own dish quality: he never rates himself ("unit head" for him is
    // his manager). She leaves that one unrated, as in the sandbox test.
    expect(
      selectsOf(sunCards[0]!.card)
        .map((s) => s['name'])
        .sort(),
    ).toEqual(
      [
        ...(await Promise.all(STORE.map(async (u) => `r_${await f.id(u)}_new_product`))),
        `r_${await f.id(TOM)}_dish_quality`,
      ].sort(),
    );
    expect(sunCards[0]!.card.header?.subtitle?.content).toBe('已评 0 / 7');

    // The people being rated get no rater card; the outbox sent every card without a dead letter.
    for (const u of STAFF) expect(raterCards(u, cycleId)).toHaveLength(0);
    expect(raterCards(HR, cycleId)).toHaveLength(0);
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });

  it('Tom rates dish quality by submitting his Feishu form, then changes one rating before close', async () => {
    const { message, card } = raterCards(TOM, cycleId)[0]!;
    const submit = refOn(card, 'rating.submit')!;
    expect(submit).toEqual({ k: 'rating.submit', id: String(cycleId) });
    const picks: Record<string, string> = {};
    // He first gives jiang.tao a 3, and corrects it to 4 below.
    for (const u of STAFF) picks[`r_${await f.id(u)}_dish_quality`] = String(u === 'jiang.tao' ? 3 : GIVEN[u]!.dq);
    picks[`c_${await f.id('pan.yue')}`] = 'Plating slipped during the rush; let us work on it together.';
    const answer = await f.press(TOM, message, submit, formValueOf(card, picks));
    expect(answer.toast).toEqual({ type: 'success', content: 'Saved 5 change(s).' });
    const redrawn = answer.card!.data;
    expect(answer.card!.type).toBe('raw');
    expect(redrawn.header?.subtitle?.content).toBe('5 of 5 rated');
    // The redrawn form shows what was saved (initial options and the comment).
    expect(Object.fromEntries(selectsOf(redrawn).map((s) => [s['name'], s['initial_option']]))).toEqual(
      Object.fromEntries(Object.entries(picks).filter(([k]) => k.startsWith('r_'))),
    );
    expect(textOf(redrawn)).toContain('Plating slipped during the rush');
    const dq = async () =>
      Object.fromEntries(
        (
          (await f.h.sql.rows(
            "select subject_id as s, value as v from ratings where cycle_id = ? and dimension = 'dish_quality'",
            cycleId,
          )) as { s: number; v: number }[]
        ).map((r) => [r.s, r.v]),
      );
    expect(await dq()).toEqual(
      Object.fromEntries(
        await Promise.all(STAFF.map(async (u) => [await f.id(u), u === 'jiang.tao' ? 3 : GIVEN[u]!.dq])),
      ),
    );

    // Resubmitting the redrawn form: Feishu sends every field again; only the one he changed is saved.
    const fix = await f.press(
      TOM,
      message,
      submit,
      formValueOf(redrawn, { [`r_${await f.id('jiang.tao')}_dish_quality`]: '4' }),
    );
    expect(fix.toast).toEqual({ type: 'success', content: 'Saved 1 change(s).' });
    expect(await dq()).toEqual(
      Object.fromEntries(await Promise.all(STAFF.map(async (u) => [await f.id(u), GIVEN[u]!.dq]))),
    );
    expect(
      await f.h.sql.rows(
        "select actor_employee_id as actor, detail from audit_log where action = 'rating.change' order by id",
      ),
    ).toEqual([
      {
        actor: await f.id(TOM),
        detail: JSON.stringify({ subjectId: await f.id('jiang.tao'), dimension: 'dish_quality', from: 3, to: 4 }),
      },
    ]);
    expect(
      await f.h.sql.row(
        'select comment from rating_feedback where cycle_id = ? and subject_id = ? and rater_id = ?',
        cycleId,
        await f.id('pan.yue'),
        await f.id(TOM),
      ),
    ).toEqual({ comment: 'Plating slipped during the rush; let us work on it together.' });
  });

  it("a value that is not on the scale, sent to Tom's form, is refused with a toast and saves nothing", async () => {
    const { message, card } = raterCards(TOM, cycleId)[0]!;
    const bad = await f.press(TOM, message, refOn(card, 'rating.submit'), {
      [`r_${await f.id('ye.qing')}_dish_quality`]: '6',
    });
    expect(bad.toast).toEqual({ type: 'error', content: 'Some answers need another look. Choose 1 to 5.' });
    expect(
      await f.h.sql.row(
        "select value from ratings where cycle_id = ? and subject_id = ? and dimension = 'dish_quality'",
        cycleId,
        await f.id('ye.qing'),
      ),
    ).toEqual({ value: 5 });
  });

  it('sun.li (HQ) rates new-product contribution for all six through her Feishu form', async () => {
    const { message, card } = raterCards(HQ, cycleId)[0]!;
    const picks = Object.fromEntries(
      await Promise.all(STORE.map(async (u) => [`r_${await f.id(u)}_new_product`, String(GIVEN[u]!.np)])),
    );
    const answer = await f.press(HQ, message, refOn(card, 'rating.submit'), formValueOf(card, picks));
    expect(answer.toast).toEqual({ type: 'success', content: '已保存 6 处修改。' });
    expect(answer.card!.data.header?.subtitle?.content).toBe('已评 6 / 7');
    const np = Object.fromEntries(
      (
        (await f.h.sql.rows(
          "select subject_id as s, value as v, rater_id as r from ratings where cycle_id = ? and dimension = 'new_product'",
          cycleId,
        )) as { s: number; v: number; r: number }[]
      ).map((r) => [r.s, [r.v, r.r]]),
    );
    expect(np).toEqual(
      Object.fromEntries(await Promise.all(STORE.map(async (u) => [await f.id(u), [GIVEN[u]!.np, await f.id(HQ)]]))),
    );
  });

  it('HR imports the complaint rates as CSV lines in one multi-line Feishu message', async () => {
    // An unknown person makes the whole import fail (line numbers count the header as line 1).
    const [refused] = await f.say(
      HR,
      `/rating import ${cycleId}\nemail,dimension,value\nye.qing@qingyun.example,complaints,2\nnobody@qingyun.example,complaints,1`,
    );
    expect(textOf(refused!)).toContain('第 3 行：找不到邮箱为“nobody@qingyun.example”的人员');
    expect(
      await f.count('select count(*) as n from ratings where cycle_id = ? and dimension = ?', cycleId, 'complaints'),
    ).toBe(0);

    const rows = Object.entries(GIVEN)
      .filter(([, g]) => g.complaints !== undefined)
      .map(([u, g]) => `${u}@qingyun.example,complaints,${g.complaints}`);
    const [imported] = await f.say(HR, `/rating import ${cycleId}\nemail,dimension,value\n${rows.join('\n')}`);
    expect(textOf(imported!)).toContain('已导入 5 个数值');
    const complaints = (await f.h.sql.rows(
      "select subject_id as s, value as v from ratings where cycle_id = ? and dimension = 'complaints'",
      cycleId,
    )) as { s: number; v: number }[];
    // Stored on the 1–5 scale: complaints c → 1 + 4·(1 − c/10), by hand.
    const scaled = { 'ye.qing': 4.2, 'jiang.tao': 3.0, 'pan.yue': 4.6, 'sophia.lee': 5.0, 'tom.harris': 3.8 };
    expect(Object.fromEntries(complaints.map((r) => [r.s, Math.round(r.v * 100) / 100]))).toEqual(
      Object.fromEntries(await Promise.all(Object.entries(scaled).map(async ([u, v]) => [await f.id(u), v]))),
    );
  });

  it('closing from Feishu sends each of the six exactly one result card with their own composite', async () => {
    // Tom's dish quality and du.peng's complaints are missing: HR sees that first and confirms.
    const [summary] = await f.say(HR, `/rating close ${cycleId}`);
    expect(textOf(summary!)).toContain('客诉率：6 人中有 1 人未填写');
    const closed = await f.press(HR, f.messagesTo(HR).at(-1)!, refOn(summary!, 'rating.close'));
    expect(textOf(closed.card!.data)).toContain('6 人已收到结果；发出 1 条课程推荐');
    await f.settle();

    // Every result card the emulator received, by recipient: the six, one each, nobody else.
    const results = [...f.emu.messages.values()].filter((m) => m.msg_type === 'interactive' && isResult(current(m)));
    expect(results.map((m) => m.receive_id).sort()).toEqual(STORE.map(openId).sort());
    for (const [u, composite] of Object.entries(EXPECTED)) {
      const mine = cardsTo(u).filter(({ card }) => isResult(card));
      expect({ u, n: mine.length }).toEqual({ u, n: 1 });
      const card = mine[0]!.card;
      expect({ u, composite: compositeOn(card) }).toEqual({ u, composite });
      // Nobody else's composite is on their card.
      for (const [other, c] of Object.entries(EXPECTED))
        if (other !== u && c !== composite) expect(textOf(card), `${u}'s card shows ${other}'s ${c}`).not.toContain(c);
      // The stored result is the one shown.
      const stored = (await f.h.sql.row(
        'select composite from rating_results where cycle_id = ? and employee_id = ?',
        cycleId,
        await f.id(u),
      )) as { composite: number };
      expect(stored.composite.toFixed(2)).toBe(composite);
    }
    // Each in their own language; the renormalisation is flagged, and Tom's feedback reaches pan.yue only.
    expect(cardsTo('sophia.lee').find(({ card }) => isResult(card))!.card.header?.title.content).toMatch(
      /^Your result/,
    );
    expect(cardsTo('ye.qing').find(({ card }) => isResult(card))!.card.header?.title.content).toMatch(/^你的评价结果/);
    expect(textOf(cardsTo('du.peng').find(({ card }) => isResult(card))!.card)).toContain('未评维度：客诉率');
    expect(textOf(cardsTo(TOM).find(({ card }) => isResult(card))!.card)).toContain('Not rated: Dish quality');
    for (const u of STORE) {
      const text = textOf(cardsTo(u).find(({ card }) => isResult(card))!.card);
      if (u === 'pan.yue') expect(text).toContain('Plating slipped during the rush');
      else expect(text, u).not.toContain('Plating slipped');
    }
    expect((await f.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
  });

  it("pan.yue's low dish quality sends a course recommendation to her and to Tom, and nobody else", async () => {
    expect(
      await f.h.sql.rows(
        'select employee_id as e, dimension, reason from recommendations where cycle_id = ? order by id',
        cycleId,
      ),
    ).toEqual([{ e: await f.id('pan.yue'), dimension: 'dish_quality', reason: 'low' }]);
    const isRec = (c: CardJson) =>
      /推荐你一门课程|推荐的课程|A course for you|A course suggestion for/.test(c.header?.title.content ?? '');
    const recs = [...f.emu.messages.values()].filter((m) => m.msg_type === 'interactive' && isRec(current(m)));
    expect(recs.map((m) => m.receive_id).sort()).toEqual([openId('pan.yue'), openId(TOM)].sort());

    const toPan = cardsTo('pan.yue').find(({ card }) => isRec(card))!;
    expect(toPan.card.header?.title.content).toBe('潘悦 Yue Pan，推荐你一门课程');
    expect(textOf(toPan.card)).toContain('出品标准复训');
    expect(textOf(toPan.card)).toContain('**出品质量** 得分 2.00');
    const toTom = cardsTo(TOM).find(({ card }) => isRec(card))!;
    expect(toTom.card.header?.title.content).toBe('A course suggestion for 潘悦 Yue Pan');
    expect(textOf(toTom.card)).toContain('Kitchen standards refresher');
    expect(refOn(toTom.card, 'course.enrol')).toBeUndefined();

    // She asks to enrol from the card on Feishu: a training request for Tom to decide.
    const enrol = refOn(toPan.card, 'course.enrol')!;
    expect(enrol).toBeDefined();
    const answer = await f.press('pan.yue', toPan.message, enrol);
    expect(answer.toast).toEqual({ type: 'success', content: '已申请报名' });
    expect(refOn(answer.card!.data, 'course.enrol')).toBeUndefined();
    expect(
      await f.h.sql.row(
        'select flow_key as flow, applicant_id as applicant, approvers from approval_requests order by id desc limit 1',
      ),
    ).toEqual({ flow: 'training', applicant: await f.id('pan.yue'), approvers: JSON.stringify([await f.id(TOM)]) });
  });

  it("after close, Tom's form no longer changes anything", async () => {
    const { message, card } = raterCards(TOM, cycleId)[0]!;
    const late = await f.press(
      TOM,
      message,
      refOn(card, 'rating.submit'),
      formValueOf(card, { [`r_${await f.id('ye.qing')}_dish_quality`]: '1' }),
    );
    expect(late.toast).toEqual({
      type: 'warning',
      content: 'This rating cycle is closed; ratings can no longer change.',
    });
    expect(
      await f.h.sql.row(
        "select value from ratings where cycle_id = ? and subject_id = ? and dimension = 'dish_quality'",
        cycleId,
        await f.id('ye.qing'),
      ),
    ).toEqual({ value: 5 });
  });
});

describe('who may see ratings, from Feishu', () => {
  it("ye.qing sees her own result but is refused jiang.tao's", async () => {
    const [own] = await f.say('ye.qing', '/ratings');
    expect(compositeOn(own!)).toBe('4.54');

    const [refusal, ...more] = await f.say('ye.qing', '/ratings jiang.tao@qingyun.example');
    expect(more).toEqual([]);
    expect(textOf(refusal!)).toContain('你只能查看自己的评价');
    expect(compositeOn(refusal!)).toBeUndefined();
    expect(textOf(refusal!)).not.toContain(EXPECTED['jiang.tao']);
    expect(
      await f.count(
        "select count(*) as n from audit_log where action = 'rating.view' and actor_employee_id = ?",
        await f.id('ye.qing'),
      ),
    ).toBe(0);
  });
});
