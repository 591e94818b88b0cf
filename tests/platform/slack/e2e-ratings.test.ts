// Manager ratings end to end on Slack (issue 8), through the real adapter, the real Bolt app and the Web
// API emulator — the Slack version of tests/integration/ratings-sandbox.test.ts (same store scheme, same
// people, same hand-computed composites):
// - HR opens the cycle with `/vitality rating open store 深圳南山店 14`; each rater (the store head Tom
//   Harris, HQ's head of operations sun.li) gets one DM whose form is a button; pressing it opens the rater
//   card as a modal (views.open with the press's trigger_id); ratings come back as view_submission, with
//   every input of the modal in the state (untouched ones null), as Slack sends them.
// - Complaints come in as CSV inside the slash command text (`/vitality rating import <cycle>` followed by
//   the CSV lines): Slack passes a multi-line slash command text through unchanged.
// - `/vitality rating close <cycle>`: each of the six gets exactly one result DM with their own composite,
//   pan.yue and her manager a course recommendation. One access check: ye.qing cannot see jiang.tao's.
// Assertions are on the Slack payloads the emulator received and on the database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buttonsOf,
  command,
  linkByHome,
  messageNow,
  messagesIn,
  openModal,
  pressButton,
  refOf,
  selected,
  settle,
  startSlackE2E,
  submitModal,
  textOfBlocks,
  typed,
  type Blk,
  type ModalView,
  type SlackE2E,
  type SlackMessage,
  type StateValues,
} from './e2e-kit.js';
import { EXPECTED as expected, GIVEN as given } from '../../support/store-cycle.js';
import { postedChannel } from '../../emulators/slack/web-api.js';

const HR = 'lin.xiaowen';
const TOM = 'tom.harris';
const SUN = 'sun.li';
const STAFF = ['ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];
const STORE = [TOM, ...STAFF];
const USERS = [HR, SUN, ...STORE];

const PAN_COMMENT = 'Plating slipped during the rush; let us work on it together.';

let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('ratings-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const text = (m: SlackMessage) => textOfBlocks(m.blocks);
const dishField = async (u: string) => `r_${await k.empId(u)}_dish_quality`;
const npField = async (u: string) => `r_${await k.empId(u)}_new_product`;
const dbValue = async (u: string, dimension: string) =>
  (
    (await k.h.sql.row(
      'select value from ratings where cycle_id = ? and subject_id = ? and dimension = ?',
      cycleId,
      await k.empId(u),
      dimension,
    )) as { value: number } | undefined
  )?.value;
const isRaterCard = (m: SlackMessage) =>
  buttonsOf(m.blocks).some(
    (b) =>
      b.action_id?.startsWith('form:') &&
      b.value !== undefined &&
      refOf(b).k === 'rating.submit' &&
      refOf(b).id === String(cycleId),
  );
const raterCardOf = (user: string) => {
  const cards = messagesIn(k, k.dm(user)).filter(isRaterCard);
  expect(cards, `${user}: one rater card`).toHaveLength(1);
  return cards[0]!;
};
const headerOf = (m: SlackMessage) => m.blocks.find((b) => b.type === 'header')?.text?.text ?? '';
const subtitleOf = (m: SlackMessage) =>
  (m.blocks.find((b) => b.type === 'context')?.elements?.[0] as { text?: string } | undefined)?.text;
const isResult = (m: SlackMessage) => /你的评价结果|Your result/.test(headerOf(m));
const isRecommendation = (m: SlackMessage) =>
  /推荐你一门课程|A course for you|为 .+ 推荐的课程|A course suggestion for/.test(headerOf(m));
/** The composite as the result message shows it: the first field of its fields section. */
const compositeOf = (m: SlackMessage) => {
  const f = m.blocks.find((b) => b.type === 'section' && b.fields)?.fields?.[0]?.text ?? '';
  return /^\*(?:综合得分|Composite)\*\n(.+)$/.exec(f)?.[1];
};
const ratingInputs = (view: ModalView) =>
  view.blocks.filter((b) => b.type === 'input' && b.element?.type === 'static_select');

/** The state Slack sends on submit: every input of the modal, the chosen values, the prefilled ones
 *  otherwise, and null for what nobody touched. */
function stateOf(view: ModalView, chosen: Record<string, string>): StateValues {
  const state: StateValues = {};
  for (const b of view.blocks.filter(
    (x): x is Blk & { block_id: string } => x.type === 'input' && x.block_id !== undefined,
  )) {
    const el = b.element!;
    const v = chosen[b.block_id];
    if (el.type === 'static_select') {
      const value = v ?? el.initial_option?.value;
      if (value !== undefined)
        expect(
          el.options!.map((o) => o.value),
          `${b.block_id} offers ${value}`,
        ).toContain(value);
      state[b.block_id] =
        value === undefined ? { v: { type: 'static_select', selected_option: null } } : selected(value);
    } else if (el.type === 'plain_text_input') {
      const value = v ?? el.initial_value;
      state[b.block_id] = value === undefined ? { v: { type: 'plain_text_input', value: null } } : typed(value);
    } else throw new Error(`unexpected input ${el.type}`);
  }
  for (const id of Object.keys(chosen)) expect(state, `the modal has ${id}`).toHaveProperty(id);
  return state;
}

let cycleId: number;

describe('Slack: a store rating cycle end to end', () => {
  it('HR opens the cycle with /vitality rating open; each rater gets one DM with the form button, nobody else', async () => {
    const before = k.emu.calls.length;
    await command(k, HR, 'rating open store 深圳南山店 14');
    cycleId = ((await k.h.sql.row('select max(id) as id from rating_cycles')) as { id: number | null }).id!;
    expect(cycleId).toBeGreaterThan(0);
    // Two raters: Tom (dish quality of his five) and sun.li (new product, all six, and Tom's own dish
    // quality: he never rates himself, so "unit head" for him is his manager). She leaves that one unrated,
    // as in the sandbox test.
    expect(
      await k.h.sql.rows('select rater_id as r from rating_raters where cycle_id = ? order by rater_id', cycleId),
    ).toEqual([await k.empId(TOM), await k.empId(SUN)].sort((a, b) => a - b).map((r) => ({ r })));
    expect(
      await k.h.sql.row(
        "select rater_id as r from rating_assignments where cycle_id = ? and subject_id = ? and dimension = 'dish_quality'",
        cycleId,
        await k.empId(TOM),
      ),
    ).toEqual({ r: await k.empId(SUN) });
    const confirm = messagesIn(k, k.dm(HR)).at(-1)!;
    expect(text(confirm)).toContain('评价周期已开启');
    expect(text(confirm)).toContain(`第 ${cycleId} 期（深圳南山店）：2 位评价人已收到卡片`);
    // Exactly two rater cards were posted on Slack, one to each linked rater's DM.
    const posts = k.emu.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks ?? []).includes('rating.submit'));
    expect(posts.map((c) => postedChannel(c)).sort()).toEqual([k.dm(TOM), k.dm(SUN)].sort());
    // Tom reads English, sun.li Chinese; both start at nothing rated.
    expect(subtitleOf(raterCardOf(TOM))).toBe('0 of 5 rated');
    expect(subtitleOf(raterCardOf(SUN))).toBe('已评 0 / 7');
    for (const u of STAFF) expect(messagesIn(k, k.dm(u)), u).toEqual([]);
  });

  it('Tom rates his five people through the modal, then changes one rating in the prefilled modal', async () => {
    const card = raterCardOf(TOM);
    const view = await openModal(k, TOM, card);
    expect(JSON.parse(view.private_metadata)).toEqual({
      a: { k: 'rating.submit', id: String(cycleId) },
      c: card.channel,
      m: card.ts,
    });
    // Exactly his five people, dish quality only, 1–5; one optional comment per person.
    expect(
      ratingInputs(view)
        .map((b) => b.block_id)
        .sort(),
    ).toEqual((await Promise.all(STAFF.map(dishField))).sort());
    for (const b of ratingInputs(view))
      expect(b.element!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    const comments = view.blocks
      .filter((b) => b.type === 'input' && b.element?.type === 'plain_text_input')
      .map((b) => b.block_id);
    expect(comments.sort()).toEqual((await Promise.all(STAFF.map(async (u) => `c_${await k.empId(u)}`))).sort());

    const first: Record<string, string> = Object.fromEntries(
      await Promise.all(STAFF.map(async (u) => [await dishField(u), String(u === 'jiang.tao' ? 3 : given[u]!.dq)])),
    );
    first[`c_${await k.empId('pan.yue')}`] = PAN_COMMENT;
    const sub = await submitModal(k, TOM, view, stateOf(view, first));
    // An empty 200 closes the modal; the DM it came from is redrawn with the saved card.
    expect([sub.status, sub.body]).toEqual([200, '']);
    expect(sub.res.outcome).toBe('handled');
    expect(sub.res.card?.header?.subtitle).toBe('5 of 5 rated');
    expect(subtitleOf(messageNow(k, card))).toBe('5 of 5 rated');
    expect(text(messageNow(k, card))).toContain('Saved 5 change(s).');
    for (const u of STAFF) expect(await dbValue(u, 'dish_quality'), u).toBe(u === 'jiang.tao' ? 3 : given[u]!.dq);
    expect(
      await k.h.sql.row(
        'select comment from rating_feedback where cycle_id = ? and subject_id = ? and rater_id = ?',
        cycleId,
        await k.empId('pan.yue'),
        await k.empId(TOM),
      ),
    ).toEqual({ comment: PAN_COMMENT });

    // The same button again: the modal shows what he gave; he corrects jiang.tao from 3 to 4.
    const again = await openModal(k, TOM, messageNow(k, card));
    const initial = Object.fromEntries(ratingInputs(again).map((b) => [b.block_id, b.element!.initial_option?.value]));
    expect(initial).toEqual(
      Object.fromEntries(
        await Promise.all(STAFF.map(async (u) => [await dishField(u), String(u === 'jiang.tao' ? 3 : given[u]!.dq)])),
      ),
    );
    const panComment = `c_${await k.empId('pan.yue')}`;
    expect(again.blocks.find((b) => b.block_id === panComment)!.element!.initial_value).toBe(PAN_COMMENT);
    const fix = await submitModal(k, TOM, again, stateOf(again, { [await dishField('jiang.tao')]: '4' }));
    expect([fix.status, fix.body]).toEqual([200, '']);
    expect(fix.res.toast?.text).toBe('Saved 1 change(s).');
    expect(text(messageNow(k, card))).toContain('Saved 1 change(s).');
    expect(await dbValue('jiang.tao', 'dish_quality')).toBe(4);
    expect(await k.h.sql.rows("select detail from audit_log where action = 'rating.change' order by id")).toEqual([
      { detail: JSON.stringify({ subjectId: await k.empId('jiang.tao'), dimension: 'dish_quality', from: 3, to: 4 }) },
    ]);
    await settle(k);
  });

  it('sun.li rates new-product contribution for all six through her modal', async () => {
    const card = raterCardOf(SUN);
    const view = await openModal(k, SUN, card);
    expect(
      ratingInputs(view)
        .map((b) => b.block_id)
        .sort(),
    ).toEqual([...(await Promise.all(STORE.map(npField))), await dishField(TOM)].sort());
    const sub = await submitModal(
      k,
      SUN,
      view,
      stateOf(
        view,
        Object.fromEntries(await Promise.all(STORE.map(async (u) => [await npField(u), String(given[u]!.np)]))),
      ),
    );
    expect([sub.status, sub.body]).toEqual([200, '']);
    expect(sub.res.card?.header?.subtitle).toBe('已评 6 / 7');
    expect(subtitleOf(messageNow(k, card))).toBe('已评 6 / 7');
    for (const u of STORE) expect(await dbValue(u, 'new_product'), u).toBe(given[u]!.np);
    // Her ratings did not touch Tom's dimension.
    expect(await dbValue(TOM, 'dish_quality')).toBeUndefined();
    await settle(k);
  });

  it('HR imports complaints as CSV lines in the slash command; an unknown person fails the whole import', async () => {
    await command(
      k,
      HR,
      `rating import ${cycleId}\nemail,dimension,value\nye.qing@qingyun.example,complaints,2\nnobody@qingyun.example,complaints,1`,
    );
    expect(text(messagesIn(k, k.dm(HR)).at(-1)!)).toContain('第 3 行：找不到邮箱为“nobody@qingyun.example”的人员');
    expect(await k.h.sql.row("select count(*) as n from ratings where dimension = 'complaints'")).toEqual({ n: 0 });

    const rows = Object.entries(given)
      .filter(([, g]) => g.complaints !== undefined)
      .map(([u, g]) => `${u}@qingyun.example,complaints,${g.complaints}`);
    await command(k, HR, `rating import ${cycleId}\nemail,dimension,value\n${rows.join('\n')}`);
    expect(text(messagesIn(k, k.dm(HR)).at(-1)!)).toContain('已导入 5 个数值');
    // Stored on the 1–5 scale: complaints c per 100 orders → 1 + 4·(1 − c/10).
    const imported = (await k.h.sql.rows(
      "select subject_id as s, value from ratings where cycle_id = ? and dimension = 'complaints'",
      cycleId,
    )) as { s: number; value: number }[];
    expect(imported.map((r) => r.s).sort((a, b) => a - b)).toEqual(
      (
        await Promise.all(
          Object.entries(given)
            .filter(([, g]) => g.complaints !== undefined)
            .map(async ([u]) => await k.empId(u)),
        )
      ).sort((a, b) => a - b),
    );
    for (const [u, g] of Object.entries(given))
      if (g.complaints !== undefined) {
        const e = await k.empId(u);
        expect(imported.find((r) => r.s === e)!.value, u).toBeCloseTo(1 + 4 * (1 - g.complaints / 10), 9);
      }
  });

  it('/vitality rating close: each of the six gets exactly one result DM with their own composite', async () => {
    const before = k.emu.calls.length;
    await command(k, HR, `rating close ${cycleId}`);
    // Tom's dish quality and du.peng's complaints are missing: HR sees that first and confirms.
    const summary = messagesIn(k, k.dm(HR)).at(-1)!;
    expect(text(summary)).toContain('客诉率：6 人中有 1 人未填写');
    await pressButton(k, HR, summary, 'rating.close');
    await settle(k);
    expect(text(messageNow(k, summary))).toContain('6 人已收到结果；发出 1 条课程推荐');
    expect(
      await k.h.sql.row('select closed_at is not null as closed from rating_cycles where id = ?', cycleId),
    ).toEqual({ closed: 1 });

    for (const [u, composite] of Object.entries(expected)) {
      const results = messagesIn(k, k.dm(u)).filter(isResult);
      expect({ u, n: results.length }).toEqual({ u, n: 1 });
      expect({ u, composite: compositeOf(results[0]!) }).toEqual({ u, composite });
      // Nobody else's composite is in their message.
      for (const [other, c] of Object.entries(expected))
        if (other !== u && c !== composite)
          expect(JSON.stringify(results[0]!.blocks), `${u} sees ${other}'s`).not.toContain(c);
      // And the database holds the same composite for them.
      const row = (await k.h.sql.row(
        'select composite from rating_results where cycle_id = ? and employee_id = ?',
        cycleId,
        await k.empId(u),
      )) as { composite: number };
      expect(row.composite.toFixed(2)).toBe(composite);
    }
    // Results went only to the six: one DM each, nowhere else (not to HR, not to HQ's rater).
    const resultPosts = k.emu.calls
      .slice(before)
      .filter(
        (c) => c.method === 'chat.postMessage' && /你的评价结果|Your result/.test(JSON.stringify(c.args.blocks ?? [])),
      );
    expect(resultPosts.map((c) => postedChannel(c)).sort()).toEqual(STORE.map((u) => k.dm(u)).sort());
    // Each in its reader's language: Tom and Sophia read English.
    expect(headerOf(messagesIn(k, k.dm('sophia.lee')).find(isResult)!)).toContain('Your result');
    expect(headerOf(messagesIn(k, k.dm('ye.qing')).find(isResult)!)).toContain('你的评价结果');
    // du.peng's composite says which dimension was left out; pan.yue sees Tom's comment.
    expect(text(messagesIn(k, k.dm('du.peng')).find(isResult)!)).toContain('未评维度：客诉率');
    expect(text(messagesIn(k, k.dm(TOM)).find(isResult)!)).toContain('Not rated: Dish quality');
    expect(text(messagesIn(k, k.dm('pan.yue')).find(isResult)!)).toContain(PAN_COMMENT);
    expect(text(messagesIn(k, k.dm('ye.qing')).find(isResult)!)).not.toContain(PAN_COMMENT);
  });

  it("pan.yue's low dish quality sends a course recommendation to her and to Tom, and to nobody else", async () => {
    expect(
      await k.h.sql.rows(
        'select employee_id as e, dimension, reason from recommendations where cycle_id = ? order by id',
        cycleId,
      ),
    ).toEqual([{ e: await k.empId('pan.yue'), dimension: 'dish_quality', reason: 'low' }]);
    const recs = USERS.flatMap((u) =>
      messagesIn(k, k.dm(u))
        .filter(isRecommendation)
        .map((m) => ({ u, m })),
    );
    expect(recs.map((r) => r.u).sort()).toEqual(['pan.yue', TOM].sort());
    const mine = recs.find((r) => r.u === 'pan.yue')!.m;
    expect(headerOf(mine)).toContain('潘悦 Yue Pan，推荐你一门课程');
    expect(text(mine)).toContain('出品标准复训');
    // Enrol, and her ratings page in the mini-app (a plain URL on Slack).
    expect(buttonsOf(mine.blocks).map((b) => b.url ?? refOf(b).k)).toEqual([
      'course.enrol',
      `${k.h.app.config.publicBaseUrl}/app/ratings`,
    ]);
    const toTom = recs.find((r) => r.u === TOM)!.m;
    expect(headerOf(toTom)).toContain('A course suggestion for 潘悦 Yue Pan');
    expect(text(toTom)).toContain('Kitchen standards refresher');
    expect(buttonsOf(toTom.blocks).filter((b) => b.value !== undefined)).toEqual([]);

    // She asks to enrol with the button on Slack: a training request for Tom to approve.
    const { res } = await pressButton(k, 'pan.yue', mine, 'course.enrol');
    expect(res.toast?.text).toBe('已申请报名');
    await settle(k);
    expect(
      await k.h.sql.row('select flow_key as flow, approvers from approval_requests order by id desc limit 1'),
    ).toEqual({ flow: 'training', approvers: JSON.stringify([await k.empId(TOM)]) });
    expect(
      buttonsOf(messageNow(k, mine).blocks).some((b) => b.value !== undefined && refOf(b).k === 'course.enrol'),
    ).toBe(false);
  });

  it('after close, a rating submitted through the modal is refused and changes nothing', async () => {
    const card = raterCardOf(TOM);
    const view = await openModal(k, TOM, messageNow(k, card));
    const sub = await submitModal(k, TOM, view, stateOf(view, { [await dishField('ye.qing')]: '1' }));
    expect(sub.res).toMatchObject({
      outcome: 'invalid',
      toast: { text: 'This rating cycle is closed; ratings can no longer change.' },
    });
    // The modal closes and the rater's DM now says so (submitModal waited for that exact redraw).
    expect([sub.status, sub.body]).toEqual([200, '']);
    expect(text(messageNow(k, card))).toContain('This rating cycle is closed; ratings can no longer change.');
    expect(await dbValue('ye.qing', 'dish_quality')).toBe(5);
    await settle(k);
  });
});

describe('Slack: who may see ratings', () => {
  it('ye.qing sending /vitality ratings jiang.tao@qingyun.example is refused, and sees nothing of his', async () => {
    const before = messagesIn(k, k.dm('ye.qing')).length;
    await command(k, 'ye.qing', 'ratings jiang.tao@qingyun.example');
    const answers = messagesIn(k, k.dm('ye.qing')).slice(before);
    expect(answers).toHaveLength(1);
    expect(text(answers[0]!)).toContain('你只能查看自己的评价');
    expect(compositeOf(answers[0]!)).toBeUndefined();
    expect(JSON.stringify(answers[0]!.blocks)).not.toContain(expected['jiang.tao']);
    expect(
      await k.h.sql.row(
        "select count(*) as n from audit_log where action = 'rating.view' and actor_employee_id = ?",
        await k.empId('ye.qing'),
      ),
    ).toEqual({ n: 0 });
  });
});

// The waits above are on the server's own outbox worker (settle); nothing is left undelivered.
it('every message was delivered', async () => {
  await vi.waitFor(async () => expect((await k.h.outbox()).filter((r) => r.status !== 'sent')).toEqual([]), {
    timeout: 10_000,
  });
});
