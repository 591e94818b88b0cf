// A person's status page over the API, on both databases: HR, the direct manager, a second-level manager and
// the head of the company open it (200, each view audited); a peer, another store's head, an HR colleague
// without the HR role and the person themself get 403 with the reason, an unknown id 404 — nothing audited for
// them. The page holds the ratings per closed cycle, twelve complete weeks of attendance, task completion by
// month, points, training, conversations and both signals with the facts that fired them; proposing the
// conversation creates it once (audited, a card to the manager), and only for a signal the facts support.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { HR, personId } from '../support/training-history.js';
import { LATE, statusHistory, TASKS } from '../support/status-history.js';
import { command, lastCard, textOfCard } from '../support/cards.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
let ye = 0;
beforeAll(async () => {
  h = await startHarness();
  ye = await statusHistory(h);
});
afterAll(async () => h?.stop());

const as = async (user: string) => await sandboxSession(h, await personId(h, user));
const views = async () =>
  await h.sql.rows<{ actor: number; subject: string }>(
    "select actor_employee_id as actor, subject from audit_log where action = 'person.status.view' order by id",
  );

interface Status {
  person: { id: number; name: string };
  ratings: { composite: number | null; dimensions: { key: string; score: number | null }[]; lowest: string[] }[];
  attendance: { week: string; late: number; recorded: number }[];
  tasks: { period: string; value: number }[];
  points: { balance: number };
  talks: { id: number; dimension: string; status: string; scores: number[] }[];
  signals: { rule: string; cycleId: number; dimension: string; text: string; talk: { id: number } | null }[];
}

describe('status page access', () => {
  it('HR, the manager, a second-level manager and the company head see it; each view is audited', async () => {
    for (const user of [HR, 'tom.harris', 'sun.li', 'chen.zhiyuan']) {
      const r = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as(user) });
      expect(r.status, user).toBe(200);
      expect((r.body as unknown as Status).person).toMatchObject({ id: ye, name: '叶青 Qing Ye' });
    }
    expect(await views()).toEqual(
      await Promise.all(
        [HR, 'tom.harris', 'sun.li', 'chen.zhiyuan'].map(async (u) => ({
          actor: await personId(h, u),
          subject: `employee:${ye}`,
        })),
      ),
    );
  });

  it('a peer, another store head, an HR colleague without the role and the person get 403; nobody 404', async () => {
    const before = (await views()).length;
    for (const user of ['jiang.tao', 'sophia.lee', 'liu.qiang', 'zhou.ting', 'wang.fang']) {
      const r = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as(user) });
      expect(r.status, user).toBe(403);
      expect(r.body.code, user).toBe('forbidden');
    }
    // The reason in the reader's language: Sophia Lee reads English, Jiang Tao Chinese.
    const sophia = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as('sophia.lee') });
    expect(sophia.body.error).toBe(
      'Only HR and the managers above this person (their manager, and the heads of their units) may open their status page.',
    );
    const jiang = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as('jiang.tao') });
    expect(jiang.body.error).toBe('只有 HR 和此人的上级（直属经理及其所在各级部门的负责人）可以查看其状态页。');
    const self = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as('ye.qing') });
    expect(self.status).toBe(403);
    expect(self.body.error).toBe('状态页供你的上级和 HR 查看。你自己的评分、积分和培训都在应用中你的页面上。');
    const none = await call(h, 'GET', '/api/people/999999/status', { session: await as(HR) });
    expect(none.status).toBe(404);
    // Proposing is refused to them too, before anything is read or written.
    const peer = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
      session: await as('jiang.tao'),
      body: { cycleId: 1, dimension: 'attitude' },
    });
    expect(peer.status).toBe(403);
    expect((await views()).length).toBe(before);
  });
});

describe('who the reader may open', () => {
  it('the store head his store, the manager above him more, HR everyone, an employee nobody; never oneself', async () => {
    const names = async (user: string) =>
      ((await call(h, 'GET', '/api/people/status', { session: await as(user) })).body.people as { name: string }[]).map(
        (p) => p.name,
      );
    expect((await names('tom.harris')).sort()).toEqual(
      ['Sophia Lee', '叶青 Qing Ye', '杜鹏 Peng Du', '潘悦 Yue Pan', '蒋涛 Tao Jiang'].sort(),
    );
    const sunLi = await names('sun.li');
    expect(sunLi).toEqual(expect.arrayContaining(['Tom Harris', '叶青 Qing Ye', '刘强 Qiang Liu', '马超 Chao Ma']));
    expect(sunLi).not.toContain('孙丽 Li Sun');
    expect(sunLi).not.toContain('张伟 Wei Zhang');
    expect(await names('jiang.tao')).toEqual([]);
    const all = await names(HR);
    expect(all).toContain('张伟 Wei Zhang');
    expect(all).not.toContain('林晓雯 Sharon Lin');
  });
});

describe('status page content', () => {
  it('shows ratings per cycle, twelve weeks of attendance, task completion by month and both signals', async () => {
    const r = await call(h, 'GET', `/api/people/${ye}/status`, { session: await as('tom.harris') });
    const s = r.body as unknown as Status;
    expect(s.ratings.map((c) => c.dimensions.find((d) => d.key === 'attitude')?.score)).toEqual([4, 3, 2]);
    expect(s.ratings[2]!.lowest[0]).toBe('Work attitude');
    expect(s.attendance.map((w) => w.late)).toEqual(LATE);
    expect(s.attendance.every((w) => w.recorded === 5)).toBe(true);
    expect(s.tasks.map((t) => t.value)).toEqual(TASKS);
    expect(s.signals.map((x) => [x.rule, x.dimension])).toEqual([
      ['rating_and_late', 'attitude'],
      ['rating_and_tasks', 'attitude'],
    ]);
    const [late, tasks] = s.signals;
    const w = s.attendance.slice(-4).map((x) => x.week);
    expect(late!.text).toBe(
      'Work attitude fell in two cycles in a row (4.0 → 3.0 → 2.0), and late arrivals rose three weeks running ' +
        `(1 → 2 → 3 → 4 late arrivals, weeks ${w[0]} to ${w[3]}).`,
    );
    expect(tasks!.text).toContain('task completion fell two months running (90% → 80% → 70%');
    // The close of the third cycle already asked Tom for this conversation: the signal says so.
    expect(late!.talk).not.toBeNull();
  });

  it('proposing the conversation creates it once, for the manager, audited; an unsupported one is refused', async () => {
    const tom = await as('tom.harris');
    const s = (await call(h, 'GET', `/api/people/${ye}/status`, { session: tom })).body as unknown as Status;
    const signal = s.signals[0]!;
    // Already made at the cycle's close: the same conversation, nothing new.
    const same = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
      session: tom,
      body: { cycleId: signal.cycleId, dimension: 'attitude' },
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ created: false, talk: { id: signal.talk!.id, status: 'open' } });
    // A cycle closed before conversations were made at close: the signal is what proposes it.
    await h.sql.run('delete from performance_talks where employee_id = ?', ye);
    const hr = await as(HR);
    const made = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
      session: hr,
      body: { cycleId: signal.cycleId, dimension: 'attitude' },
    });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({
      created: true,
      manager: { id: await personId(h, 'tom.harris'), name: 'Tom Harris' },
    });
    const again = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
      session: tom,
      body: { cycleId: signal.cycleId, dimension: 'attitude' },
    });
    expect(again.body).toMatchObject({ created: false });
    const talks = await h.sql.rows<{ manager: number; dimension: string; scores: string }>(
      'select manager_id as manager, dimension, scores from performance_talks where employee_id = ?',
      ye,
    );
    expect(talks).toEqual([{ manager: await personId(h, 'tom.harris'), dimension: 'attitude', scores: '[4,3,2]' }]);
    const audited = await h.sql.rows<{ actor: number; detail: string }>(
      "select actor_employee_id as actor, detail from audit_log where action = 'talk.propose'",
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor).toBe(await personId(h, HR));
    expect(JSON.parse(audited[0]!.detail)).toMatchObject({ subjectId: ye, rule: 'rating_and_late' });
    expect((await h.outbox()).some((o) => o.cardKey === `talk:${(made.body.talk as { id: number }).id}`)).toBe(true);

    const bogus = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
      session: tom,
      body: { cycleId: signal.cycleId, dimension: 'skill' },
    });
    expect(bogus.status).toBe(409);
    expect(bogus.body.code).toBe('no_signal');
  });
});

describe('task completion by CSV', () => {
  it('a fresh install defines task completion; HR (reading Chinese) pastes lines all or nothing, with every bad line named', async () => {
    const hr = await as(HR);
    const list = await call(h, 'GET', '/api/hr/indicators', { session: hr });
    expect(
      (list.body.indicators as { key: string; unit: string }[]).find((i) => i.key === 'task_completion'),
    ).toMatchObject({
      unit: 'percent',
    });
    const stored = async () =>
      (await h.sql.row<{ n: number }>(
        "select count(*) as n from indicator_values where indicator_key = 'task_completion'",
      ))!.n;
    const before = Number(await stored());
    const bad = await call(h, 'POST', '/api/hr/indicators/import', {
      session: hr,
      body: {
        indicator: 'task_completion',
        csv: 'employee,period,value\njiang.tao@qingyun.example,2026-01,88\nnobody@qingyun.example,2026-01,70\npan.yue@qingyun.example,2026-01,120\nsophia.lee@qingyun.example,Jan,x',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      { line: 3, message: '第 3 行：组织中没有“nobody@qingyun.example”这个人。' },
      { line: 4, message: '第 4 行：120 不是百分比：该指标的取值范围是 0 到 100。' },
      { line: 5, message: '第 5 行：“x”不是数字。' },
    ]);
    const header = await call(h, 'POST', '/api/hr/indicators/import', {
      session: hr,
      body: { indicator: 'task_completion', csv: 'email,month,value\njiang.tao@qingyun.example,2026-01,88' },
    });
    expect(header.body.problems).toEqual([{ line: 1, message: '第一行必须是表头 employee,period,value。' }]);
    expect(Number(await stored())).toBe(before);
    const good = await call(h, 'POST', '/api/hr/indicators/import', {
      session: hr,
      body: {
        indicator: 'task_completion',
        csv: `employee,period,value\njiang.tao@qingyun.example,2026-01,88\n${await personId(h, 'pan.yue')},2026-01,95%`,
      },
    });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ created: 2, updated: 0, unchanged: 0, claims: 0 });
    expect(Number(await stored())).toBe(before + 2);
    const audited = await h.sql.rows<{ subject: string }>(
      "select subject from audit_log where action = 'indicator.csv.import' order by id",
    );
    expect(audited.at(-1)).toEqual({ subject: 'indicator:task_completion' });
    const notHr = await call(h, 'POST', '/api/hr/indicators/import', {
      session: await as('tom.harris'),
      body: { indicator: 'task_completion', csv: 'employee,period,value\njiang.tao@qingyun.example,2026-02,1' },
    });
    expect(notHr.status).toBe(403);
  });
});

describe('/status in chat', () => {
  it('gives the manager chain and HR the link; a peer the refusal; an unknown or ambiguous name says so', async () => {
    const tom = await personId(h, 'tom.harris');
    await command(h, tom, 'status', '叶青');
    const card = await lastCard(h, tom);
    expect(card.header?.title).toBe('Status: 叶青 Qing Ye');
    expect(textOfCard(card)).toContain('Anonymous survey answers are never part of it.');
    const button = card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.url);
    expect(button?.url).toContain(`/app/people/${ye}`);
    const sunLi = await personId(h, 'sun.li');
    await command(h, sunLi, '状态', 'ye.qing@qingyun.example');
    expect((await lastCard(h, sunLi)).header?.title).toBe('状态：叶青 Qing Ye');

    const sophia = await personId(h, 'sophia.lee');
    await command(h, sophia, 'status', 'Qing Ye');
    const refused = await lastCard(h, sophia);
    expect(textOfCard(refused)).toContain('Only HR and the managers above this person');
    expect(textOfCard(refused)).not.toContain('/app/people/');
    await command(h, tom, 'status', 'Nobody Here');
    expect(textOfCard(await lastCard(h, tom))).toContain('Nobody in the organisation is called “Nobody Here”.');
    await command(h, tom, 'status', '陈');
    expect(textOfCard(await lastCard(h, tom))).toContain('Several people match “陈”');
  });
});
