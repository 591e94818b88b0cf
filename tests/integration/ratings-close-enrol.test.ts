// Issue 16 (items 7, 8, 9, 16, 13) in the sandbox, through the real core: nobody is their own rater (a store
// head is rated by his manager; the company head has "no rater", said to HR); closing with a dimension
// unfilled shows what is missing and needs a confirmation that a changed summary refuses, and the results
// and the report name what was left out; `/rating import` with a mangled cycle number says how to write it;
// enrolling in a recommended course from chat and from the mini-app is one rule; course cards show names.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, cardsOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const rows = async <T>(sql: string, ...p: unknown[]) => (await h.sql.rows(sql, ...p)) as T[];
const latestCycle = async () => ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
const HR = 'lin.xiaowen';

describe('nobody rates themselves', () => {
  it('a store head is rated by his own manager on "unit head" dimensions, never by himself', async () => {
    await command(h, await id(HR), 'rating', 'open store 深圳南山店 14');
    const cycle = await latestCycle();
    const tom = await id('tom.harris');
    const dq = await rows<{ rater: number | null }>(
      "select rater_id as rater from rating_assignments where cycle_id = ? and subject_id = ? and dimension = 'dish_quality'",
      cycle,
      tom,
    );
    expect(dq).toEqual([{ rater: await id('sun.li') }]);
    // His card lists his five staff, not himself; his manager's card has his dish quality.
    const fields = (c: Awaited<ReturnType<typeof lastCard>>) => JSON.stringify(c.blocks);
    expect(fields(await lastCard(h, tom, `rating:${cycle}:${tom}`))).not.toContain(`r_${tom}_`);
    expect(fields(await lastCard(h, await id('sun.li'), `rating:${cycle}:${await id('sun.li')}`))).toContain(
      `r_${tom}_dish_quality`,
    );
  });

  it('across the whole company nobody is their own rater, and the company head has "no rater" with the reason', async () => {
    await command(h, await id(HR), 'rating', 'open store 青云科技 14');
    const cycle = await latestCycle();
    expect(
      await rows('select subject_id from rating_assignments where cycle_id = ? and rater_id = subject_id', cycle),
    ).toEqual([]);
    const ceo = await id('chen.zhiyuan');
    expect(
      await rows(
        "select rater_id as rater, no_rater_reason as reason from rating_assignments where cycle_id = ? and subject_id = ? and dimension = 'dish_quality'",
        cycle,
        ceo,
      ),
    ).toEqual([{ rater: null, reason: 'self_top' }]);
    // HR reads it at once, in her language.
    expect(textOfCard(await lastCard(h, await id(HR)))).toContain(
      '陈志远 Zhiyuan Chen · 出品质量：无评价人——规则指向本人，且其上没有更高一级的负责人',
    );
  });
});

describe('closing with a dimension unfilled', () => {
  let cycle: number;
  it('shows what is missing per dimension and closes nothing until confirmed', async () => {
    cycle = (
      await rows<{ id: number }>(
        "select c.id from rating_cycles c join org_units u on u.id = c.unit_id where u.name = '深圳南山店'",
      )
    )[0]!.id;
    const tom = await id('tom.harris');
    // Tom rates dish quality for his staff: low for two of them (recommendations follow).
    const values: Record<string, string> = {};
    for (const [u, v] of [
      ['ye.qing', 4],
      ['jiang.tao', 1],
      ['pan.yue', 2],
      ['sophia.lee', 4],
      ['du.peng', 3],
    ] as const)
      values[`r_${await id(u)}_dish_quality`] = String(v);
    await press(h, tom, actionOf(await lastCard(h, tom, `rating:${cycle}:${tom}`), 'rating.submit'), values);

    await command(h, await id(HR), 'rating', `close ${cycle}`);
    const summary = await lastCard(h, await id(HR));
    expect(textOfCard(summary)).toContain('客诉率：6 人中有 6 人未填写');
    expect(textOfCard(summary)).toContain('新品贡献：6 人中有 6 人未填写');
    expect(textOfCard(summary)).toContain('出品质量：6 人中有 1 人未填写');
    expect(await rows('select closed_at as c from rating_cycles where id = ?', cycle)).toEqual([{ c: null }]);

    // A rating arrives after the summary was shown: its confirmation is stale and refused, with the new summary.
    const sun = await id('sun.li');
    await press(h, sun, actionOf(await lastCard(h, sun, `rating:${cycle}:${sun}`), 'rating.submit'), {
      [`r_${tom}_dish_quality`]: '4',
    });
    const stale = await press(h, await id(HR), actionOf(summary, 'rating.close'));
    expect(stale.outcome).toBe('invalid');
    expect(textOfCard(stale.card)).toContain('自这份汇总之后评价有了变化');
    expect(textOfCard(stale.card)).not.toContain('出品质量');
    expect(await rows('select closed_at as c from rating_cycles where id = ?', cycle)).toEqual([{ c: null }]);

    const closed = await press(h, await id(HR), actionOf(stale.card!, 'rating.close'));
    expect(closed.outcome).toBe('handled');
    expect(textOfCard(closed.card)).toContain(
      '缺分时未计入的维度：客诉率：6 人中有 6 人未填写; 新品贡献：6 人中有 6 人未填写',
    );
    const detail = await rows<{ detail: string }>(
      "select detail from audit_log where action = 'rating.cycle.close' and subject = ?",
      String(cycle),
    );
    expect(JSON.parse(detail[0]!.detail)).toMatchObject({ leftOut: ['complaints:0/6', 'new_product:0/6'] });
  });

  it('each result says which dimensions were left out and that the rest were reweighted', async () => {
    const result = (await cardsOf(h, await id('ye.qing'))).find((c) => c.header?.title.startsWith('你的评价结果'));
    expect(textOfCard(result)).toContain('未评维度：客诉率, 新品贡献。综合得分按其余维度重新折算为 100%。');
    await command(h, await id('tom.harris'), 'report', `ratings #${cycle}`);
    const report = textOfCard(await lastCard(h, await id('tom.harris')));
    expect(report).toContain('Complaint rate: 0 of 6');
    expect(report).toContain('Dish quality: 6 of 6');
    expect(report).toContain("left out of that person's composite");
  });
});

describe('/rating import with the cycle number missing or mangled', () => {
  it('says how to write it, with an example, instead of "no cycle with that number"', async () => {
    const hr = await id(HR);
    // What a one-line composer used to send: the CSV joined onto the cycle number's line.
    await command(h, hr, 'rating', 'import 1 email,dimension,value ye.qing@qingyun.example,complaints,2');
    const text = textOfCard(await lastCard(h, hr));
    expect(text).toContain('请在 /rating import 后紧接着写周期编号，再从下一行起粘贴 CSV');
    expect(text).toContain('/rating import 3\\nemail,dimension,value');
    expect(text).not.toContain('没有这个编号');
    await command(h, hr, 'rating', 'import');
    expect(textOfCard(await lastCard(h, hr))).toContain('请在 /rating import 后紧接着写周期编号');
    // A number that is no cycle still says so.
    await command(h, hr, 'rating', 'import 999\nemail,dimension,value\nye.qing@qingyun.example,complaints,2');
    expect(textOfCard(await lastCard(h, hr))).toContain('没有这个编号的评价周期');
  });
});

describe('enrolling in a recommended course: one rule for chat and the mini-app', () => {
  it('chat and web both write the same audit entry and refuse a second enrolment the same way', async () => {
    const recOf = async (u: string) =>
      (await rows<{ id: number }>('select id from recommendations where employee_id = ?', await id(u)))[0]!.id;
    const pan = await id('pan.yue');
    const jiang = await id('jiang.tao');
    const panRec = (await cardsOf(h, pan)).find((c) => c.header?.title.includes('推荐你一门课程'))!;
    // Pan enrols from chat, Jiang from the mini-app.
    expect((await press(h, pan, actionOf(panRec, 'course.enrol'))).toast?.text).toBe('已申请报名');
    const jiangSession = await sandboxSession(h, jiang);
    const web = await call(h, 'POST', `/api/ratings/recommendations/${await recOf('jiang.tao')}/enrol`, {
      session: jiangSession,
    });
    expect(web.body).toMatchObject({ already: false });
    const audits = await rows<{ actor: number; target: string; detail: string }>(
      "select actor_employee_id as actor, subject as target, detail from audit_log where action = 'course.enrol' order by id",
    );
    expect(audits.map((a) => [a.actor, a.target])).toEqual([
      [pan, `recommendation:${await recOf('pan.yue')}`],
      [jiang, `recommendation:${await recOf('jiang.tao')}`],
    ]);
    for (const a of audits) expect(Object.keys(JSON.parse(a.detail)).sort()).toEqual(['courseId', 'requestId']);

    // A second enrolment, crossing paths: nothing new, and the same answer ("already").
    const panSession = await sandboxSession(h, pan);
    const again = await call(h, 'POST', `/api/ratings/recommendations/${await recOf('pan.yue')}/enrol`, {
      session: panSession,
    });
    expect(again.body).toMatchObject({ already: true });
    const jiangRec = (await cardsOf(h, jiang)).find((c) => c.header?.title.includes('推荐你一门课程'))!;
    expect((await press(h, jiang, actionOf(jiangRec, 'course.enrol'))).toast?.text).toBe('你已经申请过报名了。');
    expect(await rows('select count(*) as n from approval_requests where payload like \'%"training"%\'')).toEqual([
      { n: 2 },
    ]);
    expect(await rows("select count(*) as n from audit_log where action = 'course.enrol'")).toEqual([{ n: 2 }]);
    // Someone else's recommendation is refused alike on both paths.
    expect(
      (await call(h, 'POST', `/api/ratings/recommendations/${await recOf('pan.yue')}/enrol`, { session: jiangSession }))
        .status,
    ).toBe(403);
    expect((await press(h, jiang, actionOf(panRec, 'course.enrol'))).outcome).toBe('invalid');
  });
});

describe('course cards', () => {
  it("show the dimension by its name in the reader's language, not its key", async () => {
    await command(h, await id('ye.qing'), 'courses');
    const zh = textOfCard(await lastCard(h, await id('ye.qing')));
    expect(zh).toContain('主动性与责任感工作坊** · 工作态度');
    expect(zh).not.toMatch(/· (attitude|dish_quality|complaints)\b/);
    await command(h, await id('tom.harris'), 'courses');
    expect(textOfCard(await lastCard(h, await id('tom.harris')))).toContain(
      'Kitchen standards refresher** · Dish quality',
    );
  });
});
