// Manager ratings end to end in the sandbox: a store cycle, the store manager rates through his card, HQ
// rates its dimension, complaints come in as CSV, the cycle closes, each person receives exactly their own
// composite (hand-computed here), and a low score produces a recommendation.
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, cardsOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { EXPECTED as expected, GIVEN as given } from '../support/store-cycle.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const staff = ['ye.qing', 'jiang.tao', 'pan.yue', 'sophia.lee', 'du.peng'];

const fieldsOf = (c: CardView) =>
  c.blocks
    .flatMap((b) => (b.type === 'form' ? b.fields : []))
    .filter((f) => f.type === 'rating')
    .map((f) => (f as { id: string }).id);
let cycleId: number;

describe('a store rating cycle', () => {
  it('HR opens a cycle for the Shenzhen store; each rater gets one card', async () => {
    const hr = await id('lin.xiaowen');
    await command(h, hr, 'rating', 'open store 深圳南山店 14');
    expect(textOfCard(await lastCard(h, hr))).toContain('评价周期已开启');
    cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    const tomCard = await lastCard(h, await id('tom.harris'), `rating:${cycleId}:${await id('tom.harris')}`);
    expect(fieldsOf(tomCard)).toHaveLength(5);
    // Sun Li rates new products for all six, and dish quality for Tom: the store head never rates
    // himself; "unit head" for him is his own manager.
    const sunCard = await lastCard(h, await id('sun.li'), `rating:${cycleId}:${await id('sun.li')}`);
    expect(fieldsOf(sunCard)).toHaveLength(7);
    expect(fieldsOf(sunCard)).toContain(`r_${await id('tom.harris')}_dish_quality`);
    expect(fieldsOf(tomCard)).not.toContain(`r_${await id('tom.harris')}_dish_quality`);
    expect(await cardsOf(h, await id('ye.qing'))).toHaveLength(0);
  });

  it('the store manager rates everyone through his card, and can change a rating until close', async () => {
    const tom = await id('tom.harris');
    const card = await lastCard(h, tom, `rating:${cycleId}:${tom}`);
    const values: Record<string, string> = {};
    for (const u of staff) values[`r_${await id(u)}_dish_quality`] = String(u === 'jiang.tao' ? 3 : given[u]!.dq);
    values[`c_${await id('pan.yue')}`] = 'Plating slipped during the rush; let us work on it together.';
    const r = await press(h, tom, actionOf(card, 'rating.submit'), values);
    expect(r.outcome).toBe('handled');
    // Tom Harris reads English.
    expect(r.card?.header?.subtitle).toBe('5 of 5 rated');
    const fix = await press(h, tom, actionOf(card, 'rating.submit'), {
      [`r_${await id('jiang.tao')}_dish_quality`]: '4',
    });
    expect(fix.toast?.text).toBe('Saved 1 change(s).');
    expect(await h.sql.rows("select detail from audit_log where action = 'rating.change'")).toEqual([
      { detail: JSON.stringify({ subjectId: await id('jiang.tao'), dimension: 'dish_quality', from: 3, to: 4 }) },
    ]);
  });

  it('refuses a rating out of range or for someone the rater does not rate, saving nothing', async () => {
    const tom = await id('tom.harris');
    const submit = actionOf(await lastCard(h, tom, `rating:${cycleId}:${tom}`), 'rating.submit');
    const bad = await press(h, tom, submit, {
      [`r_${await id('ye.qing')}_dish_quality`]: '6',
      [`r_${await id('ye.qing')}_new_product`]: '5',
    });
    expect(bad.outcome).toBe('invalid');
    expect(bad.fieldErrors).toEqual({
      [`r_${await id('ye.qing')}_dish_quality`]: 'Choose 1 to 5.',
      [`r_${await id('ye.qing')}_new_product`]: 'You do not rate this.',
    });
    const stranger = await press(h, await id('huang.jing'), submit, { [`r_${await id('ye.qing')}_dish_quality`]: '1' });
    expect(stranger.outcome).toBe('invalid');
    expect(
      await h.sql.row(
        "select value from ratings where subject_id = ? and dimension = 'dish_quality'",
        await id('ye.qing'),
      ),
    ).toEqual({ value: 5 });
  });

  it('HQ rates its dimension for everyone in the store', async () => {
    const sun = await id('sun.li');
    const values = Object.fromEntries(
      await Promise.all(Object.entries(given).map(async ([u, g]) => [`r_${await id(u)}_new_product`, String(g.np)])),
    );
    const r = await press(
      h,
      sun,
      actionOf(await lastCard(h, sun, `rating:${cycleId}:${sun}`), 'rating.submit'),
      values,
    );
    // Tom's dish quality is left unrated on purpose: his composite shows how a missing score is handled.
    expect(r.card?.header?.subtitle).toBe('已评 6 / 7');
  });

  it('complaints are imported as CSV; unknown people make the whole import fail', async () => {
    const hr = await id('lin.xiaowen');
    await command(
      h,
      hr,
      'rating',
      `import ${cycleId}\nemail,dimension,value\nye.qing@qingyun.example,complaints,2\nnobody@qingyun.example,complaints,1`,
    );
    expect(textOfCard(await lastCard(h, hr))).toContain('第 3 行：找不到邮箱为“nobody@qingyun.example”的人员');
    expect(await h.sql.row("select count(*) as n from ratings where dimension = 'complaints'")).toEqual({
      n: 0,
    });
    const rows = Object.entries(given)
      .filter(([, g]) => g.complaints !== undefined)
      .map(([u, g]) => `${u}@qingyun.example,complaints,${g.complaints}`);
    await command(h, hr, 'rating', `import ${cycleId}\nemail,dimension,value\n${rows.join('\n')}`);
    expect(textOfCard(await lastCard(h, hr))).toContain('已导入 5 个数值');
  });

  it('the manager sees the team report: who is not fully rated', async () => {
    await command(h, await id('tom.harris'), 'report', 'ratings');
    const report = textOfCard(await lastCard(h, await id('tom.harris')));
    expect(report).toContain('杜鹏 Peng Du (Complaint rate)');
    expect(report).toContain('"label":"People","value":"6"');
  });

  it('closing sends each person exactly their own composite, and a low score a recommendation', async () => {
    const hr = await id('lin.xiaowen');
    await command(h, hr, 'rating', `close ${cycleId}`);
    // Something is missing, so closing shows what and waits for a confirmation.
    const confirm = await lastCard(h, hr);
    expect(textOfCard(confirm)).toContain('出品质量：6 人中有 1 人未填写');
    expect(textOfCard(confirm)).toContain('客诉率：6 人中有 1 人未填写');
    const closed = await press(h, hr, actionOf(confirm, 'rating.close'));
    expect(textOfCard(closed.card)).toContain('6 人已收到结果；发出 1 条课程推荐');
    for (const [u, composite] of Object.entries(expected)) {
      const results = (await cardsOf(h, await id(u))).filter(
        (c) => c.header?.title.startsWith('你的评价结果') || c.header?.title.startsWith('Your result'),
      );
      expect({ u, n: results.length }).toEqual({ u, n: 1 });
      const fields = results[0]!.blocks.find((b) => b.type === 'fields');
      expect({ u, composite: fields && fields.type === 'fields' ? fields.fields[0]!.value : undefined }).toEqual({
        u,
        composite,
      });
      // Nobody else's composite is in their card.
      for (const [other, c] of Object.entries(expected))
        if (other !== u && c !== composite) expect(textOfCard(results[0])).not.toContain(`"value":"${c}"`);
    }
    expect(textOfCard((await cardsOf(h, await id('du.peng'))).at(-1))).toMatch(
      /未评维度：客诉率|Not rated: Complaint rate/,
    );
    expect(
      textOfCard((await cardsOf(h, await id('pan.yue'))).find((c) => c.header?.title.includes('评价结果'))),
    ).toContain('Plating slipped during the rush');

    const rec = (await cardsOf(h, await id('pan.yue'))).find((c) => c.header?.title.includes('推荐你一门课程'))!;
    expect(textOfCard(rec)).toContain('出品标准复训');
    expect(
      textOfCard(
        (await cardsOf(h, await id('tom.harris'))).find((c) =>
          c.header?.title.includes('A course suggestion for 潘悦 Yue Pan'),
        ),
      ),
    ).toContain('Kitchen standards refresher');
    const enrol = await press(h, await id('pan.yue'), actionOf(rec, 'course.enrol'));
    expect(enrol.toast?.text).toBe('已申请报名');
    // The redrawn card still says why: the real score, not a placeholder.
    expect(textOfCard(enrol.card)).toContain('得分 2.00');
    const request = await h.sql.row(
      'select flow_key as flow, approvers from approval_requests order by id desc limit 1',
    );
    expect(request).toEqual({ flow: 'training', approvers: JSON.stringify([await id('tom.harris')]) });
    expect((await press(h, await id('pan.yue'), actionOf(rec, 'course.enrol'))).toast?.text).toBe(
      '你已经申请过报名了。',
    );
  });

  it('no rating changes after close', async () => {
    const tom = await id('tom.harris');
    const r = await press(h, tom, actionOf(await lastCard(h, tom, `rating:${cycleId}:${tom}`), 'rating.submit'), {
      [`r_${await id('ye.qing')}_dish_quality`]: '1',
    });
    expect(r.toast?.text).toBe('This rating cycle is closed; ratings can no longer change.');
    expect(
      await h.sql.row(
        "select value from ratings where subject_id = ? and dimension = 'dish_quality'",
        await id('ye.qing'),
      ),
    ).toEqual({ value: 5 });
  });
});

describe('who may see ratings', () => {
  it('a person sees their own result', async () => {
    await command(h, await id('ye.qing'), 'ratings');
    expect(textOfCard(await lastCard(h, await id('ye.qing')))).toContain('"value":"4.54"');
  });

  it("an employee cannot see another person's rating by any command", async () => {
    const ye = await id('ye.qing');
    await command(h, ye, 'ratings', 'jiang.tao@qingyun.example');
    expect(textOfCard(await lastCard(h, ye))).toContain('你只能查看自己的评价');
    await command(h, ye, 'ratings', 'nobody@qingyun.example');
    expect(textOfCard(await lastCard(h, ye))).toContain('你只能查看自己的评价');
    await command(h, ye, 'report', 'ratings');
    expect(textOfCard(await lastCard(h, ye))).toMatch(/没有权限|我不认识命令/);
    expect(textOfCard(await lastCard(h, ye))).not.toContain('3.50');
  });

  it('a manager sees their own people but nothing outside their subtree', async () => {
    await command(h, await id('tom.harris'), 'ratings', 'jiang.tao@qingyun.example');
    expect(textOfCard(await lastCard(h, await id('tom.harris')))).toContain('"value":"3.50"');
    const hz = await id('huang.jing');
    await command(h, hz, 'ratings', 'jiang.tao@qingyun.example');
    expect(textOfCard(await lastCard(h, hz))).toContain('你只能查看自己的评价');
    await command(h, hz, 'report', 'ratings 深圳南山店');
    expect(textOfCard(await lastCard(h, hz))).toContain('你只能查看自己负责团队的结果');
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'rating.view' and actor_employee_id = ?",
        await id('tom.harris'),
      ),
    ).toEqual({ n: 1 });
  });
});

describe('bad scheme input', () => {
  it('a scheme whose weights do not sum to 100% is refused', async () => {
    const hr = await id('lin.xiaowen');
    const scheme = {
      key: 'bad',
      name: { 'zh-CN': '坏', en: 'Bad' },
      dimensions: [
        { key: 'a', name: { 'zh-CN': 'A', en: 'A' }, weight: 60, rater: { type: 'manager' } },
        { key: 'b', name: { 'zh-CN': 'B', en: 'B' }, weight: 30, rater: { type: 'manager' } },
      ],
    };
    await command(h, hr, 'rating', `scheme ${JSON.stringify(scheme)}`);
    expect(textOfCard(await lastCard(h, hr))).toContain('各维度的权重加起来必须是 100%');
    expect(await h.sql.row("select count(*) as n from rating_schemes where key = 'bad'")).toEqual({ n: 0 });
  });
});
