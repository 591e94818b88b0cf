// Pulse surveys end to end in the sandbox: HR launches to a unit of 8 through a command, 6 people answer
// through the real card form over HTTP, the other 2 get reminders; while the wave is open the report shows
// participation only, and once HR closes it the report shows what the test computes by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, sandboxSignIn, textOf } from '../support/sandbox-client.js';
import { ANSWERS as answers, COMMENTS as comments, RND as rnd } from '../support/rnd-pulse.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const DAY = 24 * 60 * 60 * 1000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const pooled = async () => ((await h.sql.row('select count(*) as n from survey_pool')) as { n: number }).n;
const responses = async () => ((await h.sql.row('select count(*) as n from survey_responses')) as { n: number }).n;

describe('pulse survey in the sandbox', () => {
  let waveId: number;

  it('HR launches a survey to R&D (8 people)', async () => {
    const hr = await id('lin.xiaowen');
    expect((await sb.send(hr, '/survey launch 产品研发部 7')).status).toBe(200);
    const confirm = textOf((await sb.lastBot(hr)).html);
    expect(confirm).toContain('调研已发起');
    expect(confirm).toContain('8 人');
    waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
    for (const u of rnd)
      expect(textOf((await sb.lastBot(await id(u))).html)).toMatch(/团队活力脉搏|Team vitality pulse/);
    // Nobody outside R&D got it.
    expect((await sb.messages(await id('wang.fang'))).length).toBe(0);
  });

  it('six people answer through the card form; answering twice is refused kindly', async () => {
    let n = 0;
    for (const [user, values] of Object.entries(answers)) {
      const person = await id(user);
      const card = await sb.lastBot(person);
      const form = sb.form(card.html!);
      expect(form.action).toEqual({ k: 'survey.answer', id: String(waveId) });
      const ratingFields = form.fields.filter((f) => f !== 'comment');
      expect(ratingFields).toHaveLength(10);
      const submitted: Record<string, string> = Object.fromEntries(ratingFields.map((f, i) => [f, String(values[i])]));
      if (n < comments.length) submitted.comment = comments[n]!;
      const r = await sb.act(person, card.id, form.action, submitted);
      expect(r.status).toBe(200);
      expect(r.body.outcome).toBe('handled');
      const recorded = textOf((r.body.message as { html: string }).html);
      expect(recorded).toMatch(/your answers are in|回答已提交/);
      // Thanks, not the answers: the person's chat keeps no copy of them.
      expect(recorded).not.toMatch(/\d \/ 5|\d \/ 10/);
      if (submitted.comment) expect(recorded).not.toContain(submitted.comment);
      n++;
    }
    const again = await sb.act(
      await id('li.ming'),
      (await sb.lastBot(await id('li.ming'))).id,
      { k: 'survey.answer', id: String(waveId) },
      {},
    );
    expect(textOf((again.body.message as { html: string }).html)).toContain('你已经回答过这份调研了');
    // Sealed in the pool until the wave closes; nothing in the response tables yet.
    expect(await pooled()).toBe(6);
    expect(await responses()).toBe(0);
  });

  it('an incomplete or out-of-range submission gets field errors and records nothing', async () => {
    const person = await id('david.kim');
    const card = await sb.lastBot(person);
    const form = sb.form(card.html!);
    const [first, second] = form.fields;
    const r = await sb.act(person, card.id, form.action, {
      [first!]: '9',
      [second!]: '3',
      comment: 'x'.repeat(501),
      i999: '3',
    });
    expect(r.body.outcome).toBe('invalid');
    const errors = r.body.fieldErrors as Record<string, string>;
    expect(errors[first!]).toBe('This answer is not on the scale.');
    expect(errors[form.fields[2]!]).toBe('Please choose an answer.');
    expect(errors.comment).toBe('Please keep it under 500 characters.');
    expect(errors.i999).toBeDefined();
    expect(await pooled()).toBe(6);
  });

  it('reminds the two who have not answered — never more than configured, never those who answered', async () => {
    const config = h.app.config;
    const platforms = new Set(h.app.adapters.keys());
    const opened = new Date(
      ((await h.sql.row('select opened_at as t from survey_waves where id = ?', waveId)) as { t: string }).t,
    );
    const remindersTo = async () =>
      (await h.outbox())
        .filter(
          (r) =>
            r.cardKey === `survey:${waveId}` &&
            (r.message.includes('温馨提醒') || r.message.includes('friendly reminder')),
        )
        .map((r) => Number(JSON.parse(r.recipient).platformUserId))
        .sort((a, b) => a - b);

    expect((await tick(h.app.db, config, platforms, new Date(opened.getTime() + 2 * DAY))).reminded).toBe(0);
    expect((await tick(h.app.db, config, platforms, new Date(opened.getTime() + 3 * DAY + 60_000))).reminded).toBe(2);
    expect((await tick(h.app.db, config, platforms, new Date(opened.getTime() + 3 * DAY + 120_000))).reminded).toBe(0);
    expect(await remindersTo()).toEqual([await id('david.kim'), await id('wu.hao')].sort((a, b) => a - b));
    // The last day (24 h before closing) is the second and final reminder.
    expect((await tick(h.app.db, config, platforms, new Date(opened.getTime() + 6 * DAY + 60_000))).reminded).toBe(2);
    expect((await tick(h.app.db, config, platforms, new Date(opened.getTime() + 6.9 * DAY))).reminded).toBe(0);
    expect(await remindersTo()).toHaveLength(4);
    await h.drainOutbox();
    expect(textOf((await sb.lastBot(await id('wu.hao'))).html)).toContain('温馨提醒');
  });

  it('while the wave is open, the report shows participation only and says when results appear', async () => {
    const manager = await id('li.ming');
    await sb.send(manager, '/report pulse');
    const report = textOf((await sb.lastBot(manager)).html);
    expect(report).toContain('75% (6/8)');
    expect(report).toContain('本轮结束后');
    expect(report).not.toMatch(/\d\.\d\d|eNPS/);
    for (const c of comments) expect(report).not.toContain(c);
    const hr = await id('lin.xiaowen');
    await sb.send(hr, `/report pulse #${waveId} csv`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(`第 ${waveId} 轮尚未结束`);
    expect(await h.sql.row('select count(*) as n from exports')).toEqual({ n: 0 });
  });

  it('HR closes the wave: its results are published once, written shuffled under their groups, and the pool is empty', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, `/survey close ${waveId}`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain('调研已关闭');
    expect(await pooled()).toBe(0);
    expect(await responses()).toBe(6);
    const rnd = (await h.sql.row("select id from org_units where name = '产品研发部'")) as { id: number };
    expect(await h.sql.rows('select distinct unit_id as u from survey_responses where wave_id = ?', waveId)).toEqual([
      { u: rnd.id },
    ]);
    await sb.send(hr, `/survey close ${waveId}`);
    expect(textOf((await sb.lastBot(hr)).html)).toContain('该调研轮次已经关闭');
    expect(await responses()).toBe(6);
  });

  it('the report shows participation 75% and the averages computed by hand', async () => {
    // attitude: (13+11+14+10+11+13)/18 = 4.00; collaboration: (9+10+9+9+12+9)/18 = 3.22;
    // expression: (9+9+10+6+9+8)/18 = 2.83; eNPS: 3 promoters, 1 detractor of 6 = 33;
    // lowest items: trust 12/6 = 2.00, conflict 14/6 = 2.33, frustration 15/6 = 2.50.
    const manager = await id('li.ming');
    await sb.send(manager, '/report pulse');
    const report = textOf((await sb.lastBot(manager)).html);
    expect(report).toContain('75% (6/8)');
    expect(report).toContain('eNPS 33');
    expect(report).toContain('工作态度: ████████░░ 4.00');
    expect(report).toMatch(/团队协作: [█░]+ 3\.22/);
    expect(report).toMatch(/情绪表达: [█░]+ 2\.83/);
    const friction = report.slice(report.indexOf('摩擦点'));
    expect(friction.indexOf('我相信自己提出的问题会被认真对待并得到解决。 — 2.00')).toBeGreaterThan(0);
    expect(friction.indexOf('团队中的分歧能被公开讨论并公平解决。 — 2.33')).toBeGreaterThan(friction.indexOf('2.00'));
    expect(friction).toContain('工作中让我感到挫败的时刻很少。 — 2.50');
    for (const c of comments) expect(report).toContain(c);
    const audit = await h.sql.rows(
      "select actor_employee_id as actor, subject from audit_log where action = 'survey.report.view'",
    );
    expect(audit).toContainEqual({ actor: manager, subject: `wave:${waveId}` });
  });

  it('HR gets the same data as a CSV download', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, `/report pulse #${waveId} csv`);
    const link = /href="([^"]+\/exports\/[^"]+)"/
      .exec((await sb.lastBot(hr)).html!)![1]!
      .replace(h.app.config.publicBaseUrl, h.url);
    // The link alone is not enough: without a session it sends the browser to sign in (and back), and
    // someone else's session (not HR) is refused, on the record.
    const anonymous = await fetch(link, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(`/app/signin?next=${encodeURIComponent(new URL(link).pathname)}`);
    const other = await fetch(link, { headers: { cookie: await sandboxSignIn(h.url, await id('zhang.wei')) } });
    expect(other.status).toBe(403);
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'access.forbidden' and actor_employee_id = ? and subject like 'export:%'",
        await id('zhang.wei'),
      ),
    ).toEqual({ n: 1 });
    const res = await fetch(link, { headers: { cookie: await sandboxSignIn(h.url, hr) } });
    expect(res.status).toBe(200);
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'export.download' and actor_employee_id = ? and subject = ?",
        hr,
        `export:pulse:wave:${waveId}`,
      ),
    ).toEqual({ n: 1 });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="pulse-wave-${waveId}.csv"`);
    const csv = await res.text();
    // The header row in the requester's language (HR reads zh-CN), the keys as the second header row.
    expect(csv.split('\n')[0]).toMatch(
      /^组织,回答人数,工作态度,团队协作,情绪表达,我会主动改进工作方式，而不需要别人提醒。,/,
    );
    expect(csv.split('\n')[1]).toBe(
      'unit,responses,attitude,collaboration,expression,attitude.initiative,attitude.responsibility,attitude.resilience,collaboration.communication,collaboration.mutual-help,collaboration.conflict,expression.frustration,expression.solve,expression.trust',
    );
    expect(csv).toContain('青云科技/总部/产品研发部,6,4,3.22,2.83,');
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'export.create' and actor_employee_id = ?",
        hr,
      ),
    ).toEqual({ n: 1 });
    expect((await fetch(`${h.url}/exports/not-a-real-token-at-all-xxxx`)).status).toBe(404);
  });

  it('a manager cannot see a unit outside their subtree; an employee cannot run reports', async () => {
    const before = (await h.outbox()).length;
    await sb.send(await id('li.ming'), '/report pulse 财务部');
    expect(textOf((await sb.lastBot(await id('li.ming'))).html)).toContain('你只能查看自己负责团队的结果');
    await sb.send(await id('zhang.wei'), '/report pulse');
    expect(textOf((await sb.lastBot(await id('zhang.wei'))).html)).toMatch(/我不认识命令|没有权限/);
    expect((await h.outbox()).length).toBe(before + 2);
  });

  it('answering after close says it closed', async () => {
    const card = await sb.lastBot(await id('wu.hao'));
    const form = sb.form(card.html!);
    const r = await sb.act(
      await id('wu.hao'),
      card.id,
      form.action,
      Object.fromEntries(form.fields.filter((f) => f !== 'comment').map((f) => [f, '3'])),
    );
    expect(textOf((r.body.message as { html: string }).html)).toContain('这份调研已经结束');
    expect(await responses()).toBe(6);
    expect(await pooled()).toBe(0);
  });
});
